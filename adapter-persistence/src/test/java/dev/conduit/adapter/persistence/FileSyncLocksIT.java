package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.testing.ChildJvm;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

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
            .as("the same library spelt otherwise").isEmpty();

        assertThat(probe(library)).as("another process after those probes").isEqualTo("held");
        held.get().close();
        assertThat(probe(library)).as("once let go").isEqualTo("free");
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedHereUntilThatProcessDies() throws Exception {
        Path library = folder.resolve("lib");
        FileSyncLocks locks = new FileSyncLocks(new LibraryFolder(library));
        Process holder = ChildJvm.of(LockProbe.class, "hold", library.toString(), "3").start();
        try {
            BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8));
            assertThat(said.readLine()).isEqualTo("locked");

            assertThat(locks.tryLock(CONDUIT)).isEmpty();
            assertThat(locks.isLocked(CONDUIT)).isTrue();
            assertThat(locks.tryLock(CONDUIT)).as("asked again").isEmpty();
        } finally {
            holder.destroyForcibly().waitFor();                           // SIGKILL: the OS lets go of its lock
        }

        Option<SyncLocks.Held> after = locks.tryLock(CONDUIT);
        assertThat(after).as("a lock dies with its process").isNotEmpty();
        after.get().close();
        assertThat(locks.isLocked(CONDUIT)).isFalse();
    }

    private static String probe(Path library) throws Exception {
        Process probe = ChildJvm.of(LockProbe.class, "probe", library.toString(), "3").redirectErrorStream(true)
            .start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
