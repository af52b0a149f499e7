package dev.conduit.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.out.LibraryWaits;
import dev.conduit.application.port.out.ScanLeases;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan lease of a location between real processes and between threads (ADR 0049): a scan waits while another
 * scans, says who, and goes on when that one ends, or, after the bound, without the lease.
 */
class FileScanLeasesIT {

    @TempDir
    Path folder;

    static Location location(long id) {
        return new Location(new LocationId(id), "/data/shared", new RootIdentity("1", "2"));
    }

    private final List<String> told = new CopyOnWriteArrayList<>();

    private final LibraryWaits waits = new LibraryWaits() {
        @Override
        public void waiting(String holder) {}

        @Override
        public void scanWaiting(String root, String holder) {
            told.add(root + ": " + holder);
        }
    };

    @Test
    void aScanWaitsWhileAnotherProcessScansTheLocationSaysWhoAndGoesOnWhenItEnds() throws Exception {
        Path library = folder.resolve("lib");
        FileScanLeases leases = new FileScanLeases(new LibraryFolder(library), waits);
        Process other = ChildJvm.of(ScanLeaseProbe.class, "hold", library.toString(), "3")
                .start();
        try {
            BufferedReader said =
                    new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(said.readLine()).isEqualTo("scanning");

            CompletableFuture<ScanLeases.Lease> waiting =
                    CompletableFuture.supplyAsync(() -> leases.await(location(3)));
            Thread.sleep(1_500);
            assertThat(waiting).as("waits while the other scans").isNotDone();
            assertThat(told).hasSize(1);
            assertThat(told.get(0))
                    .as("names the other process")
                    .startsWith("/data/shared: held by pid " + other.pid());
            assertThat(leases.await(location(4)))
                    .as("another location: no wait")
                    .isNotNull();

            other.getOutputStream().close(); // the other scan ends
            ScanLeases.Lease lease = waiting.get(10, TimeUnit.SECONDS);
            lease.close();
        } finally {
            other.destroyForcibly().waitFor();
        }
        assertThat(told).hasSize(1);
    }

    @Test
    void aScanThatWaitedAsLongAsTheBoundGoesOnWithoutTheLease() throws Exception {
        Path library = folder.resolve("lib");
        FileScanLeases leases = new FileScanLeases(new LibraryFolder(library), waits, Duration.ofMillis(300));
        Process other = ChildJvm.of(ScanLeaseProbe.class, "hold", library.toString(), "3")
                .start();
        try {
            BufferedReader said =
                    new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(said.readLine()).isEqualTo("scanning");

            long started = System.nanoTime();
            leases.await(location(3)).close();
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(waited).isBetween(300L, 5_000L);
        } finally {
            other.destroyForcibly().waitFor(); // SIGKILL: the OS lets go of its lock
        }
        long started = System.nanoTime();
        leases.await(location(3)).close();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                .as("a lease dies with its process")
                .isLessThan(300L);
    }

    @Test
    void twoScansOfOneLocationInOneProcessTakeTurns() throws Exception {
        FileScanLeases leases = new FileScanLeases(new LibraryFolder(folder.resolve("lib")), waits);
        ScanLeases.Lease first = leases.await(location(5));

        CompletableFuture<ScanLeases.Lease> second = CompletableFuture.supplyAsync(() -> leases.await(location(5)));
        Thread.sleep(1_300);
        assertThat(second).as("waits for the first").isNotDone();
        assertThat(told).containsExactly("/data/shared: held by another scan of this process");

        first.close();
        second.get(10, TimeUnit.SECONDS).close();
        first.close(); // closing twice lets nothing else go
        ScanLeases.Lease third = leases.await(location(5));
        CompletableFuture<ScanLeases.Lease> fourth = CompletableFuture.supplyAsync(() -> leases.await(location(5)));
        Thread.sleep(200);
        assertThat(fourth).as("still one at a time").isNotDone();
        third.close();
        fourth.get(10, TimeUnit.SECONDS).close();
    }
}
