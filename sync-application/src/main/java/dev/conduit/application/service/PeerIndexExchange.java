package dev.conduit.application.service;

import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.in.PeerIgnoreFiles;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.domain.host.RemoteHost;
import dev.conduit.domain.ignore.IgnoreRules;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.ReservedNames;
import dev.conduit.domain.index.RootFileSystem;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;

/**
 * Library sync first (ADR 0039): this library's copy of the index of a root on another host, brought up to date from
 * the peer's own library before any decision. The peer scans its root and streams what changed since the exchange
 * this copy last applied; the changes are written into the copy (a location of that host and root) through the index
 * store, so the copy's change journal moves as a local scan's would and the resolve of ADR 0031 reads it unchanged. A
 * whole exchange replaces the copy. What this side's own ignore files exclude never enters the copy (ADR 0021).
 */
public final class PeerIndexExchange {

    /** The copy's entries are written in batches of this many, one transaction each. */
    static final int BATCH_SIZE = IndexLocationService.BATCH_SIZE;

    /** The identity a copy has until its first exchange says which directory the peer's root is. */
    static final RootIdentity UNKNOWN = new RootIdentity("", "");

    private final LocationRepository locations;
    private final IndexStore store;
    private final FileTree tree;
    private final Clock clock;

    /** @param tree this machine's disk: the local root's ignore files are read from it */
    public PeerIndexExchange(LocationRepository locations, IndexStore store, FileTree tree, Clock clock) {
        this.locations = locations;
        this.store = store;
        this.tree = tree;
        this.clock = clock;
    }

    /**
     * Brings the copy of {@code host}'s root {@code command.root()} up to date from {@code peer}, with the command's
     * rules; {@code command.peerIgnore()} names this side's root, whose ignore files keep entries out of the copy.
     */
    public Either<IndexFailure, IndexReport> exchange(RemoteHost host, PeerIndex peer, IndexLocation.Command command) {
        Instant started = clock.instant();
        String root = command.root().toString();
        Location copy = locations
                .findRemote(host, root)
                .getOrElse(() -> locations.register(Option.some(host), root, UNKNOWN, started));
        long before = store.journalPosition(copy.id());
        Writer writer = new Writer(copy, localRules(command));
        PeerIndex.PeerScan scan = scan(command);
        Either<IndexFailure, PeerIndex.PeerState> exchanged =
                peer.changes(scan, locations.peerPosition(copy.id()), writer);
        writer.flush(); // what arrived is kept: applied again, it changes nothing
        return exchanged.map(state -> {
            long gone = state.whole() ? store.removeWrittenUpTo(copy.id(), before) : 0;
            locations.recordExchange(copy.id(), state.position(), state.identity());
            RootFileSystem fileSystem = new RootFileSystem(state.identity().device(), state.traits());
            if (!copy.fileSystem().contains(fileSystem)) {
                locations.recordFileSystem(copy.id(), fileSystem);
            }
            return report(copy.withFileSystem(fileSystem), writer, gone, state, started);
        });
    }

    /**
     * What an exchange asks the peer to scan for {@code command}: its root, rules and whether new files are hashed. The
     * scans said ahead at the connect are made by the same function ({@link PeerIndex.ScanAhead#of}), so that they
     * match the request exactly (ADR 0055).
     */
    static PeerIndex.PeerScan scan(IndexLocation.Command command) {
        return new PeerIndex.PeerScan(
                command.root().toString(),
                command.ignorePatterns(),
                command.readIgnoreFiles(),
                command.hashNewFiles(),
                command.listener());
    }

    /**
     * This side's jobs wrote into {@code host}'s root {@code root}, and their results are in the copy: when the peer
     * recorded the same results in its own index and nothing else wrote there since this sync's exchange, the copy
     * takes the position they got the peer's journal to, and the next exchange does not send them back (ADR 0051).
     * Only from the position the copy holds: a copy that moved on meanwhile keeps its own.
     *
     * <p>The peer is asked at once; its answer is taken, and the copy's position read again, by the step returned,
     * which the sync runs after its verification (the two questions in one round trip, ADR 0062).
     */
    public Runnable settle(RemoteHost host, PeerIndex peer, String root) {
        Option<Location> copy = locations.findRemote(host, root);
        if (copy.isEmpty()) {
            return () -> {};
        }
        Option<PeerIndex.PeerPosition> held = locations.peerPosition(copy.get().id());
        if (held.isEmpty()) {
            return () -> {};
        }
        java.util.function.Supplier<Option<PeerIndex.Settled>> answer = peer.settling(root);
        return () -> answer.get()
                .filter(settled -> locations.peerPosition(copy.get().id()).contains(settled.from())
                        && settled.to().library().equals(settled.from().library())
                        && settled.to().position() > settled.from().position())
                .forEach(settled -> locations.recordExchange(
                        copy.get().id(), settled.to(), copy.get().identity()));
    }

    private IndexReport report(Location copy, Writer writer, long gone, PeerIndex.PeerState state, Instant started) {
        return new IndexReport(
                new Location(copy.id(), copy.root(), state.identity(), copy.fileSystem(), copy.host()),
                RelativePath.ROOT,
                0,
                writer.changed,
                writer.removed + gone,
                0,
                0,
                0,
                state.problems(),
                state.errorCount(),
                state.warningCount(),
                state.temporaries(),
                Duration.between(started, clock.instant()),
                Option.some(new PeerIgnoreFiles.Listed(state.ignoreFiles())));
    }

    /** This side's ignore files, when they apply to the peer's entries (ADR 0021: on a side the conduit writes). */
    private Option<LocalRules> localRules(IndexLocation.Command command) {
        if (!command.readIgnoreFiles()) {
            return Option.none();
        }
        return command.peerIgnore()
                .flatMap(files ->
                        files.<Option<Path>>fold(onDisk -> Option.some(onDisk.root()), listed -> Option.none()))
                .map(LocalRules::new);
    }

    /**
     * The rules of this side's {@code .conduitignore} files, folder by folder, each file read once per exchange when
     * an entry below its folder arrives. Nothing else: the peer applied the conduit's patterns and its own files.
     */
    private final class LocalRules {
        private final Path root;
        private final java.util.Map<RelativePath, IgnoreRules> rules = new HashMap<>();
        private final java.util.Map<RelativePath, Boolean> excludedFolders = new HashMap<>();

        LocalRules(Path root) {
            this.root = root;
        }

        boolean excludes(RelativePath path, boolean isDirectory) {
            RelativePath parent = path.parent();
            if (!parent.isRoot() && excludedFolder(parent)) {
                return true;
            }
            return rulesIn(parent).ignores(path, isDirectory);
        }

        private boolean excludedFolder(RelativePath folder) {
            Boolean known = excludedFolders.get(folder);
            if (known == null) {
                known = excludes(folder, true);
                excludedFolders.put(folder, known);
            }
            return known;
        }

        private IgnoreRules rulesIn(RelativePath folder) {
            IgnoreRules known = rules.get(folder);
            if (known == null) {
                IgnoreRules above = folder.isRoot() ? IgnoreRules.none() : rulesIn(folder.parent());
                known = tree.readLines(root, folder.child(ReservedNames.IGNORE_FILE))
                        .getOrElse(Option.none())
                        .fold(() -> above, lines -> above.with(folder, lines));
                rules.put(folder, known);
            }
            return known;
        }
    }

    /**
     * Takes the streamed changes into the copy, in batches, in the order they come: a peer streams a path's removal
     * before its entry when the path was removed and made again (a folder that became a file).
     */
    private final class Writer implements PeerIndex.ChangeSink {
        private final Location copy;
        private final Option<LocalRules> local;
        private final java.util.List<RelativePath> removals = new ArrayList<>();
        private final java.util.List<IndexEntry> upserts = new ArrayList<>();
        private long changed;
        private long removed;

        Writer(Location copy, Option<LocalRules> local) {
            this.copy = copy;
            this.local = local;
        }

        @Override
        public void changed(IndexEntry entry) {
            if (local.exists(rules -> rules.excludes(entry.path(), entry.isDirectory()))) {
                removals.add(entry.path()); // ignored here: out of the copy, and so is all below it
                flushWhenFull();
                return;
            }
            upserts.add(entry);
            changed++;
            flushWhenFull();
        }

        /** Applied in the order streamed: a path's entries written before are gone, ones streamed later stay. */
        @Override
        public void removed(RelativePath path) {
            if (!upserts.isEmpty()) {
                flush(); // a batch applies its removals first
            }
            removals.add(path);
            flushWhenFull();
        }

        private void flushWhenFull() {
            if (upserts.size() + removals.size() >= BATCH_SIZE) {
                flush();
            }
        }

        void flush() {
            IndexStore.IndexBatch batch =
                    new IndexStore.IndexBatch(List.ofAll(removals), List.empty(), List.ofAll(upserts));
            if (!batch.isEmpty()) {
                removed += store.write(copy.id(), batch);
            }
            removals.clear();
            upserts.clear();
        }
    }
}
