package dev.conduit.bootstrap;

import static dev.conduit.bootstrap.ServiceHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncReport;
import io.vavr.control.Either;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two conduits with the same {@code --bwlimit}, synced at once by one service (the daemon's {@code --max-parallel}),
 * share the limit (ADR 0045): together they take the time of all their bytes at that one rate, not of half of them.
 */
class SharedBandwidthIT {

    private static final String LIMIT = "128K";
    private static final int RATE = 128 << 10;
    private static final int FILES = 4;
    private static final int FILE_BYTES = 32 << 10; // each conduit moves one second's worth at the limit

    @TempDir
    Path work;

    private ServiceHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private Path add(Path library, String name) throws Exception {
        Path source = Files.createDirectories(work.resolve(name + "-source"));
        for (int i = 0; i < FILES; i++) {
            byte[] bytes = new byte[FILE_BYTES];
            new java.util.Random(i * 31L + name.hashCode()).nextBytes(bytes); // not sparse, not compressible
            Mirrors.write(source, "f" + i + ".bin", bytes);
        }
        Path target = work.resolve(name + "-target");
        CliRun added = CliRun.run(
                library,
                "add",
                source.toString(),
                target.toString(),
                "--name",
                name,
                "--schedule",
                "manual",
                "--bwlimit",
                LIMIT);
        assertThat(added.exitCode()).as(added.err()).isZero();
        return target;
    }

    /** One sync as the command line asks the daemon for it, with when it started and ended. */
    private record Timed(Either<Failure, SyncReport> result, long started, long ended) {}

    @Test
    void twoConduitsAtTheSameLimitSyncedAtOnceShareIt() throws Exception {
        Path library = work.resolve("lib");
        Path one = add(library, "one");
        Path two = add(library, "two");
        harness = new ServiceHarness(library);
        harness.start(Duration.ofMillis(100), Duration.ofSeconds(30));
        await(
                "both conduits watched and idle",
                Duration.ofSeconds(20),
                () -> harness.state(1).watching()
                        && harness.state(2).watching()
                        && !harness.state(1).busy()
                        && !harness.state(2).busy());

        CyclicBarrier together = new CyclicBarrier(2);
        long began = System.nanoTime();
        CompletableFuture<Timed> first = CompletableFuture.supplyAsync(() -> sync("one", together));
        CompletableFuture<Timed> second = CompletableFuture.supplyAsync(() -> sync("two", together));
        Timed a = first.get(60, TimeUnit.SECONDS);
        Timed b = second.get(60, TimeUnit.SECONDS);
        long elapsed = Math.max(a.ended(), b.ended()) - began;

        assertThat(a.result().isRight()).as("%s", a.result()).isTrue();
        assertThat(b.result().isRight()).as("%s", b.result()).isTrue();
        assertThat(Files.size(one.resolve("f3.bin"))).isEqualTo(FILE_BYTES);
        assertThat(Files.size(two.resolve("f3.bin"))).isEqualTo(FILE_BYTES);
        assertThat(a.started() < b.ended() && b.started() < a.ended())
                .as("the two syncs ran at once")
                .isTrue();
        // all the bytes at the one rate take 2 s at least (the bucket starts empty); each conduit at a rate of its own
        // would take 1 s and a little (1.3 s measured here without the sharing)
        long totalNanos = 2L * FILES * FILE_BYTES * 1_000_000_000L / RATE;
        assertThat(Duration.ofNanos(elapsed))
                .as("two conduits at %s each share it: %d bytes at %d B/s", LIMIT, 2 * FILES * FILE_BYTES, RATE)
                .isGreaterThanOrEqualTo(Duration.ofNanos(totalNanos * 9 / 10))
                .isLessThan(Duration.ofNanos(totalNanos * 5));
    }

    private Timed sync(String conduit, CyclicBarrier together) {
        try {
            together.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        long started = System.nanoTime();
        Either<Failure, SyncReport> result =
                harness.running().sync(new SyncConduit.Command(conduit, SyncListener.NONE));
        return new Timed(result, started, System.nanoTime());
    }
}
