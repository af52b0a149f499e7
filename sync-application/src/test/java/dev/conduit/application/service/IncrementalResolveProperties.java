package dev.conduit.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.fakes.InMemoryBaselines;
import dev.conduit.application.fakes.InMemoryConduits;
import dev.conduit.application.fakes.InMemoryConflictLog;
import dev.conduit.application.fakes.InMemoryEndpoint;
import dev.conduit.application.fakes.InMemoryEndpoints;
import dev.conduit.application.fakes.InMemoryHistory;
import dev.conduit.application.fakes.InMemoryIndexStore;
import dev.conduit.application.fakes.InMemoryJobLedger;
import dev.conduit.application.fakes.InMemoryLocations;
import dev.conduit.application.fakes.InMemoryLocks;
import dev.conduit.application.fakes.InMemoryTrash;
import dev.conduit.application.fakes.ManualScheduler;
import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.SyncLibrary;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.ConduitName;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.conduit.ConflictPolicy;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.conduit.SyncMode;
import dev.conduit.domain.generation.Verification;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.DeleteLimit;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The incremental resolve (ADR 0031) against the full one, over the in-memory fakes: random edits of both indexes (as
 * scans would write them: files, folders, a folder become a file, removals, moved folders, an ignore file), round after
 * round, each round synced. Before every sync, the plan read from the change journal equals the plan of the whole
 * indexes, action by action and in its totals, in both modes; after every sync that verified, the whole plan is empty
 * (the verification of the changed paths only was honest).
 */
class IncrementalResolveProperties {

    private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");
    private static final LocationId BASELINE = new LocationId(99);

    enum Kind {
        WRITE,
        MKDIR,
        REMOVE,
        TOUCH,
        MOVE
    }

    record Edit(Side side, Kind kind, RelativePath path, RelativePath other, int content) {}

    @Property(tries = 300)
    void theIncrementalPlanIsTheFullPlan(
            @ForAll SyncMode mode,
            @ForAll("settling") ConflictPolicy policy,
            @ForAll("rounds") List<List<Edit>> rounds) {
        World world = new World(mode, policy);
        for (List<Edit> edits : rounds) {
            edits.forEach(world::apply);
            int before = world.store.wholeReads(world.source.id());
            Plan incremental = world.plan(false);
            Statistics.label("incremental")
                    .collect(world.store.wholeReads(world.source.id()) == before ? "sliced" : "whole");
            assertThat(incremental).as("the plan read from the journal").isEqualTo(world.plan(true));
            SyncReport report = world.sync();
            Statistics.label("verification")
                    .collect(report.generation().verification().label());
            if (report.generation().verification().equals(Verification.VERIFIED)) {
                assertThat(world.plan(true).actions())
                        .as("a verified sync leaves nothing to do")
                        .isEmpty();
            }
        }
    }

    @Provide
    Arbitrary<ConflictPolicy> settling() {
        return Arbitraries.of(
                ConflictPolicy.NEWEST_WINS,
                ConflictPolicy.SOURCE_WINS,
                ConflictPolicy.TARGET_WINS,
                ConflictPolicy.KEEP_BOTH);
    }

    @Provide
    Arbitrary<List<List<Edit>>> rounds() {
        Arbitrary<Edit> edit = Combinators.combine(
                        Arbitraries.of(Side.values()),
                        Arbitraries.of(Kind.values()),
                        paths(),
                        paths(),
                        Arbitraries.integers().between(0, 5))
                .as(Edit::new);
        return edit.list()
                .ofMaxSize(8)
                .map(List::ofAll)
                .list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .map(List::ofAll);
    }

    private static Arbitrary<RelativePath> paths() {
        Arbitrary<RelativePath> nested = Arbitraries.of("a", "b", "c")
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(names -> RelativePath.parse(String.join("/", names)).get());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, nested),
                net.jqwik.api.Tuple.of(
                        1, Arbitraries.just(RelativePath.parse(".conduitignore").get())));
    }

    /** A plan as a sync would run it: its actions in order, and its totals. */
    record Plan(java.util.List<String> actions, PlanReport report) {}

    /** Two indexes, a baseline and the sync use case over them. */
    private static final class World {
        final InMemoryIndexStore store = new InMemoryIndexStore();
        final InMemoryLocations locations = new InMemoryLocations();
        final Location source = locations.register("/s", new RootIdentity("s", "2"), NOW);
        final Location target = locations.register("/t", new RootIdentity("t", "2"), NOW);
        final SyncService service;
        final InMemoryEndpoint sourceEndpoint;
        final InMemoryEndpoint targetEndpoint;
        private long clock = 1_000_000_000L;
        /** The disk of the side being edited: every edit of its index is made there too, as a scan found it. */
        private dev.conduit.application.fakes.InMemoryFileTree disk;

        World(SyncMode mode, ConflictPolicy policy) {
            java.util.List<String> journal = java.util.Collections.synchronizedList(
                    new java.util.ArrayList<>()); // both roots are scanned at once
            ConduitSettings d = ConduitSettings.DEFAULTS;
            Conduit conduit = new Conduit(
                    new ConduitId(1),
                    new ConduitName("docs"),
                    new Endpoint("/s", source.identity()),
                    new Endpoint("/t", target.identity()),
                    new ConduitSettings(
                            mode,
                            d.schedule(),
                            policy,
                            d.delete(),
                            d.ignorePatterns(),
                            d.readIgnoreFiles(),
                            d.parallel(),
                            d.bandwidth()),
                    true,
                    Option.none());
            InMemoryTrash trash = new InMemoryTrash();
            sourceEndpoint = new InMemoryEndpoint(source, trash, journal).writingItsDisk();
            targetEndpoint = new InMemoryEndpoint(target, trash, journal).writingItsDisk();
            service = new SyncService(
                    new SyncLibrary(
                            new InMemoryConduits().with(conduit),
                            locations,
                            store,
                            new InMemoryHistory(journal).keepingBaselineIn(store, BASELINE),
                            new InMemoryJobLedger(journal, 1),
                            trash,
                            new InMemoryLocks(),
                            new InMemoryBaselines(store, BASELINE),
                            new InMemoryConflictLog(journal)),
                    new InMemoryEndpoints().with(sourceEndpoint).with(targetEndpoint),
                    new ManualScheduler(),
                    Clock.fixed(NOW, ZoneOffset.UTC));
        }

        Plan plan(boolean full) {
            java.util.List<String> actions = new java.util.ArrayList<>();
            PlanReport report = service.plan(new SyncConduit.PlanQuery(
                            "docs", action -> actions.add(action.toString()), SyncListener.NONE, full))
                    .get();
            return new Plan(actions, report);
        }

        SyncReport sync() {
            return service.sync(new SyncConduit.Command(
                            "docs", new SyncConduit.Options(true, DeleteLimit.DEFAULT), SyncListener.NONE))
                    .get();
        }

        /** One edit, as a scan of that side would write it into the index. */
        void apply(Edit edit) {
            LocationId at = (edit.side() == Side.SOURCE ? source : target).id();
            disk = (edit.side() == Side.SOURCE ? sourceEndpoint : targetEndpoint).disk();
            Option<IndexEntry> there = store.entry(at, edit.path());
            switch (edit.kind()) {
                case WRITE -> put(at, file(edit.path(), edit.content()));
                case MKDIR -> put(at, folder(edit.path()));
                case REMOVE ->
                    there.forEach(gone -> {
                        disk.delete(edit.path().value());
                        batch(at, List.of(edit.path()), List.empty(), List.empty());
                    });
                case TOUCH -> there.forEach(entry -> put(at, touched(entry)));
                case MOVE -> move(at, edit.path(), edit.other());
            }
        }

        private void move(LocationId at, RelativePath from, RelativePath to) {
            boolean possible = store.entry(at, from).isDefined()
                    && store.entry(at, to).isEmpty()
                    && !from.equals(to)
                    && !from.isAncestorOf(to);
            if (possible) {
                ensureFolders(at, to.parent());
                disk.move(from.value(), to.value());
                store.moveTree(at, from, to);
            }
        }

        /** An entry put at its path: the folders above it made, a folder that was there emptied. */
        private void put(LocationId at, IndexEntry entry) {
            ensureFolders(at, entry.path().parent());
            boolean emptied =
                    !entry.isDirectory() && store.entry(at, entry.path()).exists(IndexEntry::isDirectory);
            if (emptied) {
                disk.delete(entry.path().value());
            }
            disk.place(entry);
            batch(at, List.empty(), emptied ? List.of(entry.path()) : List.empty(), List.of(entry));
        }

        private void ensureFolders(LocationId at, RelativePath folder) {
            List<IndexEntry> missing = List.empty();
            for (RelativePath up = folder; !up.isRoot(); up = up.parent()) {
                if (!store.entry(at, up).exists(IndexEntry::isDirectory)) {
                    missing = missing.prepend(folder(up));
                }
            }
            if (!missing.isEmpty()) {
                missing.forEach(disk::place);
                batch(at, List.empty(), List.empty(), missing);
            }
        }

        private void batch(
                LocationId at, List<RelativePath> removals, List<RelativePath> emptied, List<IndexEntry> upserts) {
            store.write(at, new IndexStore.IndexBatch(removals, emptied, upserts));
        }

        private IndexEntry file(RelativePath path, int content) {
            String hex = "0123456789abcdef".substring(content, content + 1);
            return new IndexEntry(
                    path,
                    FileStat.file(content + 1, tick(), 0644, Option.none()),
                    Option.some(new ContentHash(hex.repeat(64))),
                    clock);
        }

        private IndexEntry folder(RelativePath path) {
            return new IndexEntry(path, FileStat.directory(tick(), 0755, Option.none()), Option.none(), clock);
        }

        private IndexEntry touched(IndexEntry entry) {
            FileStat stat = entry.stat();
            FileStat later = entry.isDirectory()
                    ? FileStat.directory(tick(), stat.mode(), Option.none())
                    : FileStat.file(stat.size(), tick(), stat.mode(), Option.none());
            return entry.isDirectory() || entry.stat().isFile()
                    ? new IndexEntry(entry.path(), later, entry.hash(), clock)
                    : entry;
        }

        private long tick() {
            clock += 1_000_000_000L;
            return clock;
        }
    }
}
