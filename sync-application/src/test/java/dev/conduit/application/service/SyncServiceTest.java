package dev.conduit.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.conduit.application.fakes.InMemoryIndexStore;
import dev.conduit.application.fakes.InMemoryTrash;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.JobListener;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.ConduitName;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.GenerationCounts;
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
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.trash.TrashReason;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;

/** The sync use case with its ports mocked: what it dispatches, in which order, and what it refuses. */
@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class SyncServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final RootIdentity SOURCE_ID = new RootIdentity("1", "1:10");
    private static final RootIdentity TARGET_ID = new RootIdentity("1", "1:20");
    private static final Location SOURCE = new Location(new LocationId(1), "/s", SOURCE_ID);
    private static final Location TARGET = new Location(new LocationId(2), "/t", TARGET_ID);
    private static final Conduit CONDUIT = new Conduit(
            new ConduitId(1),
            new ConduitName("docs"),
            new Endpoint("/s", SOURCE_ID),
            new Endpoint("/t", TARGET_ID),
            ConduitSettings.DEFAULTS,
            true,
            Option.none());

    @Mock
    ConduitRepository conduits;

    @Mock
    LocationRepository locations;

    @Mock
    IndexLocation indexer;

    @Mock
    FileTree tree;

    @Mock
    CopyJob copyJob;

    @Mock
    DeleteJob deleteJob;

    @Mock
    SyncHistory history;

    @Mock
    SyncLocks locks;

    @Mock
    dev.conduit.application.port.out.Baselines baselines;

    @Mock
    dev.conduit.application.port.out.ConflictLog conflictLog;

    @Mock
    dev.conduit.application.port.out.JobLedger jobLedger;

    @Mock
    SyncLocks.Held held;

    private final InMemoryIndexStore store = new InMemoryIndexStore();
    private final InMemoryTrash trash = new InMemoryTrash();
    private SyncService service;

    @BeforeEach
    void ports() {
        service = new SyncService(
                conduits,
                locations,
                indexer,
                store,
                tree,
                copyJob,
                deleteJob,
                history,
                trash,
                trash,
                locks,
                baselines,
                conflictLog,
                jobLedger,
                Clock.fixed(NOW, ZoneOffset.UTC));
        when(conduits.findById(CONDUIT.id())).thenReturn(Option.some(CONDUIT));
        when(locks.tryLock(CONDUIT.id())).thenReturn(Option.some(held));
        root(Path.of("/s"), SOURCE_ID);
        root(Path.of("/t"), TARGET_ID);
        when(indexer.index(argThat(command -> command != null && command.root().equals(Path.of("/s")))))
                .thenReturn(Either.right(report(SOURCE)));
        when(indexer.index(argThat(command -> command != null && command.root().equals(Path.of("/t")))))
                .thenReturn(Either.right(report(TARGET)));
        when(history.begin(any(), any()))
                .thenReturn(new Generation(
                        CONDUIT.id(), 4, NOW, Option.none(), GenerationCounts.ZERO, Verification.PENDING));
    }

    private void root(Path path, RootIdentity identity) {
        when(tree.identify(path)).thenReturn(Either.right(new FileTree.Root(path, identity)));
        when(tree.list(path, RelativePath.ROOT))
                .thenReturn(Either.right(
                        List.of(new FileTree.Listed.Found("something", FileStat.file(1, 1, 0644, Option.none())))));
    }

    private static IndexReport report(Location location) {
        return new IndexReport(
                location, RelativePath.ROOT, 0, 0, 0, 0, 0, 0, List.empty(), 0, 0, List.empty(), Duration.ZERO);
    }

    private static IndexEntry file(String path, char content) {
        return new IndexEntry(
                RelativePath.parse(path).get(),
                FileStat.file(3, 1_000_000_000L, 0644, Option.none()),
                Option.some(new ContentHash(String.valueOf(content).repeat(64))),
                0);
    }

    private void indexed(Location location, IndexEntry... entries) {
        store.write(location.id(), new IndexStore.IndexBatch(List.empty(), List.empty(), List.of(entries)));
    }

    /** A listener that keeps every progress snapshot it hears. */
    private static SyncListener hearing(java.util.List<dev.conduit.domain.generation.SyncProgress> heard) {
        return new SyncListener() {
            @Override
            public void progress(dev.conduit.domain.generation.SyncProgress progress) {
                heard.add(progress);
            }
        };
    }

    /** A copy job that fails every action it is given, for this reason. */
    private void copiesFail(String reason) {
        org.mockito.Mockito.doAnswer(call -> {
                    Iterator<SyncAction> actions = call.getArgument(1);
                    JobListener listener = call.getArgument(2);
                    actions.forEachRemaining(action -> listener.failed(action, EntryFailure.ioError(reason)));
                    return null;
                })
                .when(copyJob)
                .run(any(), any(), any());
    }

    /** A job that does every action it is given and says so, as the real jobs do. */
    private void jobsSucceed() {
        org.mockito.Mockito.doAnswer(call -> {
                    Iterator<SyncAction> actions = call.getArgument(1);
                    JobListener listener = call.getArgument(2);
                    actions.forEachRemaining(action -> listener.done(
                            action,
                            action instanceof SyncAction.Copy copy ? Option.some(copy.wanted()) : Option.none(),
                            3));
                    return null;
                })
                .when(copyJob)
                .run(any(), any(), any());
        org.mockito.Mockito.doAnswer(call -> {
                    Iterator<SyncAction.Delete> actions = call.getArgument(1);
                    JobListener listener = call.getArgument(2);
                    actions.forEachRemaining(action -> listener.done(action, Option.none(), 0));
                    return null;
                })
                .when(deleteJob)
                .run(any(), any(), any());
    }

    @Test
    void copiesFinishBeforeDeletesStartAndTheGenerationIsVerified() {
        indexed(SOURCE, file("new", 'a'), file("same", 'b'));
        indexed(TARGET, file("same", 'b'), file("old", 'c'));
        jobsSucceed();

        SyncReport report = service.sync("1", SyncConduit.Options.DEFAULT, SyncListener.NONE)
                .get();

        InOrder order = inOrder(copyJob, deleteJob, history);
        order.verify(history).begin(CONDUIT.id(), NOW);
        order.verify(copyJob).run(any(), any(), any());
        order.verify(deleteJob).run(any(), any(), any());
        order.verify(history)
                .finish(
                        CONDUIT.id(),
                        4,
                        NOW,
                        new GenerationCounts(1, 1, 0, 3, 0),
                        Verification.VERIFIED,
                        Option.none(),
                        java.util.Collections.emptyIterator());
        assertThat(report.generation().verification()).isEqualTo(Verification.VERIFIED);
        assertThat(store.snapshot(TARGET.id()).keySet()).containsExactlyInAnyOrder("new", "same");
        verify(held).close();
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
        org.mockito.Mockito.doAnswer(call -> {
                    Iterator<SyncAction> actions = call.getArgument(1);
                    JobListener listener = call.getArgument(2);
                    actions.forEachRemaining(action -> listener.done(
                            action,
                            Option.some(new IndexEntry(action.path(), unhashed.stat(), Option.some(computed), 5)),
                            3));
                    return null;
                })
                .when(copyJob)
                .run(any(), any(), any());

        SyncReport report = service.sync("1", SyncConduit.Options.DEFAULT, SyncListener.NONE)
                .get();

        assertThat(report.generation().verification()).isEqualTo(Verification.VERIFIED);
        assertThat(store.snapshot(SOURCE.id()).get("new").hash()).contains(computed);
        assertThat(store.snapshot(TARGET.id()).get("new").hash()).contains(computed);
        verify(indexer)
                .index(argThat(
                        command -> command != null && command.root().equals(Path.of("/s")) && !command.hashNewFiles()));
        verify(indexer)
                .index(argThat(
                        command -> command != null && command.root().equals(Path.of("/t")) && command.hashNewFiles()));
    }

    @Test
    void aTargetThatCannotHoldALinkOrTellCaseApartGetsTheRestAndAnErrorForEachAndTheNextPlanIsEmpty() {
        FileSystemTraits exfat = new FileSystemTraits(TimeGranularity.SECOND, false, false, false, false, false);
        Location onExfat = TARGET.withFileSystem(new RootFileSystem("1", exfat));
        when(indexer.index(argThat(command -> command != null && command.root().equals(Path.of("/t")))))
                .thenReturn(Either.right(report(onExfat)));
        IndexEntry link = new IndexEntry(
                RelativePath.parse("link").get(),
                FileStat.symlink("README", 1_000_000_000L, 0777, Option.none()),
                Option.none(),
                0);
        indexed(SOURCE, file("README", 'a'), file("Readme", 'b'), link);
        java.util.List<String> copied = new java.util.ArrayList<>();
        org.mockito.Mockito.doAnswer(call -> {
                    Iterator<SyncAction> actions = call.getArgument(1);
                    JobListener listener = call.getArgument(2);
                    actions.forEachRemaining(
                            action -> { // what exFAT makes of it: a time to the second, every bit
                                copied.add(action.path().value());
                                IndexEntry wanted = ((SyncAction.Copy) action).wanted();
                                listener.done(
                                        action,
                                        Option.some(new IndexEntry(
                                                action.path(),
                                                FileStat.file(
                                                        wanted.stat().size(), 1_000_000_000L, 0777, Option.none()),
                                                wanted.hash(),
                                                5)),
                                        3);
                            });
                    return null;
                })
                .when(copyJob)
                .run(any(), any(), any());
        java.util.List<String> failed = new java.util.ArrayList<>();
        SyncListener listener = new SyncListener() {
            @Override
            public void error(dev.conduit.application.port.in.EntryError error) {
                failed.add(error.describe());
            }
        };

        SyncReport report =
                service.sync("1", SyncConduit.Options.DEFAULT, listener).get();

        assertThat(copied).containsExactly("README");
        assertThat(failed)
                .containsExactly(
                        "target Readme: its name differs only in case from README, which the target's file system takes for the"
                                + " same name; not copied (rename one of them)",
                        "target link: the target's file system cannot hold symbolic links; not copied");
        assertThat(report.generation().counts().errors()).isEqualTo(2);
        assertThat(report.generation().verification()).isEqualTo(Verification.VERIFIED);
        java.util.List<SyncAction> planned = new java.util.ArrayList<>();
        PlanReport again = service.plan("1", planned::add, SyncListener.NONE).get();
        assertThat(planned).isEmpty();
        assertThat(again.actions()).isZero();
        assertThat(again.refused()).isEqualTo(2);
    }

    /** The failures of a disk (a folder the user may not write, a full file system), injected through the port. */
    @ParameterizedTest
    @ValueSource(strings = {"cannot copy: permission denied", "cannot copy: no space left on the device"})
    void aJobFailureLeavesTheGenerationUnverifiedWithTheErrorRecorded(String reason) {
        indexed(SOURCE, file("new", 'a'));
        copiesFail(reason);

        SyncReport report = service.sync("1", SyncConduit.Options.DEFAULT, SyncListener.NONE)
                .get();

        assertThat(report.generation().counts().errors()).isEqualTo(1);
        assertThat(report.generation().verification()).isEqualTo(new Verification.Failed("1 action left"));
        assertThat(report.problems()).containsExactly("target: copy new: " + reason);
        assertThat(store.snapshot(TARGET.id()))
                .as("nothing recorded as written")
                .isEmpty();
        verify(history)
                .finish(
                        eq(CONDUIT.id()),
                        eq(4L),
                        eq(NOW),
                        any(),
                        any(),
                        eq(Option.some("target: copy new: " + reason)),
                        any());
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
        jobsSucceed();
        java.util.List<String> recordedBeforeTheMove = new java.util.ArrayList<>();
        org.mockito.Mockito.doAnswer(
                        call -> { // a delete job that trashes, as the real one does
                            Iterator<SyncAction.Delete> actions = call.getArgument(1);
                            JobListener listener = call.getArgument(2);
                            actions.forEachRemaining(action -> {
                                long id = listener.trashing(List.of(trashed(
                                                CONDUIT.id(), action.path().value())))
                                        .head();
                                recordedBeforeTheMove.addAll(trash.pending()
                                        .map(version -> version.path().value())
                                        .toJavaList());
                                trash.files.add(
                                        "/lib/trash/1/3/target/" + action.path().value());
                                listener.trashed(id);
                                listener.done(action, Option.none(), 0);
                            });
                            return null;
                        })
                .when(deleteJob)
                .run(any(), any(), any());

        service.sync("1", SyncConduit.Options.DEFAULT, SyncListener.NONE).get();

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
        when(locks.tryLock(CONDUIT.id())).thenReturn(Option.none());
        when(conduits.findByName(CONDUIT.name())).thenReturn(Option.some(CONDUIT));

        Failure failure = service.sync("docs", SyncConduit.Options.DEFAULT, SyncListener.NONE)
                .getLeft();

        assertThat(failure).isInstanceOf(Failure.Busy.class);
        assertThat(failure.message()).contains("conduit 1 'docs' is already syncing");
        verifyNoInteractions(indexer, copyJob, deleteJob, history);
    }

    @Test
    void aMissingSourcePausesTheConduitBeforeAnyIndexOrJob() {
        when(conduits.findByName(CONDUIT.name())).thenReturn(Option.some(CONDUIT));
        when(tree.identify(Path.of("/s"))).thenReturn(Either.left(FileTree.RootProblem.missing()));

        Failure failure = service.sync("docs", SyncConduit.Options.DEFAULT, SyncListener.NONE)
                .getLeft();

        assertThat(failure).isInstanceOf(Failure.Paused.class);
        ArgumentCaptor<Conduit> saved = ArgumentCaptor.forClass(Conduit.class);
        verify(conduits).update(saved.capture());
        assertThat(saved.getValue().pausedBecause().get()).contains("the source /s is missing");
        verifyNoInteractions(indexer, copyJob, deleteJob);
        verify(history, never()).begin(any(), any());
        verify(held).close();
    }

    @Test
    void aPlanOverTheDeleteLimitIsRefusedWithoutAGeneration() {
        indexed(TARGET, file("a", 'a'), file("b", 'b'), file("c", 'c'));
        indexed(SOURCE, file("a", 'a'));

        Failure failure = service.sync("1", new SyncConduit.Options(false, new DeleteLimit(50)), SyncListener.NONE)
                .getLeft();

        assertThat(failure.message()).contains("deletes 2 of the target's 3 files");
        verify(history, never()).begin(any(), any());
        verifyNoInteractions(copyJob, deleteJob);
    }

    private static final LocationId BASELINE = new LocationId(99);

    /** The same conduit, bidirectional, with its baseline read from the in-memory store (as location 99). */
    private void bidirectional() {
        Conduit both = new Conduit(
                CONDUIT.id(),
                CONDUIT.name(),
                CONDUIT.source(),
                CONDUIT.target(),
                new ConduitSettings(
                        dev.conduit.domain.conduit.SyncMode.BIDIRECTIONAL,
                        ConduitSettings.DEFAULTS.schedule(),
                        ConduitSettings.DEFAULTS.conflict(),
                        ConduitSettings.DEFAULTS.delete(),
                        ConduitSettings.DEFAULTS.ignorePatterns(),
                        ConduitSettings.DEFAULTS.readIgnoreFiles(),
                        ConduitSettings.DEFAULTS.parallel(),
                        ConduitSettings.DEFAULTS.bandwidth()),
                true,
                Option.none());
        when(conduits.findById(CONDUIT.id())).thenReturn(Option.some(both));
        when(baselines.ascending(any())).thenAnswer(call -> store.byDirectory(BASELINE, RelativePath.ROOT));
        when(baselines.descending(any())).thenAnswer(call -> store.byDirectoryDescending(BASELINE, RelativePath.ROOT));
        when(baselines.inFolders(any(), any(), org.mockito.ArgumentMatchers.anyBoolean()))
                .thenAnswer(call -> store.inFolders(BASELINE, call.getArgument(1), call.getArgument(2)));
        when(conflictLog.pending(any())).thenReturn(List.empty());
        when(tree.readLines(any(), any())).thenReturn(Either.right(Option.none()));
    }

    @Test
    void aBidirectionalSyncCopiesBothWaysBeforeAnyDeleteAndRecordsWhatItSettled() {
        bidirectional();
        store.write(BASELINE, new IndexStore.IndexBatch(List.empty(), List.empty(), List.of(file("gone", 'c'))));
        indexed(SOURCE, file("from-source", 'a'), file("gone", 'c'));
        indexed(TARGET, file("from-target", 'b'));
        jobsSucceed();
        java.util.List<String> settled = new java.util.ArrayList<>();
        org.mockito.Mockito.doAnswer(call -> {
                    Iterator<dev.conduit.application.port.out.Baselines.Change> changes = call.getArgument(6);
                    changes.forEachRemaining(change ->
                            settled.add(change.path() + (change.entry().isDefined() ? "" : " -")));
                    return null;
                })
                .when(history)
                .finish(any(), anyLong(), any(), any(), any(), any(), any());

        SyncReport report = service.sync("1", SyncConduit.Options.DEFAULT, SyncListener.NONE)
                .get();

        org.mockito.ArgumentCaptor<JobOrder> orders = org.mockito.ArgumentCaptor.forClass(JobOrder.class);
        InOrder order = inOrder(copyJob, deleteJob, history, conflictLog);
        order.verify(history).begin(CONDUIT.id(), NOW);
        order.verify(copyJob, org.mockito.Mockito.times(2)).run(orders.capture(), any(), any());
        org.mockito.ArgumentCaptor<JobOrder> deletes = org.mockito.ArgumentCaptor.forClass(JobOrder.class);
        order.verify(deleteJob).run(deletes.capture(), any(), any()); // none into the target: no pass for it
        order.verify(conflictLog).record(CONDUIT.id(), 4, NOW, List.empty());
        order.verify(history)
                .finish(eq(CONDUIT.id()), eq(4L), eq(NOW), any(), eq(Verification.VERIFIED), eq(Option.none()), any());
        assertThat(orders.getAllValues())
                .extracting(o -> o.from() + ">" + o.to())
                .containsExactly("/s>/t", "/t>/s");
        assertThat(deletes.getValue().to()).isEqualTo(Path.of("/s"));
        assertThat(store.snapshot(SOURCE.id()).keySet()).containsExactlyInAnyOrder("from-source", "from-target");
        assertThat(store.snapshot(TARGET.id()).keySet()).containsExactlyInAnyOrder("from-source", "from-target");
        assertThat(settled).containsExactlyInAnyOrder("from-source", "from-target", "gone -");
        assertThat(report.generation().counts().filesCopied()).isEqualTo(2);
        assertThat(report.generation().counts().filesDeleted()).isEqualTo(1);
    }

    @Test
    void aBidirectionalSyncThatCouldNotCopyLeavesThatPathOutOfTheBaseline() {
        bidirectional();
        indexed(SOURCE, file("from-source", 'a'));
        copiesFail("disk full");
        java.util.List<String> settled = new java.util.ArrayList<>();
        org.mockito.Mockito.doAnswer(call -> {
                    Iterator<dev.conduit.application.port.out.Baselines.Change> changes = call.getArgument(6);
                    changes.forEachRemaining(change -> settled.add(change.path().value()));
                    return null;
                })
                .when(history)
                .finish(any(), anyLong(), any(), any(), any(), any(), any());

        SyncReport report = service.sync("1", SyncConduit.Options.DEFAULT, SyncListener.NONE)
                .get();

        assertThat(settled)
                .as("the baseline claims nothing that did not happen")
                .isEmpty();
        assertThat(report.generation().counts().errors()).isEqualTo(1);
        assertThat(report.generation().verification()).isEqualTo(new Verification.Failed("1 action left"));
    }

    @Test
    void progressCountsTheBytesOfALargeFileOnItsWayAndReachesTheListenerAndTheLibrary() throws Exception {
        indexed(SOURCE, file("big", 'a'));
        org.mockito.Mockito.doAnswer(call -> {
                    Iterator<SyncAction> actions = call.getArgument(1);
                    JobListener listener = call.getArgument(2);
                    SyncAction copy = actions.next();
                    listener.transferring(copy, 2);
                    Thread.sleep(1_400); // the timer publishes once a second: once, here
                    listener.done(copy, Option.some(((SyncAction.Copy) copy).wanted()), 3);
                    return null;
                })
                .when(copyJob)
                .run(any(), any(), any());
        java.util.List<dev.conduit.domain.generation.SyncProgress> heard =
                new java.util.concurrent.CopyOnWriteArrayList<>();

        service.sync("1", SyncConduit.Options.DEFAULT, hearing(heard)).get();

        assertThat(heard)
                .extracting(p -> p.phase() + " " + p.filesDone() + "/" + p.filesTotal() + " " + p.bytesDone() + "/"
                        + p.bytesTotal() + " " + p.current())
                .containsExactly(
                        "copying 0/1 0/3 ", "copying 0/1 2/3 big", "deleting 1/1 3/3 big", "verifying 1/1 3/3 big");
        assertThat(heard.get(1).bytesPerSecond())
                .as("2 bytes in about a second")
                .isBetween(1L, 2L);
        assertThat(heard.get(1).etaSeconds()).contains(1L);
        heard.forEach(progress -> verify(history).progress(CONDUIT.id(), 4, progress));
        Thread.sleep(1_300);
        assertThat(heard)
                .as("the timer stopped with the sync: nothing after the generation closed")
                .hasSize(4);
        verify(history, org.mockito.Mockito.times(4)).progress(any(), anyLong(), any());
    }

    @Test
    void jobsAreQueuedFromThePlanAndThoseAStopLeftUnstartedAreCancelled() {
        indexed(SOURCE, file("new", 'a'));
        indexed(TARGET, file("old", 'c'));
        when(history.begin(any(), any()))
                .thenReturn(new Generation(
                        CONDUIT.id(),
                        4,
                        NOW,
                        Option.none(),
                        GenerationCounts.ZERO,
                        Verification.PENDING,
                        Option.some(3L)));
        when(jobLedger.jobs(CONDUIT.id(), 3))
                .thenReturn(List.of(new dev.conduit.domain.generation.JobRecord(
                        9,
                        CONDUIT.id(),
                        3,
                        "copy",
                        dev.conduit.domain.plan.Direction.SOURCE_TO_TARGET,
                        dev.conduit.domain.generation.JobRecord.State.FAILED,
                        10,
                        0,
                        30,
                        NOW,
                        Option.some(NOW),
                        Option.some(NOW),
                        Option.none())));
        when(jobLedger.queue(any(), anyLong(), eq("copy"), any(), any(), any())).thenReturn(21L);
        when(jobLedger.queue(any(), anyLong(), eq("delete"), any(), any(), any()))
                .thenReturn(22L);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        org.mockito.Mockito.doAnswer(call -> {
                    Iterator<SyncAction> actions = call.getArgument(1);
                    JobListener listener = call.getArgument(2);
                    actions.forEachRemaining(
                            action -> listener.done(action, Option.some(((SyncAction.Copy) action).wanted()), 3));
                    stop.set(true); // Ctrl-C once the copies are made
                    return null;
                })
                .when(copyJob)
                .run(any(), any(), any());

        SyncReport report = service.sync(
                        "1", new SyncConduit.Options(true, DeleteLimit.DEFAULT, stop::get), SyncListener.NONE)
                .get();

        assertThat(report.stopped()).isTrue();
        InOrder order = inOrder(jobLedger, copyJob);
        order.verify(jobLedger)
                .queue(
                        CONDUIT.id(),
                        4,
                        "copy",
                        dev.conduit.domain.plan.Direction.SOURCE_TO_TARGET,
                        Option.some(9L),
                        NOW);
        order.verify(jobLedger)
                .queue(
                        CONDUIT.id(),
                        4,
                        "delete",
                        dev.conduit.domain.plan.Direction.SOURCE_TO_TARGET,
                        Option.none(),
                        NOW);
        order.verify(jobLedger).start(21L, NOW);
        order.verify(copyJob).run(any(), any(), any());
        order.verify(jobLedger).close(21L, dev.conduit.domain.generation.JobRecord.State.PAUSED, NOW);
        order.verify(jobLedger).close(22L, dev.conduit.domain.generation.JobRecord.State.CANCELLED, NOW);
        verify(jobLedger, never()).start(eq(22L), any());
        verifyNoInteractions(deleteJob);
    }

    @Test
    void aJobThatBreaksDownIsRecordedAsFailedNotCompleted() {
        indexed(SOURCE, file("new", 'a'));
        when(jobLedger.queue(any(), anyLong(), eq("copy"), any(), any(), any())).thenReturn(31L);
        when(jobLedger.queue(any(), anyLong(), eq("delete"), any(), any(), any()))
                .thenReturn(32L);
        org.mockito.Mockito.doThrow(new IllegalStateException("the library went away"))
                .when(copyJob)
                .run(any(), any(), any());

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> service.sync("1", SyncConduit.Options.DEFAULT, SyncListener.NONE))
                .hasMessageContaining("went away");

        verify(jobLedger).close(31L, dev.conduit.domain.generation.JobRecord.State.FAILED, NOW);
        verify(jobLedger, never()).close(eq(31L), eq(dev.conduit.domain.generation.JobRecord.State.COMPLETED), any());
        verify(history, never()).finish(any(), anyLong(), any(), any(), any(), any(), any());
        verifyNoInteractions(deleteJob);
    }

    @Test
    void aLongScanIsHeardAsIndexingProgressAtMostOnceASecond() throws Exception {
        when(indexer.index(argThat(command -> command != null && command.root().equals(Path.of("/s")))))
                .thenAnswer(call -> {
                    dev.conduit.application.port.in.IndexListener scan =
                            call.<IndexLocation.Command>getArgument(0).listener();
                    scan.progress(new dev.conduit.application.port.in.IndexListener.IndexProgress(10, 1, 100, "a"));
                    Thread.sleep(1_050);
                    scan.progress(new dev.conduit.application.port.in.IndexListener.IndexProgress(20, 2, 200, "a/b"));
                    scan.progress(new dev.conduit.application.port.in.IndexListener.IndexProgress(30, 3, 300, "c"));
                    return Either.right(report(SOURCE));
                });
        java.util.List<dev.conduit.domain.generation.SyncProgress> heard =
                new java.util.concurrent.CopyOnWriteArrayList<>();

        service.sync("1", SyncConduit.Options.DEFAULT, hearing(heard)).get();

        assertThat(heard)
                .extracting(p -> p.phase() + " " + p.filesDone() + " " + p.bytesDone() + " " + p.current())
                .as("the second report, a second after the start; the third too soon after it")
                .containsExactly("indexing 20 200 /s/a/b");
        verify(history, never()).progress(any(), anyLong(), any());
    }
}
