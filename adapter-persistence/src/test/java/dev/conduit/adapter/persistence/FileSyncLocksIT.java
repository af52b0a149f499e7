package dev.conduit.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.testing.ChildJvm;
import io.vavr.control.Option;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync lock between real processes: the test's JVM and a child JVM ({@link LockProbe}), as two {@code conduit}
 * commands would meet; threads of one JVM would not see what the OS does with {@code fcntl} locks.
 */
class FileSyncLocksIT {

    private static final ConduitId CONDUIT = new ConduitId(3);

    @TempDir
    Path folder;

    @Test
    void aLockHeldHereIsStillHeldForOtherProcessesAfterThisProcessAskedForItAgain() throws Exception {
        Path library = folder.resolve("lib");
        FileSyncLocks locks = new FileSyncLocks(new LibraryFolder(library));
        Option<SyncLocks.Held> held = locks.tryLock(CONDUIT);
        assertThat(held).isNotEmpty();

        assertThat(locks.tryLock(CONDUIT)).as("a second sync in this process").isEmpty();
        assertThat(locks.isLocked(CONDUIT)).as("status in this process").isTrue();
        assertThat(new FileSyncLocks(new LibraryFolder(folder.resolve("./lib"))).tryLock(CONDUIT))
                .as("the same library spelt otherwise")
                .isEmpty();

        assertThat(probe(library)).as("another process after those probes").isEqualTo("held");
        held.get().close();
        assertThat(probe(library)).as("once let go").isEqualTo("free");
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedHereUntilThatProcessDies() throws Exception {
        Path library = folder.resolve("lib");
        FileSyncLocks locks = new FileSyncLocks(new LibraryFolder(library));
        Process holder =
                ChildJvm.of(LockProbe.class, "hold", library.toString(), "3").start();
        try {
            BufferedReader said =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(said.readLine()).isEqualTo("locked");

            assertThat(locks.tryLock(CONDUIT)).isEmpty();
            assertThat(locks.isLocked(CONDUIT)).isTrue();
            assertThat(locks.tryLock(CONDUIT)).as("asked again").isEmpty();
        } finally {
            holder.destroyForcibly().waitFor(); // SIGKILL: the OS lets go of its lock
        }

        Option<SyncLocks.Held> after = locks.tryLock(CONDUIT);
        assertThat(after).as("a lock dies with its process").isNotEmpty();
        after.get().close();
        assertThat(locks.isLocked(CONDUIT)).isFalse();
    }

    /**
     * {@code status} asks whether a conduit syncs while syncs of it start in another process: the asking must never be
     * what refuses one (a probe that took the lock, even for a moment, did: ManyProcessesE2E saw it).
     */
    @Test
    void askingWhetherAConduitSyncsNeverRefusesASyncOfIt() throws Exception {
        Path library = folder.resolve("lib");
        FileSyncLocks locks = new FileSyncLocks(new LibraryFolder(library));
        locks.tryLock(CONDUIT).get().close(); // the lock file exists
        java.util.concurrent.atomic.AtomicBoolean asking = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicLong asked = new java.util.concurrent.atomic.AtomicLong();
        Thread status = new Thread(() -> {
            while (asking.get()) {
                locks.isLocked(CONDUIT);
                asked.incrementAndGet();
            }
        });
        status.start();
        try {
            Process syncs = ChildJvm.of(LockProbe.class, "race", library.toString(), "3", "3000")
                    .redirectErrorStream(true)
                    .start();
            String refused = new String(syncs.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(syncs.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(refused)
                    .as("syncs refused while status asked " + asked.get() + " times")
                    .isEqualTo("0");
        } finally {
            asking.set(false);
            status.join();
        }
        assertThat(asked.get()).as("status asked meanwhile").isPositive();
    }

    private static String probe(Path library) throws Exception {
        Process probe = ChildJvm.of(LockProbe.class, "probe", library.toString(), "3")
                .redirectErrorStream(true)
                .start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
