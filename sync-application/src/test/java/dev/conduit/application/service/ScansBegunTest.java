package dev.conduit.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.fakes.ManualScheduler;
import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexListener;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** ADR 0068: a scan begun ahead stands for its conduit's first sync, once, with the same rules, a moment after. */
class ScansBegunTest {

    private static final Location SOURCE = new Location(new LocationId(1), "/s", new RootIdentity("s", "2"));
    private static final IndexReport FOUND = new IndexReport(
            SOURCE, RelativePath.ROOT, 3, 0, 0, 0, 3, 30, List.empty(), 0, 0, List.empty(), Duration.ofMillis(5));

    private static final ConduitId CONDUIT = new ConduitId(4);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final ScansBegun scans = new ScansBegun(scheduler);
    private final AtomicInteger scanned = new AtomicInteger();
    private final IndexLocation indexer = command -> {
        scanned.incrementAndGet();
        return Either.right(FOUND);
    };

    private static IndexLocation.Command command(String root, String... ignored) {
        return new IndexLocation.Command(Path.of(root), List.of(ignored), true, IndexListener.NONE, true, Option.none())
                .readingOnly();
    }

    @Test
    void theConduitsFirstSyncTakesTheScanWhateverItsListenerAndOnlyOnce() {
        scans.begin(indexer, command("/s")).handTo(CONDUIT);
        IndexListener told = progress -> {};

        assertThat(scans.take(CONDUIT, command("/s").withListener(told))).contains(Either.right(FOUND));
        assertThat(scans.take(CONDUIT, command("/s"))).as("taken once").isEmpty();
        assertThat(scanned).hasValue(1);
    }

    @Test
    void aScanOfOtherRulesOrAnotherConduitIsNotTakenAndNotLeftForLater() {
        scans.begin(indexer, command("/s", "*.tmp")).handTo(CONDUIT);

        assertThat(scans.take(new ConduitId(5), command("/s", "*.tmp")))
                .as("another conduit")
                .isEmpty();
        assertThat(scans.take(CONDUIT, command("/t", "*.tmp")))
                .as("the conduit's other root")
                .isEmpty();
        assertThat(scans.take(CONDUIT, command("/s")))
                .as("begun with other rules")
                .isEmpty();
        assertThat(scans.take(CONDUIT, command("/s", "*.tmp")))
                .as("gone with its root's first look")
                .isEmpty();
    }

    @Test
    void theOtherRootAskingFirstLeavesTheScanToItsRoot() {
        scans.begin(indexer, command("/s")).handTo(CONDUIT);

        assertThat(scans.take(CONDUIT, command("/t"))).isEmpty();
        assertThat(scans.take(CONDUIT, command("/s"))).contains(Either.right(FOUND));
    }

    @Test
    void aScanNotHandedToAConduitOrForgottenByItsFirstSyncStandsForNone() {
        scans.begin(indexer, command("/s"));
        assertThat(scans.take(CONDUIT, command("/s")))
                .as("no conduit was made for it")
                .isEmpty();

        scans.begin(indexer, command("/s")).handTo(CONDUIT);
        scans.forget(CONDUIT); // its first sync did not scan that root
        assertThat(scans.take(CONDUIT, command("/s"))).as("a later sync").isEmpty();
    }

    @Test
    void aScanThatEndedLongerAgoThanAMomentIsNotTheSyncs() throws Exception {
        ScansBegun.Begun begun = scans.begin(indexer, command("/s"));
        begun.handTo(CONDUIT);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!begun.ended() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(begun.ended()).isTrue();
        scheduler.advance(ScansBegun.FRESH.plusSeconds(1));

        assertThat(scans.take(CONDUIT, command("/s"))).isEmpty();
    }

    @Test
    void aScanLeftWithAConduitThatNeverSyncedIsLetGoOfOnceStale() throws Exception {
        ScansBegun.Begun left = scans.begin(indexer, command("/s"));
        left.handTo(CONDUIT); // its first sync never came
        awaitEnd(left);
        scheduler.advance(ScansBegun.FRESH.plusSeconds(1));

        ScansBegun.Begun next = scans.begin(indexer, command("/u"));
        next.handTo(new ConduitId(5));
        awaitEnd(next);

        assertThat(scans.handedTo()).containsExactly(new ConduitId(5));
    }

    private static void awaitEnd(ScansBegun.Begun begun) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!begun.ended() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(begun.ended()).isTrue();
    }

    @Test
    void aScanThatFailedIsScannedAgainAndOneStoppedEndsItsThread() throws Exception {
        scans.begin(command -> Either.left(new IndexFailure.RootMissing("/s")), command("/s"))
                .handTo(CONDUIT);
        assertThat(scans.take(CONDUIT, command("/s"))).as("failed").isEmpty();

        CountDownLatch running = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        ScansBegun.Begun stopped = scans.begin(
                command -> {
                    running.countDown();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                    }
                    return Either.right(FOUND);
                },
                command("/s"));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        stopped.stop();
        assertThat(interrupted)
                .as("the scan was interrupted and its thread waited for")
                .isTrue();
    }

    @Test
    void aSyncThatAsksWhileTheScanRunsWaitsForIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        scans.begin(
                        command -> {
                            try {
                                release.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return Either.right(FOUND);
                        },
                        command("/s"))
                .handTo(CONDUIT);
        new Thread(() -> {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    release.countDown();
                })
                .start();

        assertThat(scans.take(CONDUIT, command("/s"))).contains(Either.right(FOUND));
        assertThat(release.getCount()).isZero();
    }
}
