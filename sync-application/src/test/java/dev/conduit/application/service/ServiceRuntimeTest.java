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
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.RunService;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.application.port.out.FileWatcher;
import dev.conduit.application.port.out.SyncLibrary;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.ConduitName;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.Schedule;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service's schedules on an injected clock and a scheduler the test drives: the syncs it asks for are counted by a
 * fake sync use case, and what the watcher tells is injected through a fake watcher.
 */
class ServiceRuntimeTest {

    private static final Instant START = Instant.parse("2026-12-02T08:00:00Z");
    private static final Duration QUIET = Duration.ofMillis(200);
    private static final RootIdentity SOURCE_ID = new RootIdentity("s", "2");
    private static final RootIdentity TARGET_ID = new RootIdentity("t", "2");
    private static final Location SOURCE = new Location(new LocationId(1), "/s", SOURCE_ID);
    private static final Location TARGET = new Location(new LocationId(2), "/t", TARGET_ID);

    private final java.util.List<String> journal = Collections.synchronizedList(new java.util.ArrayList<>());
    private final InMemoryIndexStore store = new InMemoryIndexStore();
    private final InMemoryTrash trash = new InMemoryTrash();
    private final InMemoryHistory history = new InMemoryHistory(journal);
    private final InMemoryEndpoint source = new InMemoryEndpoint(SOURCE, trash, journal);
    private final InMemoryEndpoint target = new InMemoryEndpoint(TARGET, trash, journal);
    private final ManualScheduler scheduler = new ManualScheduler();
    private final MovingClock clock = new MovingClock(START);
    private final FakeWatcher watcher = new FakeWatcher();
    private final CountedSyncs syncs = new CountedSyncs();
    private RunService.Running running;

    private int conduitCount = 1;
    /** Whether conduit 1's target is a folder on another host (ADR 0039). */
    private boolean remoteTarget;

    private InMemoryConduits conduits(Schedule schedule) {
        InMemoryConduits all = new InMemoryConduits();
        for (int id = 1; id <= conduitCount; id++) {
            Conduit conduit = conduit(id, schedule);
            all = all.with(
                    remoteTarget && id == 1
                            ? conduit.withEndpoints(
                                    conduit.source(),
                                    new Endpoint(
                                            "/t",
                                            TARGET_ID,
                                            Option.some(dev.conduit.domain.host.RemoteHost.named("nas"))))
                            : conduit);
        }
        return all;
    }

    static Conduit conduit(int id, Schedule schedule) {
        return new Conduit(
                new ConduitId(id),
                new ConduitName(id == 1 ? "docs" : "docs" + id),
                new Endpoint("/s", SOURCE_ID),
                new Endpoint("/t", TARGET_ID),
                new ConduitSettings(
                        ConduitSettings.DEFAULTS.mode(),
                        schedule,
                        ConduitSettings.DEFAULTS.conflict(),
                        ConduitSettings.DEFAULTS.delete(),
                        List.empty(),
                        true,
                        4,
                        ConduitSettings.DEFAULTS.bandwidth()),
                true,
                Option.none());
    }

    private RunService.Running start(Schedule schedule, Option<Instant> lastCompleted) {
        history.lastCompleted = lastCompleted;
        SyncLibrary library = new SyncLibrary(
                conduits(schedule),
                new InMemoryLocations(),
                store,
                history,
                new InMemoryJobLedger(journal, 1),
                trash,
                new InMemoryLocks(),
                new InMemoryBaselines(store, new LocationId(99)),
                new InMemoryConflictLog(journal));
        RunService service = new ServiceRuntime(
                syncs, library, new InMemoryEndpoints().with(source).with(target), watcher, scheduler, clock);
        running = service.start(new RunService.Options(QUIET, 2, Duration.ofSeconds(30)));
        settle();
        return running;
    }

    @AfterEach
    void close() {
        if (running != null) {
            running.close();
        }
        assertThat(watcher.open).as("every watch closed with the service").isEmpty();
    }

    /** Time passes, a tick at a time; each tick's work is done before the next. */
    private void pass(Duration duration) {
        Duration tick = LiveService.tickPeriod(QUIET);
        for (Duration passed = Duration.ZERO; passed.compareTo(duration) < 0; passed = passed.plus(tick)) {
            clock.move(tick);
            scheduler.advance(tick);
            settle();
        }
    }

    /** Waits (with a deadline) until no work of the service is under way. */
    private void settle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (running != null && running.state().exists(RunService.ConduitState::busy)) {
            assertThat(System.nanoTime()).as("the service's work ends").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void anIntervalRunsWhenTheLastSyncIsThatOldThenAnIntervalLater() {
        start(new Schedule.Interval(Duration.ofMinutes(1)), Option.some(START.minusSeconds(30)));
        pass(Duration.ofSeconds(1));
        assertThat(syncs.count()).isZero();
        assertThat(running.state().get().nextRun()).contains(START.plusSeconds(30));

        pass(Duration.ofSeconds(30));
        assertThat(syncs.count()).isEqualTo(1);
        pass(Duration.ofSeconds(30));
        assertThat(syncs.count()).as("an interval after the last, not before").isEqualTo(1);
        pass(Duration.ofSeconds(31));
        assertThat(syncs.count()).isEqualTo(2);
    }

    @Test
    void aStatusFromTheLibraryIsOverlaidWithTheServicesView() {
        start(new Schedule.Interval(Duration.ofMinutes(1)), Option.some(START.minusSeconds(30)));
        pass(Duration.ofMillis(500));
        dev.conduit.application.port.in.QueryConduits.Status fromLibrary =
                new dev.conduit.application.port.in.QueryConduits.Status(
                        conduit(1, Schedule.MANUAL),
                        false,
                        Option.none(),
                        dev.conduit.domain.plan.SyncTotals.NONE,
                        Option.none(),
                        0,
                        List.empty(),
                        Option.none(),
                        false,
                        Option.none(),
                        Option.none());
        var overlaid = running.overlay(fromLibrary);
        assertThat(overlaid.watching()).isTrue();
        assertThat(overlaid.liveIndex())
                .as("watched, but not synced by the service yet")
                .contains("watching; first sync will scan");
        assertThat(overlaid.scans()).contains(RunService.ConduitState.FIRST_SYNC_SCANS);
        assertThat(overlaid.nextRun()).contains(START.plusSeconds(30));
        var unknown = running.overlay(new dev.conduit.application.port.in.QueryConduits.Status(
                conduit(7, Schedule.MANUAL),
                false,
                Option.none(),
                dev.conduit.domain.plan.SyncTotals.NONE,
                Option.none(),
                0,
                List.empty(),
                Option.some(START),
                true,
                Option.some("watching"),
                Option.none()));
        assertThat(unknown.watching()).isFalse();
        assertThat(unknown.liveIndex()).as("a conduit the service does not run").isEmpty();
        assertThat(unknown.nextRun()).isEmpty();
    }

    @Test
    void intervalsMissedWhileAsleepRunOnce() {
        start(new Schedule.Interval(Duration.ofMinutes(1)), Option.some(START.minus(Duration.ofHours(8))));
        pass(Duration.ofSeconds(5));
        assertThat(syncs.count()).isEqualTo(1);
        clock.move(Duration.ofHours(3)); // the machine slept
        pass(Duration.ofSeconds(5));
        assertThat(syncs.count()).isEqualTo(2);
    }

    @Test
    void manualNeverRunsOnItsOwnEvenAfterChanges() {
        source.indexes(command -> Either.right(changed(SOURCE)));
        start(Schedule.MANUAL, Option.some(START.minus(Duration.ofDays(30))));
        watcher.listener("/s").changed(RelativePath.ROOT);
        pass(Duration.ofSeconds(2));
        assertThat(syncs.count()).isZero();
        assertThat(running.state().get().nextRun()).isEmpty();
        assertThat(running.state().get().watching()).isTrue();
        assertThat(running.state().get().scans())
                .as("watched, but its first sync will scan all the same")
                .contains(RunService.ConduitState.FIRST_SYNC_SCANS);
        assertThat(running.state().get().liveIndex()).isEqualTo("watching; first sync will scan");
        assertThat(running.sync(new SyncConduit.Command("1", SyncListener.NONE)))
                .isNotNull();
        assertThat(syncs.sourceLive).as("it did scan").containsExactly(false);
        assertThat(running.state().get().scans()).isEmpty();
        assertThat(running.state().get().liveIndex()).isEqualTo("watching");
    }

    @Test
    void instantRunsOnceAQuietPeriodAfterABurst() {
        start(Schedule.INSTANT, Option.some(START.minusSeconds(60)));
        pass(Duration.ofSeconds(1));
        assertThat(syncs.count()).as("nothing changed").isZero();
        source.indexes(command -> Either.right(changed(SOURCE)));
        for (int i = 0; i < 10; i++) { // a burst, each event within the quiet period of the last
            watcher.listener("/s").changed(RelativePath.parse("d" + i).get());
            pass(Duration.ofMillis(100));
        }
        assertThat(syncs.count()).isZero();
        pass(Duration.ofMillis(400));
        assertThat(syncs.count()).isEqualTo(1);
        assertThat(source.indexed.get(source.indexed.size() - 1).onlyFolders())
                .as("only the folders where events came, each re-read shallowly")
                .isNotEmpty();
        source.indexes(command -> Either.right(InMemoryEndpoint.report(SOURCE)));
        watcher.listener("/s").changed(RelativePath.ROOT); // an event that changes nothing in the index: an echo
        pass(Duration.ofSeconds(1));
        assertThat(syncs.count()).as("no echo").isEqualTo(1);
    }

    @Test
    void theFirstSyncScansThenTheLiveIndexIsUsedUntilEventsAreLost() {
        start(Schedule.INSTANT, Option.none());
        pass(Duration.ofMillis(500));
        assertThat(syncs.sourceLive).as("the first sync after a start scans").containsExactly(false);
        assertThat(running.state().get().scans())
                .as("synced once: the next resolves live")
                .isEmpty();
        assertThat(running.state().get().liveIndex()).isEqualTo("watching");
        source.indexes(command -> Either.right(changed(SOURCE)));
        watcher.listener("/s").changed(RelativePath.ROOT);
        pass(Duration.ofMillis(500));
        assertThat(syncs.sourceLive).as("then from the live index").containsExactly(false, true);
        watcher.listener("/s").changed(RelativePath.ROOT);
        watcher.listener("/s").lost(FileWatcher.Lost.OVERFLOW, "queue overflow");
        assertThat(running.sync(new SyncConduit.Command("1", SyncListener.NONE)))
                .as("asked for: the lost events are rescanned first")
                .isNotNull();
        assertThat(syncs.sourceLive).containsExactly(false, true, true);
        assertThat(source.indexed.get(source.indexed.size() - 1).onlyFolders()).isEmpty();
    }

    @Test
    void aSecondSyncOfAConduitWhileOneRunsIsRefusedAsBusy() throws Exception {
        start(Schedule.MANUAL, Option.none());
        pass(Duration.ofMillis(500));
        syncs.hold = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Either<Failure, SyncReport>> first =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> running.sync(new SyncConduit.Command("docs", SyncListener.NONE)));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!running.state().get().running()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.onSpinWait();
        }
        Either<Failure, SyncReport> second = running.sync(new SyncConduit.Command("1", SyncListener.NONE));
        assertThat(second.getLeft()).isInstanceOf(Failure.Busy.class);
        syncs.hold.countDown();
        assertThat(first.get().getLeft()).isEqualTo(Failure.refused("counted"));
        assertThat(syncs.count()).isEqualTo(1);
    }

    @Test
    void atMostMaxParallelConduitsAtOnce() {
        conduitCount = 3;
        syncs.hold = new java.util.concurrent.CountDownLatch(1);
        history.lastCompleted = Option.none();
        SyncLibrary library = new SyncLibrary(
                conduits(new Schedule.Interval(Duration.ofHours(1))),
                new InMemoryLocations(),
                store,
                history,
                new InMemoryJobLedger(journal, 1),
                trash,
                new InMemoryLocks(),
                new InMemoryBaselines(store, new LocationId(99)),
                new InMemoryConflictLog(journal));
        running = new ServiceRuntime(
                        syncs, library, new InMemoryEndpoints().with(source).with(target), watcher, scheduler, clock)
                .start(new RunService.Options(QUIET, 2, Duration.ofSeconds(30)));
        clock.move(Duration.ofMillis(50));
        scheduler.advance(Duration.ofMillis(50));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (syncs.count() < 2) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.onSpinWait();
        }
        scheduler.advance(Duration.ofMillis(500)); // ticks while two run: the third waits
        assertThat(syncs.count()).isEqualTo(2);
        assertThat(running.state().count(RunService.ConduitState::running)).isEqualTo(2);
        syncs.hold.countDown();
        settle();
        pass(Duration.ofMillis(200));
        assertThat(syncs.count()).isEqualTo(3);
        assertThat(syncs.mostAtOnce.get()).isEqualTo(2);
    }

    @Test
    void aRemoteRootIsNeverWatchedAndStatusSaysItIsScannedAtEachSync() {
        remoteTarget = true;
        start(Schedule.MANUAL, Option.none());
        pass(Duration.ofMillis(500));

        assertThat(watcher.listener("/s")).isNotNull();
        assertThat(watcher.listener("/t"))
                .as("the same path here is not watched for it")
                .isNull();
        assertThat(running.state().get().source().label()).isEqualTo("watching");
        assertThat(running.state().get().target().label())
                .isEqualTo("not watched: remote (nas:/t): scanned at each sync");
        assertThat(running.state().get().watching()).isFalse();
    }

    @Test
    void overflowRescansTheRootWholeAndSaysSo() {
        start(Schedule.MANUAL, Option.none());
        pass(Duration.ofMillis(500));
        assertThat(running.state().get().source().label()).isEqualTo("watching");
        int before = source.indexed.size();
        watcher.listener("/s").lost(FileWatcher.Lost.OVERFLOW, "queue overflow");
        assertThat(running.state().get().source().label()).startsWith("rescanning: events were lost");
        assertThat(running.state().get().watching()).isFalse();
        pass(Duration.ofMillis(500));
        assertThat(source.indexed.subList(before, source.indexed.size()))
                .singleElement()
                .satisfies(command -> assertThat(command.onlyFolders()).isEmpty());
        assertThat(running.state().get().source().label()).isEqualTo("watching");
    }

    @Test
    void whenApplyingFailsNothingIsLostTheRootIsScannedWholeNext() {
        start(Schedule.MANUAL, Option.none());
        pass(Duration.ofMillis(500));
        source.indexes(command -> {
            throw new IllegalStateException("disk I/O error");
        });
        watcher.listener("/s").changed(RelativePath.parse("d").get());
        pass(Duration.ofMillis(300));
        assertThat(running.state().get().source().label())
                .isEqualTo("rescanning: applying what changed failed (disk I/O error)");
        assertThat(running.state().get().watching()).isFalse();
        source.indexes(command -> Either.right(InMemoryEndpoint.report(SOURCE)));
        int before = source.indexed.size();
        pass(Duration.ofMillis(500));
        assertThat(source.indexed.subList(before, source.indexed.size()))
                .singleElement()
                .satisfies(command -> assertThat(command.onlyFolders()).isEmpty());
        assertThat(running.state().get().source().label()).isEqualTo("watching");
    }

    @Test
    void aWatchLimitFallsBackToPollingTheRootWhole() {
        start(Schedule.MANUAL, Option.none());
        pass(Duration.ofMillis(500));
        watcher.listener("/t").lost(FileWatcher.Lost.WATCH_LIMIT, "No space left on device");
        int before = target.indexed.size();
        pass(Duration.ofMillis(500));
        assertThat(running.state().get().target().label())
                .isEqualTo("polling every 30 s: watch limit (No space left on device)");
        assertThat(target.indexed.size()).isEqualTo(before + 1);
        pass(Duration.ofSeconds(20));
        assertThat(target.indexed.size()).as("not before the poll period").isEqualTo(before + 1);
        pass(Duration.ofSeconds(11));
        assertThat(target.indexed.size()).isEqualTo(before + 2);
        assertThat(target.indexed.get(target.indexed.size() - 1).onlyFolders()).isEmpty();
    }

    @Test
    void aRootThatIsGonePausesTheConduitAndNothingIsApplied() {
        start(Schedule.INSTANT, Option.some(START.minusSeconds(60)));
        pass(Duration.ofMillis(500));
        int before = source.indexed.size();
        source.disk().noRoot();
        watcher.listener("/s").rootGone("deleted");
        pass(Duration.ofSeconds(1));
        assertThat(source.indexed.size()).as("nothing applied").isEqualTo(before);
        assertThat(syncs.count()).isZero();
        RunService.ConduitState state = running.state().get();
        assertThat(state.source().label()).startsWith("not watched: paused: the source /s is missing");
        assertThat(state.nextRun()).isEmpty();
        assertThat(watcher.open).doesNotContainKey("/s");
    }

    private static IndexReport changed(Location location) {
        return new IndexReport(
                location, RelativePath.ROOT, 1, 0, 0, 0, 0, 0, List.empty(), 0, 0, List.empty(), Duration.ZERO);
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void move(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Watches nothing: the test tells what it would have seen. */
    private static final class FakeWatcher implements FileWatcher {
        final Map<String, Listener> open = new ConcurrentHashMap<>();

        @Override
        public Watch watch(Path root, Listener listener) {
            open.put(root.toString(), listener);
            return () -> open.remove(root.toString());
        }

        Listener listener(String root) {
            return open.get(root);
        }
    }

    /**
     * Counts the syncs asked for, and whether each was told its source's index is live; each fails, which a service
     * takes like any other end. While {@link #hold} is closed, syncs wait for it: the most at once is counted.
     */
    private static final class CountedSyncs implements SyncConduit {
        private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger atOnce =
                new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.List<Boolean> sourceLive = Collections.synchronizedList(new java.util.ArrayList<>());
        volatile java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(0);

        int count() {
            return count.get();
        }

        @Override
        public Either<Failure, PlanReport> plan(PlanQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Either<Failure, SyncReport> sync(Command command) {
            count.incrementAndGet();
            // as the pipeline asks in place of a scan: the events seen are applied, then the root is live or scanned
            sourceLive.add(command.options().live().catchUp(new Endpoint("/s", SOURCE_ID)));
            mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            try {
                hold.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                atOnce.decrementAndGet();
            }
            return Either.left(Failure.refused("counted"));
        }

        @Override
        public Either<Failure, Conduit> pause(String ref) {
            throw new UnsupportedOperationException();
        }
    }
}
