package dev.conduit.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.conduit.application.port.in.EntryError;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexListener;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncPhase;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.SyncLibrary;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.ConduitName;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.conduit.SyncMode;
import dev.conduit.domain.generation.GenerationCounts;
import dev.conduit.domain.generation.JobRecord;
import dev.conduit.domain.generation.SyncProgress;
import dev.conduit.domain.generation.Verification;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.index.RootFileSystem;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.index.TimeGranularity;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.DeleteLimit;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.trash.TrashReason;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sync use case over fakes: two in-memory endpoints beside the in-memory index, and the library's ports in
 * memory. Each fake writes what it was asked to a shared journal; the tests check the journal whole, so that a call
 * the sync should not make fails them as surely as a missing one.
 */
class SyncServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final RootIdentity SOURCE_ID = new RootIdentity("s", "2");
    private static final RootIdentity TARGET_ID = new RootIdentity("t", "2");
    private static final Location SOURCE = new Location(new LocationId(1), "/s", SOURCE_ID);
    private static final Location TARGET = new Location(new LocationId(2), "/t", TARGET_ID);
    private static final LocationId BASELINE = new LocationId(99);
    private static final Conduit CONDUIT = new Conduit(
            new ConduitId(1),
            new ConduitName("docs"),
            new Endpoint("/s", SOURCE_ID),
            new Endpoint("/t", TARGET_ID),
            ConduitSettings.DEFAULTS,
            true,
            Option.none());
    private static final String INTO_TARGET = Direction.SOURCE_TO_TARGET.toString();

    private final java.util.List<String> journal = Collections.synchronizedList(new java.util.ArrayList<>());
    private final InMemoryIndexStore store = new InMemoryIndexStore();
    private final InMemoryTrash trash = new InMemoryTrash();
    private final InMemoryConduits conduits = new InMemoryConduits().with(CONDUIT);
    private final InMemoryLocks locks = new InMemoryLocks();
    private final InMemoryHistory history = new InMemoryHistory(journal).next(4, Option.none());
    private final InMemoryJobLedger jobLedger = new InMemoryJobLedger(journal, 21);
    private final InMemoryEndpoint source = new InMemoryEndpoint(SOURCE, trash, journal);
    private final InMemoryEndpoint target = new InMemoryEndpoint(TARGET, trash, journal);
    private final ManualScheduler scheduler = new ManualScheduler();
    private final InMemoryLocations locations = new InMemoryLocations();
    private final ScansBegun begun = new ScansBegun(scheduler);
    private final SyncService service = new SyncService(
            new SyncLibrary(
                    conduits,
                    locations,
                    store,
                    history,
                    jobLedger,
                    trash,
                    locks,
                    new InMemoryBaselines(store, BASELINE),
                    new InMemoryConflictLog(journal)),
            new InMemoryEndpoints().with(source).with(target),
            scheduler,
            Clock.fixed(NOW, ZoneOffset.UTC),
            begun);

    @AfterEach
    void everyLockIsLetGoAndEveryTimerStopped() {
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

    private void indexed(Location location, IndexEntry... entries) {
        indexed(location.id(), entries);
    }

    private void indexed(LocationId location, IndexEntry... entries) {
        store.write(location, new IndexStore.IndexBatch(List.empty(), List.empty(), List.of(entries)));
    }

    /**
     * The journal, with the two scans that begin it (run at once, in either order) in the sides' order: the order of
     * everything after them is the sync's.
     */
    private java.util.List<String> journal() {
        java.util.List<String> seen = new java.util.ArrayList<>(journal);
        if (seen.size() >= 2 && seen.get(0).equals("index /t") && seen.get(1).equals("index /s")) {
            Collections.swap(seen, 0, 1);
        }
        return seen;
    }

    private Either<Failure, SyncReport> sync(String ref, SyncListener listener) {
        return service.sync(new SyncConduit.Command(ref, listener));
    }

    /** A listener that keeps every progress snapshot it hears. */
    private static SyncListener hearing(java.util.List<SyncProgress> heard) {
        return new SyncListener() {
            @Override
            public void progress(SyncProgress progress) {
                heard.add(progress);
            }
        };
    }

    private static String snapshot(SyncProgress p) {
        return p.phase() + " " + p.filesDone() + "/" + p.filesTotal() + " " + p.bytesDone() + "/" + p.bytesTotal() + " "
                + p.current();
    }

    /** ADR 0060: the folders a mirror's copies touched are looked up together, not one read each. */
    @Test
    void aMirrorLooksTheFoldersItFinishesUpInOneRead() {
        IndexEntry a = new IndexEntry(
                RelativePath.parse("a").get(),
                FileStat.directory(7_000_000_000L, 0750, Option.none()),
                Option.none(),
                0);
        IndexEntry b = new IndexEntry(
                RelativePath.parse("a/b").get(),
                FileStat.directory(8_000_000_000L, 0700, Option.none()),
                Option.none(),
                0);
        indexed(SOURCE, a, b, file("a/one", 'a'), file("a/b/two", 'b'), file("three", 'c'));
        indexed(TARGET, a, b);

        assertThat(sync("1", SyncListener.NONE).get().generation().verification())
                .isEqualTo(Verification.VERIFIED);

        assertThat(store.lookedUp(SOURCE.id()))
                .as("the folders the copies touched (a, a/b), in one read")
                .isEqualTo(2);
        assertThat(target.finished).hasSize(1);
        assertThat(target.finished.get(0).map(folder -> folder.path().value() + " " + folder.mtimeNanos()))
                .containsExactly("a/b 8000000000", "a 7000000000");
    }

    /** ADR 0068: the scan begun ahead of a new conduit is its first sync's scan of that root, and no later sync's. */
    @Test
    void theFirstSyncTakesTheScanBegunAheadOfItAndTheNextScansAgain() {
        indexed(SOURCE, file("new", 'a'));
        java.util.concurrent.atomic.AtomicInteger ahead = new java.util.concurrent.atomic.AtomicInteger();
        dev.conduit.application.port.in.IndexLocation indexer = command -> {
            ahead.incrementAndGet();
            return Either.right(InMemoryEndpoint.report(SOURCE));
        };
        begun.begin(indexer, IndexRefresh.command(CONDUIT, Side.SOURCE, IndexListener.NONE))
                .handTo(CONDUIT.id());

        sync("1", SyncListener.NONE).get();
        assertThat(journal()).as("the source not scanned again").doesNotContain("index /s");
        assertThat(ahead).hasValue(1);

        journal.clear();
        begun.begin(indexer, IndexRefresh.command(CONDUIT, Side.SOURCE, IndexListener.NONE)); // handed to none
        sync("1", SyncListener.NONE).get();
        assertThat(journal()).as("a later sync scans").contains("index /s");
    }

    /** ADR 0069: a phase the survey found nothing for is not streamed from the indexes again; its job is recorded. */
    @Test
    void aMirrorWithNothingToDeleteHandsItsDeleteJobNothing() {
        indexed(SOURCE, file("new", 'a'), file("same", 'b'));
        indexed(TARGET, file("same", 'b'));

        SyncReport report = sync("1", SyncListener.NONE).get();

        assertThat(journal())
                .containsExactly(
                        "index /s",
                        "index /t",
                        "begin 4 at " + NOW,
                        "queue 21 copy " + INTO_TARGET,
                        "queue 22 delete " + INTO_TARGET,
                        "start 21",
                        "copy /s>/t",
                        "close 21 COMPLETED",
                        "start 22",
                        "close 22 COMPLETED",
                        "finish /t",
                        "finish 4 verified");
        assertThat(report.generation().verification()).isEqualTo(Verification.VERIFIED);
    }

    @Test
    void aMirrorWithOnlyDeletesHandsItsCopyJobNothing() {
        indexed(SOURCE, file("same", 'b'));
        indexed(TARGET, file("same", 'b'), file("old", 'c'));

        SyncReport report = service.sync(new SyncConduit.Command(
                        "1",
                        new SyncConduit.Options(true, DeleteLimit.DEFAULT, () -> false), // 1 of 2: forced
                        SyncListener.NONE))
                .get();

        assertThat(journal())
                .containsExactly(
                        "index /s",
                        "index /t",
                        "begin 4 at " + NOW,
                        "queue 21 copy " + INTO_TARGET,
                        "queue 22 delete " + INTO_TARGET,
                        "start 21",
                        "close 21 COMPLETED",
                        "start 22",
                        "delete /t",
                        "close 22 COMPLETED",
                        "finish /t",
                        "finish 4 verified");
        assertThat(report.generation().verification()).isEqualTo(Verification.VERIFIED);
    }

    @Test
    void copiesFinishBeforeDeletesStartAndTheGenerationIsVerified() {
        indexed(SOURCE, file("new", 'a'), file("same", 'b'));
        indexed(TARGET, file("same", 'b'), file("old", 'c'));

        SyncReport report = sync("1", SyncListener.NONE).get();

        assertThat(journal())
                .containsExactly(
                        "index /s",
                        "index /t",
                        "begin 4 at " + NOW,
                        "queue 21 copy " + INTO_TARGET,
                        "queue 22 delete " + INTO_TARGET,
                        "start 21",
                        "copy /s>/t",
                        "close 21 COMPLETED",
                        "start 22",
                        "delete /t",
                        "close 22 COMPLETED",
                        "finish /t",
                        "finish 4 verified");
        assertThat(history.finished)
                .containsExactly(new InMemoryHistory.Finished(
                        CONDUIT.id(),
                        4,
                        NOW,
                        new GenerationCounts(1, 1, 0, 3, 0),
                        Verification.VERIFIED,
                        Option.none(),
                        List.empty()));
        assertThat(report.generation().verification()).isEqualTo(Verification.VERIFIED);
        assertThat(store.snapshot(TARGET.id()).keySet()).containsExactlyInAnyOrder("new", "same");
        assertThat(locks.released()).isEqualTo(1);
    }

    @Test
    void aRootWhoseIndexAServiceKeepsLiveIsNotScannedAndTheSyncResolvesFromItsIndex() {
        locations.register("/s", SOURCE_ID, NOW);
        locations.register("/t", TARGET_ID, NOW);
        indexed(SOURCE, file("new", 'a'), file("same", 'b'));
        indexed(TARGET, file("same", 'b'));

        SyncReport report = service.sync(new SyncConduit.Command(
                        "1",
                        SyncConduit.Options.DEFAULT.withLive(
                                endpoint -> endpoint.root().equals("/s")),
                        SyncListener.NONE))
                .get();

        assertThat(journal).doesNotContain("index /s").contains("index /t", "copy /s>/t");
        assertThat(report.generation().verification()).isEqualTo(Verification.VERIFIED);
        assertThat(store.snapshot(TARGET.id()).keySet()).containsExactlyInAnyOrder("new", "same");
    }

    @Test
    void aLiveRootNeverIndexedIsScannedAfterAll() {
        indexed(SOURCE, file("new", 'a'));

        sync("1", SyncListener.NONE).get();
        journal.clear();
        service.sync(new SyncConduit.Command(
                        "1", SyncConduit.Options.DEFAULT.withLive(endpoint -> true), SyncListener.NONE))
                .get();

        assertThat(journal).as("no location holds it: nothing to resolve from").contains("index /s", "index /t");
    }

    @Test
    void aSyncSweepsTheTemporariesOfKilledCopiesFromTheSideItWritesWhereAPlanOnlyLooks() {
        RelativePath temporary = RelativePath.parse(".conduit-tmp-1").get();
        for (InMemoryEndpoint side : java.util.List.of(source, target)) {
            side.indexes(command -> Either.right(new IndexReport(
                    side.location(),
                    RelativePath.ROOT,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    List.empty(),
                    0,
                    0,
                    List.of(temporary),
                    Duration.ZERO)));
        }

        service.plan(new SyncConduit.PlanQuery("1", action -> {}, SyncListener.NONE))
                .get();
        assertThat(journal()).containsExactly("index /s", "index /t");

        sync("1", SyncListener.NONE).get();

        assertThat(target.swept).containsExactly(List.of(temporary));
        assertThat(source.swept).as("a mirror's source is only read").isEmpty();
    }

    @Test
    void aSourceFileLeftUnhashedByItsScanLearnsTheHashItsCopyComputed() {
        IndexEntry unhashed = new IndexEntry(
                RelativePath.parse("new").get(),
                FileStat.file(3, 1_000_000_000L, 0644, Option.none()),
                Option.none(),
                0);
        indexed(SOURCE, unhashed);
        ContentHash computed = new ContentHash("d".repeat(64));
        target.copies((order, actions, listener) -> actions.forEachRemaining(action -> listener.done(
                action, Option.some(new IndexEntry(action.path(), unhashed.stat(), Option.some(computed), 5)), 3)));

        SyncReport report = sync("1", SyncListener.NONE).get();

        assertThat(report.generation().verification()).isEqualTo(Verification.VERIFIED);
        assertThat(store.snapshot(SOURCE.id()).get("new").hash()).contains(computed);
        assertThat(store.snapshot(TARGET.id()).get("new").hash()).contains(computed);
        assertThat(source.indexed).extracting(command -> command.hashNewFiles()).containsExactly(false);
        assertThat(target.indexed).extracting(command -> command.hashNewFiles()).containsExactly(true);
    }

    @Test
    void aTargetThatCannotHoldALinkOrTellCaseApartGetsTheRestAndAnErrorForEachAndTheNextPlanIsEmpty() {
        FileSystemTraits exfat = new FileSystemTraits(TimeGranularity.SECOND, false, false, false, false, false);
        Location onExfat = TARGET.withFileSystem(new RootFileSystem("1", exfat));
        target.indexes(command -> Either.right(InMemoryEndpoint.report(onExfat)));
        IndexEntry link = new IndexEntry(
                RelativePath.parse("link").get(),
                FileStat.symlink("README", 1_000_000_000L, 0777, Option.none()),
                Option.none(),
                0);
        indexed(SOURCE, file("README", 'a'), file("Readme", 'b'), link);
        java.util.List<String> copied = new java.util.ArrayList<>();
        target.copies((order, actions, listener) -> actions.forEachRemaining(
                action -> { // what exFAT makes of it: a time to the second, every bit
                    copied.add(action.path().value());
                    IndexEntry wanted = ((SyncAction.Copy) action).wanted();
                    listener.done(
                            action,
                            Option.some(new IndexEntry(
                                    action.path(),
                                    FileStat.file(wanted.stat().size(), 1_000_000_000L, 0777, Option.none()),
                                    wanted.hash(),
                                    5)),
                            3);
                }));
        java.util.List<String> failed = new java.util.ArrayList<>();
        SyncListener listener = new SyncListener() {
            @Override
            public void error(EntryError error) {
                failed.add(error.describe());
            }
        };

        SyncReport report = sync("1", listener).get();

        assertThat(copied).containsExactly("README");
        assertThat(failed)
                .containsExactly(
                        "target Readme: its name differs only in case from README, which the target's file system takes for the"
                                + " same name; not copied (rename one of them)",
                        "target link: the target's file system cannot hold symbolic links; not copied");
        assertThat(report.generation().counts().errors()).isEqualTo(2);
        assertThat(report.generation().verification()).isEqualTo(Verification.VERIFIED);
        java.util.List<SyncAction> planned = new java.util.ArrayList<>();
        journal.clear();
        PlanReport again = service.plan(new SyncConduit.PlanQuery("1", planned::add, SyncListener.NONE))
                .get();
        assertThat(planned).isEmpty();
        assertThat(again.actions()).isZero();
        assertThat(again.refused()).isEqualTo(2);
        assertThat(journal()).as("a plan only looks").containsExactly("index /s", "index /t");
    }

    /** The failures of a disk (a folder the user may not write, a full file system), injected through the port. */
    @ParameterizedTest
    @ValueSource(strings = {"cannot copy: permission denied", "cannot copy: no space left on the device"})
    void aJobFailureLeavesTheGenerationUnverifiedWithTheErrorRecorded(String reason) {
        indexed(SOURCE, file("new", 'a'));
        target.copies(InMemoryEndpoint.failing(reason));

        SyncReport report = sync("1", SyncListener.NONE).get();

        assertThat(report.generation().counts().errors()).isEqualTo(1);
        assertThat(report.generation().verification()).isEqualTo(new Verification.Failed("1 action left"));
        assertThat(report.problems()).containsExactly("target: copy new: " + reason);
        assertThat(store.snapshot(TARGET.id()))
                .as("nothing recorded as written")
                .isEmpty();
        assertThat(history.finished)
                .extracting(InMemoryHistory.Finished::error)
                .containsExactly(Option.some("target: copy new: " + reason));
        assertThat(journal()).contains("close 21 FAILED", "finish 4 failed:1 action left");
    }

    @Test
    void aSyncFirstSettlesTheTrashRecordsAKilledSyncLeftPendingThenRecordsItsOwnBeforeTheyMove() {
        long moved =
                trash.recordPending(List.of(trashed(CONDUIT.id(), "moved"))).head();
        trash.files.add("/lib/trash/1/3/target/moved");
        long notMoved =
                trash.recordPending(List.of(trashed(CONDUIT.id(), "not-moved"))).head();
        long otherConduits = trash.recordPending(List.of(trashed(new ConduitId(2), "elsewhere")))
                .head();
        indexed(SOURCE, file("same", 'b'));
        indexed(TARGET, file("same", 'b'), file("old", 'c'));
        java.util.List<String> recordedBeforeTheMove = new java.util.ArrayList<>();
        target.deletes((order, actions, listener) -> actions.forEachRemaining(
                action -> { // trashes, as the real one
                    long id = listener.trashing(
                                    List.of(trashed(CONDUIT.id(), action.path().value())))
                            .head();
                    recordedBeforeTheMove.addAll(trash.pending()
                            .map(version -> version.path().value())
                            .toJavaList());
                    trash.files.add("/lib/trash/1/3/target/" + action.path().value());
                    listener.trashed(id);
                    listener.done(action, Option.none(), 0);
                }));

        sync("1", SyncListener.NONE).get();

        assertThat(trash.list(Option.some(CONDUIT.id()))
                        .map(version -> version.path().value()))
                .as("what reached the trash is listed, the rest forgotten")
                .containsExactlyInAnyOrder("moved", "old");
        assertThat(trash.find(notMoved)).isEmpty();
        assertThat(trash.find(moved)).isNotEmpty();
        assertThat(recordedBeforeTheMove).as("recorded before it moved").contains("old");
        assertThat(trash.pending().map(TrashedVersion::id))
                .as("another conduit's are its own sync's business")
                .containsExactly(otherConduits);
    }

    private static TrashedVersion.New trashed(ConduitId conduit, String path) {
        return new TrashedVersion.New(
                conduit,
                3,
                Side.TARGET,
                RelativePath.parse(path).get(),
                "/t/" + path,
                EntryKind.FILE,
                TrashReason.DELETED,
                3,
                NOW,
                "/lib/trash/" + conduit.value() + "/3/target/" + path);
    }

    @Test
    void aConduitSyncingElsewhereIsRefusedBeforeAnythingIsRead() {
        locks.heldElsewhere(CONDUIT.id());

        Failure failure = sync("docs", SyncListener.NONE).getLeft();

        assertThat(failure).isInstanceOf(Failure.Busy.class);
        assertThat(failure.message()).contains("conduit 1 'docs' is already syncing");
        assertThat(journal()).isEmpty();
    }

    @Test
    void aMissingSourcePausesTheConduitBeforeAnyIndexOrJob() {
        source.disk().noRoot();

        Failure failure = sync("docs", SyncListener.NONE).getLeft();

        assertThat(failure).isInstanceOf(Failure.Paused.class);
        assertThat(conduits.updates)
                .singleElement()
                .satisfies(saved -> assertThat(saved.pausedBecause().get()).contains("the source /s is missing"));
        assertThat(journal()).isEmpty();
        assertThat(locks.released()).isEqualTo(1);
    }

    @Test
    void aConnectionLostWhileARootIsLookedAtFailsTheSyncWithoutPausingTheConduit() {
        target.disk().connectionLost("the connection to the agent on nas was lost (it closed)");

        Failure failure = sync("docs", SyncListener.NONE).getLeft();

        assertThat(failure).isInstanceOf(Failure.Refused.class);
        assertThat(failure.message())
                .startsWith("the connection to the agent on nas was lost (it closed) while the target ")
                .contains("nothing was synced or deleted");
        assertThat(conduits.updates).as("not paused").isEmpty();
        assertThat(journal()).isEmpty();
        assertThat(locks.released()).isEqualTo(1);
    }

    @Test
    void aPlanOverTheDeleteLimitIsRefusedWithoutAGeneration() {
        indexed(TARGET, file("a", 'a'), file("b", 'b'), file("c", 'c'));
        indexed(SOURCE, file("a", 'a'));

        Failure failure = service.sync(new SyncConduit.Command(
                        "1", new SyncConduit.Options(false, new DeleteLimit(50)), SyncListener.NONE))
                .getLeft();

        assertThat(failure.message()).contains("deletes 2 of the target's 3 files");
        assertThat(journal()).containsExactly("index /s", "index /t");
    }

    /** The same conduit, bidirectional, with its baseline read from the in-memory store (as location 99). */
    private void bidirectional() {
        conduits.with(new Conduit(
                CONDUIT.id(),
                CONDUIT.name(),
                CONDUIT.source(),
                CONDUIT.target(),
                new ConduitSettings(
                        SyncMode.BIDIRECTIONAL,
                        ConduitSettings.DEFAULTS.schedule(),
                        ConduitSettings.DEFAULTS.conflict(),
                        ConduitSettings.DEFAULTS.delete(),
                        ConduitSettings.DEFAULTS.ignorePatterns(),
                        ConduitSettings.DEFAULTS.readIgnoreFiles(),
                        ConduitSettings.DEFAULTS.parallel(),
                        ConduitSettings.DEFAULTS.bandwidth()),
                true,
                Option.none()));
    }

    @Test
    void aBidirectionalSyncCopiesBothWaysBeforeAnyDeleteAndRecordsWhatItSettled() {
        bidirectional();
        indexed(BASELINE, file("gone", 'c'));
        indexed(SOURCE, file("from-source", 'a'), file("gone", 'c'));
        indexed(TARGET, file("from-target", 'b'));

        SyncReport report = sync("1", SyncListener.NONE).get();

        String intoSource = Direction.TARGET_TO_SOURCE.toString();
        assertThat(journal())
                .containsExactly(
                        "index /s",
                        "index /t",
                        "begin 4 at " + NOW,
                        "queue 21 copy " + INTO_TARGET,
                        "queue 22 copy " + intoSource,
                        "queue 23 delete " + intoSource, // none into the target: no job for it
                        "start 21",
                        "copy /s>/t",
                        "close 21 COMPLETED",
                        "start 22",
                        "copy /t>/s",
                        "close 22 COMPLETED",
                        "start 23",
                        "delete /s",
                        "close 23 COMPLETED",
                        "finish /t",
                        "finish /s",
                        "conflicts 4 List()",
                        "finish 4 verified");
        assertThat(store.snapshot(SOURCE.id()).keySet()).containsExactlyInAnyOrder("from-source", "from-target");
        assertThat(store.snapshot(TARGET.id()).keySet()).containsExactlyInAnyOrder("from-source", "from-target");
        assertThat(history.finished.get(0).baseline())
                .containsExactlyInAnyOrder("from-source", "from-target", "gone -");
        assertThat(report.generation().counts().filesCopied()).isEqualTo(2);
        assertThat(report.generation().counts().filesDeleted()).isEqualTo(1);
    }

    @Test
    void aBidirectionalSyncThatCouldNotCopyLeavesThatPathOutOfTheBaseline() {
        bidirectional();
        indexed(SOURCE, file("from-source", 'a'));
        target.copies(InMemoryEndpoint.failing("disk full"));

        SyncReport report = sync("1", SyncListener.NONE).get();

        assertThat(history.finished.get(0).baseline())
                .as("the baseline claims nothing that did not happen")
                .isEmpty();
        assertThat(report.generation().counts().errors()).isEqualTo(1);
        assertThat(report.generation().verification()).isEqualTo(new Verification.Failed("1 action left"));
    }

    @Test
    void progressCountsTheBytesOfALargeFileOnItsWayAndReachesTheListenerAndTheLibrary() {
        indexed(SOURCE, file("big", 'a'));
        target.copies((order, actions, listener) -> {
            SyncAction copy = actions.next();
            listener.transferring(copy, 2);
            scheduler.advance(Duration.ofMillis(1_400)); // the timer publishes once a second: once, here
            listener.done(copy, Option.some(((SyncAction.Copy) copy).wanted()), 3);
        });
        java.util.List<SyncProgress> heard = new java.util.concurrent.CopyOnWriteArrayList<>();

        sync("1", hearing(heard)).get();

        assertThat(heard)
                .extracting(SyncServiceTest::snapshot)
                .containsExactly(
                        "copying 0/1 0/3 ", "copying 0/1 2/3 big", "deleting 1/1 3/3 big", "verifying 1/1 3/3 big");
        assertThat(heard.get(1).bytesPerSecond()).as("2 bytes in a second").isEqualTo(2L);
        assertThat(heard.get(1).etaSeconds()).contains(1L);
        assertThat(history.snapshots).as("the library has the same").containsExactlyElementsOf(heard);
        scheduler.advance(Duration.ofMillis(1_300));
        assertThat(heard)
                .as("the timer stopped with the sync: nothing after the generation closed")
                .hasSize(4);
    }

    @Test
    void jobsAreQueuedFromThePlanAndThoseAStopLeftUnstartedAreCancelled() {
        indexed(SOURCE, file("new", 'a'));
        indexed(TARGET, file("old", 'c'));
        history.next(4, Option.some(3L));
        jobLedger.earlier(
                3,
                new JobRecord(
                        9,
                        CONDUIT.id(),
                        3,
                        "copy",
                        Direction.SOURCE_TO_TARGET,
                        JobRecord.State.FAILED,
                        10,
                        0,
                        30,
                        NOW,
                        Option.some(NOW),
                        Option.some(NOW),
                        Option.none()));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        target.copies((order, actions, listener) -> {
            InMemoryEndpoint.succeed(order, actions, listener);
            stop.set(true); // Ctrl-C once the copies are made
        });

        SyncReport report = service.sync(new SyncConduit.Command(
                        "1", new SyncConduit.Options(true, DeleteLimit.DEFAULT, stop::get), SyncListener.NONE))
                .get();

        assertThat(report.stopped()).isTrue();
        assertThat(journal())
                .containsExactly(
                        "index /s",
                        "index /t",
                        "begin 4 at " + NOW,
                        "queue 21 copy " + INTO_TARGET + " resuming 9",
                        "queue 22 delete " + INTO_TARGET,
                        "start 21",
                        "copy /s>/t",
                        "close 21 PAUSED",
                        "close 22 CANCELLED",
                        "finish 4 failed:paused");
    }

    @Test
    void aJobThatBreaksDownIsRecordedAsFailedNotCompleted() {
        indexed(SOURCE, file("new", 'a'));
        target.copies((order, actions, listener) -> {
            throw new IllegalStateException("the library went away");
        });

        assertThatThrownBy(() -> sync("1", SyncListener.NONE)).hasMessageContaining("went away");

        assertThat(journal())
                .containsExactly(
                        "index /s",
                        "index /t",
                        "begin 4 at " + NOW,
                        "queue 21 copy " + INTO_TARGET,
                        "queue 22 delete " + INTO_TARGET,
                        "start 21",
                        "copy /s>/t",
                        "close 21 FAILED");
        assertThat(history.finished).isEmpty();
    }

    @Test
    void bothRootsAreScannedAtOnceAndTheirFindingsToldInTheSidesOrder() {
        java.util.concurrent.CountDownLatch targetBegun = new java.util.concurrent.CountDownLatch(1);
        source.indexes(command -> {
            try { // the source's scan ends only once the target's has begun: one after the other, it never would
                if (!targetBegun.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new AssertionError("the target's scan did not begin while the source's ran");
                }
            } catch (InterruptedException interrupted) {
                throw new AssertionError(interrupted);
            }
            return Either.right(InMemoryEndpoint.report(SOURCE));
        });
        target.indexes(command -> {
            targetBegun.countDown();
            return Either.right(InMemoryEndpoint.report(TARGET));
        });
        java.util.List<String> scanned = new java.util.concurrent.CopyOnWriteArrayList<>();
        SyncListener listener = new SyncListener() {
            @Override
            public void scanned(IndexReport report) {
                scanned.add(report.location().root());
            }
        };

        sync("1", listener).get();

        assertThat(scanned).as("the target finished first, but is told second").containsExactly("/s", "/t");
    }

    @Test
    void aScanThatFailsOnEitherSideFailsTheSyncWithItsReasonAndTheOtherSideIsStillScanned() {
        source.indexes(command -> Either.left(new IndexFailure.RootMissing("/s")));

        Failure failure = sync("1", SyncListener.NONE).getLeft();

        assertThat(failure.message()).contains("/s");
        assertThat(journal()).containsExactly("index /s", "index /t");
        assertThat(history.finished).isEmpty();
    }

    @Test
    void aLongScanIsHeardAsIndexingProgressAtMostOnceASecond() {
        source.indexes(command -> {
            IndexListener scan = command.listener();
            scan.progress(new IndexListener.IndexProgress(10, 1, 100, "a"));
            scheduler.advance(Duration.ofMillis(1_050));
            scan.progress(new IndexListener.IndexProgress(20, 2, 200, "a/b"));
            scan.progress(new IndexListener.IndexProgress(30, 3, 300, "c"));
            return Either.right(InMemoryEndpoint.report(SOURCE));
        });
        java.util.List<SyncProgress> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<SyncPhase> phases = new java.util.ArrayList<>();
        SyncListener listener = new SyncListener() {
            @Override
            public void progress(SyncProgress progress) {
                heard.add(progress);
            }

            @Override
            public void phase(SyncPhase phase, long files, long bytes) {
                phases.add(phase);
            }
        };

        sync("1", listener).get();

        assertThat(heard)
                .extracting(p -> p.phase() + " " + p.filesDone() + " " + p.bytesDone() + " " + p.current())
                .as("the second report, a second after the start; the third too soon after it")
                .containsExactly("indexing 20 200 /s/a/b");
        assertThat(phases).as("nothing to do: nothing to verify").containsExactly(SyncPhase.INDEXING);
        assertThat(history.snapshots).isEmpty();
    }

    @Test
    void aPauseWaitsTenMinutesOnTheSchedulersClockForASyncThatNeverStops() {
        locks.heldElsewhere(CONDUIT.id());

        Failure failure = service.pause("1").getLeft();

        assertThat(failure.message()).contains("did not reach a safe point in 10 minutes");
        assertThat(conduits.stopRequested(CONDUIT.id()))
                .as("the request stands")
                .isTrue();
        assertThat(scheduler.nanoTime()).isEqualTo(SyncService.PAUSE_WAIT.toNanos());
    }

    @Test
    void aPauseOfAConduitThatIsNotSyncingIsRefusedAtOnce() {
        Failure failure = service.pause("1").getLeft();

        assertThat(failure.message()).contains("is not syncing");
        assertThat(conduits.stopRequested(CONDUIT.id())).isFalse();
        assertThat(scheduler.nanoTime()).isZero();
    }
}
