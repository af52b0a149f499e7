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
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.application.port.out.SyncLibrary;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.ConduitName;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.conduit.Endpoint;
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
import dev.conduit.domain.plan.SyncAction;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sync that reads what changed (ADR 0031), over fakes: each generation records where it left both journals; the next
 * one reads only the paths changed since a clean generation, and nothing at all when nothing changed.
 */
class IncrementalSyncTest {

    private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");
    private static final RootIdentity SOURCE_ID = new RootIdentity("s", "2");
    private static final RootIdentity TARGET_ID = new RootIdentity("t", "2");
    private static final LocationId BASELINE = new LocationId(99);
    private static final Conduit CONDUIT = new Conduit(
            new ConduitId(1),
            new ConduitName("docs"),
            new Endpoint("/s", SOURCE_ID),
            new Endpoint("/t", TARGET_ID),
            ConduitSettings.DEFAULTS,
            true,
            Option.none());

    private final java.util.List<String> journal = Collections.synchronizedList(new java.util.ArrayList<>());
    private final InMemoryIndexStore store = new InMemoryIndexStore();
    private final InMemoryTrash trash = new InMemoryTrash();
    private final InMemoryConduits conduits = new InMemoryConduits().with(CONDUIT);
    private final InMemoryLocations locations = new InMemoryLocations();
    private final Location sourceLocation = locations.register("/s", SOURCE_ID, NOW);
    private final Location targetLocation = locations.register("/t", TARGET_ID, NOW);
    private final InMemoryLocks locks = new InMemoryLocks();
    private final InMemoryHistory history =
            new InMemoryHistory(journal).next(1, Option.none()).keepingBaselineIn(store, BASELINE);
    private final InMemoryConflictLog conflicts = new InMemoryConflictLog(journal);
    private final InMemoryEndpoint source = new InMemoryEndpoint(sourceLocation, trash, journal).writingItsDisk();
    private final InMemoryEndpoint target = new InMemoryEndpoint(targetLocation, trash, journal).writingItsDisk();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final SyncService service = new SyncService(
            new SyncLibrary(
                    conduits,
                    locations,
                    store,
                    history,
                    new InMemoryJobLedger(journal, 21),
                    trash,
                    locks,
                    new InMemoryBaselines(store, BASELINE),
                    conflicts),
            new InMemoryEndpoints().with(source).with(target),
            scheduler,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void everyLockIsLetGo() {
        assertThat(locks.allReleased()).isTrue();
        assertThat(scheduler.running()).isEmpty();
    }

    private static IndexEntry file(String path, char content) {
        return new IndexEntry(
                RelativePath.parse(path).get(),
                FileStat.file(3, 1_000_000_000L, 0644, Option.none()),
                Option.some(new ContentHash(String.valueOf(content).repeat(64))),
                0);
    }

    private static RelativePath path(String raw) {
        return RelativePath.parse(raw).get();
    }

    private void indexed(Location location, IndexEntry... entries) {
        store.write(location.id(), new IndexStore.IndexBatch(List.empty(), List.empty(), List.of(entries)));
    }

    private void removed(Location location, String path) {
        store.write(location.id(), new IndexStore.IndexBatch(List.of(path(path)), List.empty(), List.empty()));
    }

    private SyncReport sync() {
        return sync(SyncConduit.Options.DEFAULT);
    }

    private SyncReport sync(SyncConduit.Options options) {
        journal.clear();
        return service.sync(new SyncConduit.Command("docs", options, SyncListener.NONE))
                .get();
    }

    private int wholeReads() {
        return store.wholeReads(sourceLocation.id())
                + store.wholeReads(targetLocation.id())
                + store.wholeReads(BASELINE);
    }

    private java.util.List<String> plan(boolean full) {
        java.util.List<String> actions = new java.util.ArrayList<>();
        service.plan(new SyncConduit.PlanQuery(
                        "docs", action -> actions.add(describe(action)), SyncListener.NONE, full))
                .get();
        return actions;
    }

    private static String describe(SyncAction action) {
        return action.getClass().getSimpleName() + " " + action.direction() + " " + action.path();
    }

    private SyncHistory.Checkpoint checkpoint() {
        return history.last(CONDUIT.id()).flatMap(SyncHistory.Last::checkpoint).get();
    }

    @Test
    void aGenerationRecordsThePositionsItResolvedAndThoseItsVerificationSawAfterTheJobs() {
        indexed(sourceLocation, file("a", 'a'), file("b", 'b'));
        long sourceAt = store.journalPosition(sourceLocation.id());

        sync();

        SyncHistory.Checkpoint checkpoint = checkpoint();
        assertThat(checkpoint.resolved()).isEqualTo(new SyncHistory.Positions(sourceAt, 0));
        assertThat(checkpoint.verified().source()).isEqualTo(sourceAt);
        assertThat(checkpoint.verified().target())
                .as("the jobs' own writes are behind the positions the next sync starts from")
                .isEqualTo(store.journalPosition(targetLocation.id()))
                .isGreaterThan(0);
        assertThat(checkpoint.settings()).isNotBlank();
    }

    @Test
    void whenNeitherSideMovedSinceACleanGenerationThePlanIsEmptyWithoutReadingAnEntry() {
        indexed(sourceLocation, file("a", 'a'));
        sync();
        int before = wholeReads();

        assertThat(plan(false)).isEmpty();
        SyncReport report = sync();

        assertThat(wholeReads()).as("no join, no verification").isEqualTo(before);
        assertThat(journal.subList(0, 2)).as("both scans, at once").containsExactlyInAnyOrder("index /s", "index /t");
        assertThat(journal.subList(2, journal.size()))
                .containsExactly("begin 1 at " + NOW, "finish /t", "finish 1 verified");
        assertThat(report.generation().verification()).isEqualTo(Verification.VERIFIED);
        assertThat(plan(true)).as("the full plan agrees").isEmpty();
        assertThat(wholeReads()).as("--full joins the whole indexes").isGreaterThan(before);
    }

    @Test
    void aChangeOnEitherSideIsSyncedAndVerifiedByReadingOnlyItsPaths() {
        indexed(sourceLocation, file("keep", 'c'), file("dir/edit", 'a'), file("dir/sub/gone", 'd'));
        sync();
        int before = wholeReads();
        indexed(sourceLocation, file("dir/edit", 'b'));
        removed(sourceLocation, "dir/sub");
        indexed(targetLocation, file("stray", 'e'));

        assertThat(plan(false)).isEqualTo(plan(true));
        before = wholeReads();
        SyncReport report = sync();

        assertThat(wholeReads()).isEqualTo(before);
        assertThat(report.generation().verification()).isEqualTo(Verification.VERIFIED);
        assertThat(report.generation().counts().filesCopied()).isEqualTo(1);
        assertThat(report.generation().counts().filesDeleted()).isEqualTo(2);
        assertThat(store.snapshot(targetLocation.id()).keySet()).containsExactly("dir/edit", "keep");
        assertThat(store.snapshot(targetLocation.id()).get("dir/edit").hash())
                .isEqualTo(file("x", 'b').hash());
    }

    @Test
    void whatTheJobsWroteIsReadBackFromDiskAfterAnIncrementalResolve() {
        indexed(sourceLocation, file("a", 'a'));
        sync();
        target.copies(InMemoryEndpoint::succeed); // says it wrote, writes nothing
        indexed(sourceLocation, file("b", 'b'));

        SyncReport report = sync();

        assertThat(report.generation().verification()).isEqualTo(new Verification.Failed("1 entry differs on disk"));
        indexed(sourceLocation, file("c", 'c'));
        assertThat(sync(new SyncConduit.Options(false, DeleteLimit.DEFAULT, () -> false, false, true))
                        .generation()
                        .verification())
                .as("the last generation was not clean: a whole resolve, verified from the index alone")
                .isEqualTo(Verification.VERIFIED);
        target.writingItsDisk();
        sync();
        indexed(sourceLocation, file("d", 'd'));
        target.copies(InMemoryEndpoint::succeed);
        assertThat(sync(new SyncConduit.Options(false, DeleteLimit.DEFAULT, () -> false, false, true))
                        .generation()
                        .verification())
                .as("a whole verification after an incremental resolve reads the disk too")
                .isEqualTo(new Verification.Failed("1 entry differs on disk"));
    }

    @Test
    void anIgnoreFileThatChangedMakesTheNextSyncReadEverything() {
        indexed(sourceLocation, file("a", 'a'), file("dir/.conduitignore", 'b'));
        sync();
        indexed(sourceLocation, file("dir/.conduitignore", 'c'));
        int before = wholeReads();

        sync();

        assertThat(wholeReads()).isGreaterThan(before);
        before = wholeReads();
        sync();
        assertThat(wholeReads())
                .as("the sync after it reads what changed again")
                .isEqualTo(before);
    }

    @Test
    void aGenerationWithErrorsIsNoReference() {
        indexed(sourceLocation, file("a", 'a'));
        target.copies(InMemoryEndpoint.failing("disk full"));
        assertThat(sync().generation().counts().errors()).isEqualTo(1);
        target.writingItsDisk();
        int before = wholeReads();

        SyncReport report = sync();

        assertThat(wholeReads()).as("read whole").isGreaterThan(before);
        assertThat(report.generation().counts().filesCopied()).isEqualTo(1);
    }

    @Test
    void changedSettingsMakeTheNextSyncReadEverything() {
        indexed(sourceLocation, file("a", 'a'), file("a.tmp", 'f'));
        sync();
        ConduitSettings d = ConduitSettings.DEFAULTS;
        conduits.with(CONDUIT.withSettings(new ConduitSettings(
                d.mode(),
                d.schedule(),
                d.conflict(),
                d.delete(),
                List.of("*.tmp"),
                d.readIgnoreFiles(),
                d.parallel(),
                d.bandwidth())));
        int before = wholeReads();

        sync();

        assertThat(wholeReads()).isGreaterThan(before);
    }

    @Test
    void aForcedFullResolveAndAFullVerificationReadEverything() {
        indexed(sourceLocation, file("a", 'a'));
        sync();
        int before = wholeReads();
        sync(new SyncConduit.Options(false, DeleteLimit.DEFAULT, () -> false, true, false));
        assertThat(wholeReads()).isGreaterThan(before);

        indexed(sourceLocation, file("b", 'b'));
        before = wholeReads();
        sync(new SyncConduit.Options(false, DeleteLimit.DEFAULT, () -> false, false, true));
        assertThat(wholeReads())
                .as("the plan read the slice, the verification everything")
                .isEqualTo(before + 2);
    }

    @Test
    void aMissingRootStillPausesTheConduitWhenNothingChanged() {
        indexed(sourceLocation, file("a", 'a'));
        sync();
        target.disk().noRoot();

        Failure failure =
                service.sync(new SyncConduit.Command("docs", SyncListener.NONE)).getLeft();

        assertThat(failure).isInstanceOf(Failure.Paused.class);
    }

    @Test
    void aVerifiedGenerationForgetsTheRemovalsEveryReaderOfTheLocationIsPast() {
        indexed(sourceLocation, file("a", 'a'), file("b", 'b'), file("c", 'c'), file("d", 'd'));
        sync();
        removed(sourceLocation, "a");
        sync();
        assertThat(store.changedSince(sourceLocation.id(), 0, 100).removed())
                .as("the only reader of the source resolved past it")
                .isEmpty();

        Conduit other = new Conduit(
                new ConduitId(2),
                new ConduitName("other"),
                new Endpoint("/s", SOURCE_ID),
                new Endpoint("/elsewhere", TARGET_ID),
                ConduitSettings.DEFAULTS,
                true,
                Option.none());
        conduits.with(other);
        removed(sourceLocation, "b");
        sync();
        assertThat(store.changedSince(sourceLocation.id(), 0, 100).removed())
                .as("another conduit reads the source and has recorded nothing yet")
                .containsExactly(path("b"));
    }

    @Test
    void aBidirectionalSyncWithNothingChangedReadsNeitherIndexNorBaseline() {
        ConduitSettings d = ConduitSettings.DEFAULTS;
        conduits.with(CONDUIT.withSettings(new ConduitSettings(
                SyncMode.BIDIRECTIONAL,
                d.schedule(),
                d.conflict(),
                d.delete(),
                d.ignorePatterns(),
                d.readIgnoreFiles(),
                d.parallel(),
                d.bandwidth())));
        indexed(sourceLocation, file("from-source", 'a'));
        indexed(targetLocation, file("from-target", 'b'));
        sync();
        int before = wholeReads();

        SyncReport report = sync();

        assertThat(wholeReads()).isEqualTo(before);
        assertThat(report.generation().verification()).isEqualTo(Verification.VERIFIED);
        indexed(targetLocation, file("from-target", 'c'));
        assertThat(plan(false)).isEqualTo(plan(true)).hasSize(1);
    }

    @Test
    void aBidirectionalSyncAfterARemovedFolderReadsTheBaselineBelowItAlone() {
        ConduitSettings d = ConduitSettings.DEFAULTS;
        conduits.with(CONDUIT.withSettings(new ConduitSettings(
                SyncMode.BIDIRECTIONAL,
                d.schedule(),
                d.conflict(),
                d.delete(),
                d.ignorePatterns(),
                d.readIgnoreFiles(),
                d.parallel(),
                d.bandwidth())));
        indexed(sourceLocation, file("dir/a", 'a'), file("dir/b", 'b'), file("keep", 'c'), file("more", 'd'));
        sync();
        removed(sourceLocation, "dir");
        int before = wholeReads();

        SyncReport report = sync();

        assertThat(wholeReads()).isEqualTo(before);
        assertThat(report.generation().verification()).isEqualTo(Verification.VERIFIED);
        assertThat(report.generation().counts().filesDeleted()).isEqualTo(2);
        assertThat(store.snapshot(targetLocation.id()).keySet()).containsExactly("keep", "more");
        assertThat(store.snapshot(BASELINE).keySet()).containsExactly("keep", "more");
    }

    @Test
    void aBidirectionalSyncThatKeepsBothVersionsReadsNoFolderAroundTheChangedPaths() {
        ConduitSettings d = ConduitSettings.DEFAULTS;
        conduits.with(CONDUIT.withSettings(new ConduitSettings(
                SyncMode.BIDIRECTIONAL,
                d.schedule(),
                dev.conduit.domain.conduit.ConflictPolicy.KEEP_BOTH,
                d.delete(),
                d.ignorePatterns(),
                d.readIgnoreFiles(),
                d.parallel(),
                d.bandwidth())));
        indexed(
                sourceLocation,
                file("dir/both", 'a'),
                file("dir/edited", 'b'),
                file("dir/quiet-1", 'c'),
                file("dir/quiet-2", 'd'),
                file("dir/quiet-3", 'e'));
        sync();
        indexed(sourceLocation, file("dir/both", '1'), file("dir/edited", '2'));
        indexed(
                targetLocation,
                new IndexEntry(
                        path("dir/both"),
                        FileStat.file(3, 2_000_000_000L, 0644, Option.none()),
                        Option.some(new ContentHash("3".repeat(64))),
                        0));
        int before = store.readInFolders(sourceLocation.id()) + store.readInFolders(targetLocation.id());
        int lookedUpBefore = store.lookedUp(sourceLocation.id()) + store.lookedUp(targetLocation.id());

        SyncReport report = sync();

        assertThat(store.readInFolders(sourceLocation.id()) + store.readInFolders(targetLocation.id()))
                .as("the phases read the changed paths and what the jobs wrote, not the folders around them")
                .isEqualTo(before);
        assertThat(store.lookedUp(sourceLocation.id()) + store.lookedUp(targetLocation.id()) - lookedUpBefore)
                .as("a pass after a job wrote looks up again what was written and what is new to the slice, not the"
                        + " whole slice (36 paths when it did)")
                .isLessThanOrEqualTo(26);
        assertThat(report.generation().verification()).isEqualTo(Verification.VERIFIED);
        assertThat(report.generation().counts().filesCopied())
                .as("the edit, the winner, the loser renamed and its conflict copy")
                .isEqualTo(4);
        for (Location side : List.of(sourceLocation, targetLocation)) {
            assertThat(store.snapshot(side.id()).keySet())
                    .as("both versions on both sides")
                    .contains("dir/both", "dir/edited", "dir/quiet-1", "dir/quiet-2", "dir/quiet-3")
                    .filteredOn(name -> name.startsWith("dir/both (conflict "))
                    .hasSize(1);
        }
        assertThat(plan(true)).as("nothing is left to do").isEmpty();
    }
}
