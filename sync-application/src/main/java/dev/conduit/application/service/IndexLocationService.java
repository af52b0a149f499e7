package dev.conduit.application.service;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexListener;
import dev.conduit.application.port.in.IndexListener.IndexProgress;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.in.PeerIgnoreFiles;
import dev.conduit.application.port.in.ScanProblem;
import dev.conduit.application.port.out.FileSystemProbe;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.FileTree.Listed;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.IndexStore.IndexBatch;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.ScanLeases;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.domain.ignore.IgnoreRules;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexChange;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.RescanRules;
import dev.conduit.domain.index.ReservedNames;
import dev.conduit.domain.index.RootFileSystem;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Incremental scan of one location. Directories are visited in the order of their paths (code-point order), which is
 * the order of one streamed query over the index grouped by directory: the walk and the index are merged like two
 * sorted lists, so a scan costs one query and one lstat per entry, and memory is bounded by the widest directory and
 * the directories still to visit, never by the number of files.
 *
 * <p>A folder inside a location is scanned as part of that location (its subtree only), with the ignore files of
 * the folders above it in force. Every entry is stat'ed; only files that {@link RescanRules#needsHash} are read, and
 * only the extended attributes of entries that {@link RescanRules#needsXattrs}.
 * Entries that are gone are removed with everything below them; a directory that cannot be listed keeps its indexed
 * contents (an unreadable folder is not an empty one). Writes go in batches of {@value #BATCH_SIZE} rows, one transaction each.
 */
public final class IndexLocationService implements IndexLocation {

    static final int BATCH_SIZE = 2000;
    /** Threads that list directories and hash files for a scan: lstat and reads overlap even on two cores. */
    static final int WORKERS = 4;

    static final int LOOKAHEAD = 64;

    private final FileTree tree;
    private final FileSystemProbe probe;
    private final LocationRepository locations;
    private final IndexStore store;
    private final Clock clock;
    private final Scheduler scheduler;
    private final ScanLeases leases;

    public IndexLocationService(
            FileTree tree,
            FileSystemProbe probe,
            LocationRepository locations,
            IndexStore store,
            Clock clock,
            Scheduler scheduler) {
        this(tree, probe, locations, store, clock, scheduler, ScanLeases.NONE);
    }

    /**
     * With the leases that keep two full scans of one location from running at once (ADR 0049): the second waits
     * for the first, then finds what it recorded.
     */
    public IndexLocationService(
            FileTree tree,
            FileSystemProbe probe,
            LocationRepository locations,
            IndexStore store,
            Clock clock,
            Scheduler scheduler,
            ScanLeases leases) {
        this.tree = tree;
        this.probe = probe;
        this.locations = locations;
        this.store = store;
        this.clock = clock;
        this.scheduler = scheduler;
        this.leases = leases;
    }

    @Override
    public Either<IndexFailure, IndexReport> index(Command command) {
        Instant started = clock.instant();
        Path given = command.root().toAbsolutePath().normalize();
        return tree.identify(given).mapLeft(problem -> failure(problem, given)).map(root -> {
            String path = root.canonical().toString();
            Location found =
                    locations.findEnclosing(path).getOrElse(() -> locations.register(path, root.identity(), started));
            Path locationRoot = Path.of(found.root());
            RelativePath scope = RelativePath.parse(
                            locationRoot.relativize(root.canonical()).toString())
                    .getOrElseThrow(problem -> new IllegalStateException(path + " is not inside " + locationRoot));
            Location location = probed(
                    found,
                    command.readOnly(),
                    scope.isRoot()
                            ? Option.some(root.identity().device())
                            : tree.identify(locationRoot)
                                    .map(at -> at.identity().device())
                                    .toOption());
            IgnoreRules patterns = IgnoreRules.defaults().with(scope, command.ignorePatterns());
            Scan scan = new Scan(
                    location,
                    locationRoot,
                    scope,
                    command.readIgnoreFiles(),
                    command.hashNewFiles(),
                    command.listener(),
                    command.peerIgnore(),
                    command.onlyFolders()
                            .map(folders -> folders.map(scope::resolve)
                                    .distinct()
                                    .sorted((a, b) -> RelativePath.compareCodePoints(a.value(), b.value()))),
                    epochNanos(started));
            // A full scan waits while another one of its location runs (in any process), then reads the index as
            // that one left it: what it recorded is compared, not found and written again (ADR 0049). A shallow
            // scan of a few folders takes no lease: it is short, and a live index must not wait behind a long scan.
            // A plan does not wait: while another scan holds the lease, it reads the index as that scan has recorded
            // it so far, and says so (ADR 0050); a location never indexed is scanned, after the wait, as by a sync.
            Option<ScanLeases.Lease> free =
                    command.onlyFolders().isEmpty() && command.planning() ? leases.ifFree(location) : Option.none();
            if (command.onlyFolders().isEmpty()
                    && command.planning()
                    && free.isEmpty()
                    && store.count(location.id()) > 0) {
                leases.planningAsRecorded(location);
                return scan.report(Duration.between(started, clock.instant()));
            }
            try (ScanLeases.Lease lease = free.getOrElse(
                    () -> command.onlyFolders().isEmpty() ? leases.await(location) : ScanLeases.NONE.await(location))) {
                scan.run(patterns);
                Instant completed = clock.instant();
                // A plan's scan records what it found, not when it ended: a plan of an unchanged tree then writes
                // nothing, so it never waits for another process's write lock and never folds the log (ADR 0056).
                if (scope.isRoot() && !command.planning()) {
                    locations.recordScan(location.id(), completed);
                }
                return scan.report(Duration.between(started, completed));
            }
        });
    }

    /**
     * The location with what its root's file system can hold: probed when it never was, or was on another device.
     * A root that cannot be probed (read-only, say) is taken for a POSIX one, and probed again next time. A root
     * only read is probed without writing in it, or not yet (ADR 0040).
     */
    private Location probed(Location location, boolean readOnly, Option<String> device) {
        if (device.isEmpty() || !location.needsProbe(device.get())) {
            return location;
        }
        Path root = Path.of(location.root());
        return (readOnly ? probe.probeReading(root) : probe.probe(root))
                .map(traits -> {
                    RootFileSystem fileSystem = new RootFileSystem(device.get(), traits);
                    locations.recordFileSystem(location.id(), fileSystem);
                    return location.withFileSystem(fileSystem);
                })
                .getOrElse(location);
    }

    private static IndexFailure failure(FileTree.RootProblem problem, Path root) {
        String path = root.toString();
        return switch (problem.kind()) {
            case MISSING -> new IndexFailure.RootMissing(path);
            case NOT_A_DIRECTORY -> new IndexFailure.NotADirectory(path);
            case UNREADABLE -> new IndexFailure.RootUnreadable(path, problem.reason());
            case CONNECTION_LOST -> new IndexFailure.ConnectionLost(path, problem.reason());
        };
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** The state of one scan. */
    private final class Scan {

        private final Location location;
        private final Path root;
        private final RelativePath scope;
        private final boolean readIgnoreFiles;
        private final boolean hashNewFiles;
        private final IndexListener listener;
        /** The ignore files of the conduit's other root: they apply here too. */
        private final Option<PeerIgnoreFiles> peer;
        /** The only folders to look at, shallowly, in code-point order (relative to the location); none: all. */
        private final Option<Seq<RelativePath>> only;
        /** When the scan was asked for (before any wait for the location's lease), in epoch nanoseconds. */
        private final long startedNanos;

        private final java.util.List<RelativePath> removals = new ArrayList<>();
        private final java.util.List<RelativePath> emptied = new ArrayList<>();
        private final java.util.List<IndexEntry> upserts = new ArrayList<>();
        private final java.util.List<IndexEntry> refreshed = new ArrayList<>();
        private final java.util.List<ScanProblem> problems = new ArrayList<>();
        private final java.util.List<RelativePath> temporaries = new ArrayList<>();
        private long created;
        private long modified;
        private long removed;
        private long unchanged;
        private long filesHashed;
        private long bytesHashed;
        private long errors;
        private long warnings;

        Scan(
                Location location,
                Path root,
                RelativePath scope,
                boolean readIgnoreFiles,
                boolean hashNewFiles,
                IndexListener listener,
                Option<PeerIgnoreFiles> peer,
                Option<Seq<RelativePath>> only,
                long startedNanos) {
            this.peer = peer;
            this.startedNanos = startedNanos;
            this.only = only;
            this.hashNewFiles = hashNewFiles;
            this.location = location;
            this.root = root;
            this.scope = scope;
            this.readIgnoreFiles = readIgnoreFiles;
            this.listener = listener;
        }

        /** Scans the scope with {@code patterns} and the ignore files of the folders above it. */
        void run(IgnoreRules patterns) {
            IgnoreRules rules = rulesAbove(patterns);
            if (rules.excludes(scope, true)) {
                problem(scope, EntryFailure.refused("is ignored by the rules in force: nothing to index"), false);
                return;
            }
            if (only.isEmpty() && !scope.isRoot()) {
                refreshFolderItself(scope);
            }
            ExecutorService workers = scheduler.workers("conduit-scan", WORKERS);
            try (IndexStore.EntryCursor stored = only.isEmpty()
                    ? store.byDirectory(location.id(), scope)
                    : store.inFolders(location.id(), only.get(), true)) {
                Walk walk = new Walk(root, workers);
                if (only.isEmpty()) {
                    walk.add(scope, rules);
                } else {
                    addOnly(walk, rules);
                }
                Indexed indexed = new Indexed(stored);
                while (!walk.isDone()) {
                    Walk.Next next = walk.next();
                    scanDirectory(next, indexed.childrenOf(next.directory()), walk, workers);
                }
            } finally {
                workers.shutdownNow();
            }
            flush();
        }

        /**
         * One directory of the walk: its listing compared with what the index holds for it (what is left of
         * {@code indexed} afterwards is gone), its new and changed entries read on the workers, then taken in.
         */
        private void scanDirectory(
                Walk.Next next, Map<String, IndexEntry> indexed, Walk walk, ExecutorService workers) {
            RelativePath directory = next.directory();
            Either<EntryFailure, Seq<Listed>> listing = next.listing();
            if (listing.isLeft()) {
                problem(
                        directory,
                        listing.getLeft().in("cannot list directory: ").then(" (its indexed contents are kept)"),
                        true);
                return;
            }
            Seq<Listed> children = listing.get();
            IgnoreRules rules = rulesFor(directory, children, next.rules());
            java.util.List<Examined> examined = new ArrayList<>();
            for (Listed child : children) {
                child.fold(
                        found -> {
                            found(directory, found, rules, indexed, walk).forEach(examined::add);
                            return null;
                        },
                        unsupported -> {
                            problem(
                                    directory.child(unsupported.name()),
                                    EntryFailure.skipped(unsupported.what()),
                                    false);
                            return null;
                        },
                        unreadable -> {
                            unreadable(directory, unreadable, indexed);
                            return null;
                        });
            }
            takeAll(examined, workers, next.listedAt());
            finished(directory, indexed.values());
        }

        /**
         * A file, folder or link found: what must be read of it, unless it is ignored (an indexed entry that is now
         * ignored is removed with the gone ones); a folder joins the walk.
         */
        private Option<Examined> found(
                RelativePath directory,
                Listed.Found found,
                IgnoreRules rules,
                Map<String, IndexEntry> indexed,
                Walk walk) {
            RelativePath path = directory.child(found.name());
            if (ReservedNames.isTemporary(found.name()) && !found.stat().isDirectory()) {
                temporaries.add(path);
            }
            if (rules.ignores(path, found.stat().isDirectory())) {
                return Option.none();
            }
            Option<IndexEntry> before = Option.of(indexed.remove(found.name()));
            // A file another scan recorded while this one waited, its hash left to a copy, is left to the copy here
            // too, as a new file is (ADR 0049).
            boolean rehash = RescanRules.needsHash(before, found.stat())
                    && (hashNewFiles
                            || before.isDefined()
                                    && !RescanRules.recordedUnhashedSince(before, found.stat(), startedNanos));
            if (found.stat().isDirectory() && (only.isEmpty() || !before.exists(IndexEntry::isDirectory))) {
                walk.add(path, rules); // a shallow scan enters only folders new to the index
            }
            return Option.some(new Examined(path, before, found.stat(), rehash, needsXattrs(before, found.stat())));
        }

        /**
         * A name that could not be examined: an error; the index keeps what it knew of an exactly named one. A name
         * that is not UTF-8 is shown escaped, and cannot be synced until it is renamed.
         */
        private void unreadable(RelativePath directory, Listed.Unreadable unreadable, Map<String, IndexEntry> indexed) {
            if (ReservedNames.isReserved(unreadable.name())) {
                return; // never indexed: another process's temp file, gone before its stat
            }
            if (unreadable.nameIsExact()) {
                indexed.remove(unreadable.name()); // keep what the index knew about it
                problem(directory.child(unreadable.name()), unreadable.failure(), true);
            } else {
                problem(
                        (directory.isRoot() ? "" : directory.value() + "/") + unreadable.name(),
                        unreadable.failure().then(" (rename it to sync it)"),
                        true);
            }
        }

        /** Reads what the entries need read, on the workers, and takes them in, in their order. */
        private void takeAll(java.util.List<Examined> examined, ExecutorService workers, long examinedAt) {
            java.util.List<Future<Read>> reads = new ArrayList<>(examined.size());
            for (Examined entry : examined) {
                reads.add(entry.rehash() || entry.rereadXattrs() ? workers.submit(() -> read(entry)) : null);
            }
            for (int i = 0; i < examined.size(); i++) {
                take(examined.get(i), reads.get(i) == null ? Read.NOTHING : await(reads.get(i)), examinedAt);
            }
        }

        /** The directory is done: what the index held and the disk no longer has goes; progress; a batch written. */
        private void finished(RelativePath directory, java.util.Collection<IndexEntry> gone) {
            for (IndexEntry entry : gone) {
                removals.add(entry.path());
            }
            listener.progress(
                    new IndexProgress(created + modified + unchanged, filesHashed, bytesHashed, directory.value()));
            if (upserts.size() + refreshed.size() + removals.size() + emptied.size() >= BATCH_SIZE) {
                flush();
            }
        }

        /** A folder scanned on its own is an entry of its parent too: its own row is brought up to date first. */
        private void refreshFolderItself(RelativePath folder) {
            long examinedAt = epochNanos(clock.instant());
            Listed listed = tree.examine(root, folder);
            if (listed instanceof Listed.Found found && found.stat().isDirectory()) {
                Option<IndexEntry> before = store.entry(location.id(), folder);
                Examined examined =
                        new Examined(folder, before, found.stat(), false, needsXattrs(before, found.stat()));
                take(examined, read(examined), examinedAt);
            }
        }

        /**
         * The folders of a shallow scan join the walk, each with the rules of the folders above it (their ignore files
         * and the other root's), unless those rules ignore it; each folder's own entry is brought up to date first.
         */
        private void addOnly(Walk walk, IgnoreRules atScope) {
            for (RelativePath folder : only.get()) {
                IgnoreRules rules = rulesDownTo(folder, atScope);
                if (!folder.equals(scope) && rules.excludes(folder, true)) {
                    continue;
                }
                if (!folder.isRoot()) {
                    refreshFolderItself(folder);
                }
                walk.add(folder, rules);
            }
        }

        /** The rules in force inside {@code folder}'s parent: those of the scope, then of each folder down to it. */
        private IgnoreRules rulesDownTo(RelativePath folder, IgnoreRules atScope) {
            if (!readIgnoreFiles || folder.equals(scope)) {
                return atScope;
            }
            java.util.List<RelativePath> chain = new ArrayList<>();
            for (RelativePath above = folder.parent(); ; above = above.parent()) {
                chain.add(0, above);
                if (above.equals(scope) || above.isRoot()) {
                    break;
                }
            }
            IgnoreRules rules = atScope;
            for (RelativePath above : chain) {
                rules = withPeerIgnoreFile(above, withIgnoreFile(above, rules));
            }
            return rules;
        }

        /** The patterns, then the ignore files of the folders from the root down to the scope's parent. */
        private IgnoreRules rulesAbove(IgnoreRules patterns) {
            IgnoreRules rules = patterns;
            if (!readIgnoreFiles || scope.isRoot()) {
                return rules;
            }
            java.util.List<RelativePath> above = new ArrayList<>();
            for (RelativePath folder = scope.parent(); ; folder = folder.parent()) {
                above.add(0, folder);
                if (folder.isRoot()) {
                    break;
                }
            }
            for (RelativePath folder : above) {
                rules = withIgnoreFile(folder, rules);
            }
            return rules;
        }

        private IgnoreRules rulesFor(RelativePath directory, Seq<Listed> children, IgnoreRules inherited) {
            if (!readIgnoreFiles) {
                return inherited;
            }
            boolean hasIgnoreFile = children.exists(child -> child instanceof Listed.Found found
                    && found.name().equals(ReservedNames.IGNORE_FILE)
                    && found.stat().isFile());
            IgnoreRules own = hasIgnoreFile ? withIgnoreFile(directory, inherited) : inherited;
            return withPeerIgnoreFile(directory, own);
        }

        /**
         * The rules of the same folder's ignore file on the conduit's other root. A file there that cannot be read
         * adds nothing here: the other side's own scan reports it.
         */
        private IgnoreRules withPeerIgnoreFile(RelativePath directory, IgnoreRules inherited) {
            if (peer.isEmpty() || !(scope.isRoot() || directory.equals(scope) || scope.isAncestorOf(directory))) {
                return inherited;
            }
            RelativePath folder = directory.relativeTo(scope);
            Option<Seq<String>> lines = peer.get()
                    .fold(
                            onDisk -> tree.readLines(onDisk.root(), folder.child(ReservedNames.IGNORE_FILE))
                                    .getOrElse(Option.none()),
                            listed -> listed.linesIn(folder));
            return lines.fold(() -> inherited, found -> inherited.with(directory, found));
        }

        private IgnoreRules withIgnoreFile(RelativePath directory, IgnoreRules inherited) {
            RelativePath file = directory.child(ReservedNames.IGNORE_FILE);
            return tree.readLines(root, file)
                    .fold(
                            reason -> {
                                problem(file, reason.in("cannot read ignore rules: "), true);
                                return inherited;
                            },
                            lines -> lines.fold(() -> inherited, found -> inherited.with(directory, found)));
        }

        /** Whether the root's file system keeps extended attributes (as probed; one never probed is taken to). */
        private boolean xattrsHere() {
            return location.traits().userXattrs();
        }

        /** Whether the entry's extended attributes must be read: never on a file system without them. */
        private boolean needsXattrs(Option<IndexEntry> before, FileStat now) {
            return xattrsHere() && RescanRules.needsXattrs(before, now);
        }

        /** Reads what the entry needs read: its content's hash, its extended attributes. */
        private Read read(Examined entry) {
            return new Read(
                    entry.rehash() ? tree.hash(root, entry.path(), entry.stat()) : null,
                    entry.rereadXattrs() ? tree.xattrs(root, entry.path()) : null);
        }

        private void take(Examined examined, Read read, long examinedAt) {
            RelativePath path = examined.path();
            Option<IndexEntry> before = examined.before();
            FileStat stat = examined.stat();
            boolean rehash = examined.rehash();
            Option<ContentHash> hash = Option.none();
            boolean unreadable = false;
            if (rehash) {
                Either<EntryFailure, ContentHash> hashed = read.hash();
                if (hashed.isRight()) {
                    hash = Option.some(hashed.get());
                    filesHashed++;
                    bytesHashed += stat.size();
                } else {
                    unreadable = true;
                    problem(path, hashed.getLeft().in("cannot read: "), true);
                }
            } else if (stat.isFile()) {
                hash = before.flatMap(IndexEntry::hash); // none for a new file left to its copy
            }
            Option<Xattrs> xattrs = before.filter(entry -> entry.kind() == stat.kind() && xattrsHere())
                    .flatMap(IndexEntry::xattrs);
            if (examined.rereadXattrs()) {
                Either<EntryFailure, Option<Xattrs>> found = read.xattrs();
                xattrs = found.getOrElse(Option.none());
                if (found.isLeft() && !unreadable) {
                    problem(path, found.getLeft().in("cannot read its extended attributes: "), true);
                }
            }
            long indexedAt = rehash || examined.rereadXattrs() || before.isEmpty()
                    ? examinedAt
                    : before.get().indexedAtNanos();
            IndexEntry now = new IndexEntry(path, stat, hash, xattrs, indexedAt);
            IndexChange change = RescanRules.classify(before, now);
            switch (change) {
                case NEW -> created++;
                case MODIFIED -> modified++;
                case UNCHANGED -> unchanged++;
            }
            if (before.isDefined() && before.get().isDirectory() && !stat.isDirectory()) {
                emptied.add(path); // a folder became a file: drop what was below it
            }
            if (RescanRules.needsWrite(before, now, false)) {
                upserts.add(now);
            } else if (rehash || examined.rereadXattrs()) {
                refreshed.add(now); // read again, found as recorded: a new examination time, not a change
            }
        }

        private void problem(RelativePath path, EntryFailure failure, boolean error) {
            problem(path.isRoot() ? "." : path.value(), failure, error);
        }

        /** {@code path}: relative to the root, as people should read it (a name that is not UTF-8 escaped). */
        private void problem(String path, EntryFailure failure, boolean error) {
            if (error) {
                errors++;
            } else {
                warnings++;
            }
            if (problems.size() < IndexReport.MAX_LISTED_PROBLEMS) {
                problems.add(new ScanProblem(path, failure, error));
            }
        }

        private void flush() {
            IndexBatch batch = new IndexBatch(
                    List.ofAll(removals), List.ofAll(emptied), List.ofAll(upserts), List.ofAll(refreshed));
            if (!batch.isEmpty()) {
                removed += store.write(location.id(), batch);
            }
            removals.clear();
            emptied.clear();
            upserts.clear();
            refreshed.clear();
        }

        IndexReport report(Duration elapsed) {
            return new IndexReport(
                    location,
                    scope,
                    created,
                    modified,
                    removed,
                    unchanged,
                    filesHashed,
                    bytesHashed,
                    List.ofAll(problems),
                    errors,
                    warnings,
                    List.ofAll(temporaries),
                    elapsed);
        }
    }

    /**
     * One entry found on disk, with what the index knew of it and whether its content and its extended attributes
     * must be read.
     */
    private record Examined(
            RelativePath path, Option<IndexEntry> before, FileStat stat, boolean rehash, boolean rereadXattrs) {}

    /** What was read of one entry: its hash, its extended attributes (each null when not read). */
    private record Read(Either<EntryFailure, ContentHash> hash, Either<EntryFailure, Option<Xattrs>> xattrs) {
        static final Read NOTHING = new Read(null, null);
    }

    /**
     * The directories still to visit, in code-point order of their paths, with their listings read ahead by the
     * workers: up to {@value #LOOKAHEAD} directories are listed (and their entries lstat'ed) while the scan compares
     * earlier ones with the index.
     */
    private final class Walk {

        private final TreeMap<RelativePath, IgnoreRules> pending =
                new TreeMap<>((a, b) -> RelativePath.compareCodePoints(a.value(), b.value()));
        private final Map<RelativePath, Future<Listing>> listings = new HashMap<>();
        private final Path root;
        private final ExecutorService workers;

        Walk(Path root, ExecutorService workers) {
            this.root = root;
            this.workers = workers;
        }

        void add(RelativePath directory, IgnoreRules rules) {
            pending.put(directory, rules);
        }

        boolean isDone() {
            return pending.isEmpty();
        }

        Next next() {
            Map.Entry<RelativePath, IgnoreRules> first = pending.pollFirstEntry();
            RelativePath directory = first.getKey();
            Future<Listing> ahead = listings.remove(directory);
            readAhead();
            Listing listing = ahead == null ? list(directory) : await(ahead);
            return new Next(directory, first.getValue(), listing.listing(), listing.listedAt());
        }

        /** Reads the clock before the listing: the entries were seen no earlier, which keeps the racy rule safe. */
        private Listing list(RelativePath directory) {
            long listedAt = epochNanos(clock.instant());
            return new Listing(tree.list(root, directory), listedAt);
        }

        private void readAhead() {
            int ahead = listings.size();
            for (RelativePath directory : pending.keySet()) {
                if (ahead >= LOOKAHEAD) {
                    break;
                }
                if (!listings.containsKey(directory)) {
                    listings.put(directory, workers.submit(() -> list(directory)));
                    ahead++;
                }
            }
        }

        private record Listing(Either<EntryFailure, Seq<Listed>> listing, long listedAt) {}

        /** A directory to scan now: its listing, and the moment just before it was read. */
        record Next(
                RelativePath directory, IgnoreRules rules, Either<EntryFailure, Seq<Listed>> listing, long listedAt) {}
    }

    private static <T> T await(Future<T> work) {
        try {
            return work.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the scan was interrupted", interrupted);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * The stored index, read once in directory order alongside the walk. Asking for the children of a directory skips
     * what belongs to directories the walk did not enter (gone, ignored or unreadable: they are dealt with, or kept,
     * where their parent was scanned).
     */
    private static final class Indexed {

        private final IndexStore.EntryCursor cursor;
        private IndexEntry next;

        Indexed(IndexStore.EntryCursor cursor) {
            this.cursor = cursor;
            this.next = cursor.hasNext() ? cursor.next() : null;
        }

        Map<String, IndexEntry> childrenOf(RelativePath directory) {
            Map<String, IndexEntry> children = new HashMap<>();
            while (next != null) {
                int order = next.path().compareParentWith(directory);
                if (order > 0) {
                    break;
                }
                if (order == 0) {
                    children.put(next.path().name(), next);
                }
                next = cursor.hasNext() ? cursor.next() : null;
            }
            return children;
        }
    }
}
