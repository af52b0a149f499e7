package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.domain.conduit.ConduitId;
import io.vavr.control.Option;
import java.nio.file.Path;

/**
 * Another process asking for a conduit's sync lock, as a second {@code conduit sync} would: {@code probe LIBRARY ID}
 * prints {@code held} or {@code free}; {@code hold LIBRARY ID} takes the lock, prints {@code locked} and keeps it until
 * its standard input ends (or it is killed); {@code race LIBRARY ID N} takes and lets go of the lock N times, as N
 * syncs one after another would, and prints how many times it was refused.
 */
public final class LockProbe {

    private LockProbe() {}

    public static void main(String[] arguments) throws Exception {
        FileSyncLocks locks = new FileSyncLocks(new LibraryFolder(Path.of(arguments[1])));
        ConduitId conduit = new ConduitId(Long.parseLong(arguments[2]));
        if (arguments[0].equals("race")) {
            int refused = 0;
            for (int i = 0; i < Integer.parseInt(arguments[3]); i++) {
                Option<SyncLocks.Held> taken = locks.tryLock(conduit);
                refused += taken.isEmpty() ? 1 : 0;
                taken.forEach(SyncLocks.Held::close);
            }
            System.out.println(refused);
            return;
        }
        Option<SyncLocks.Held> lock = locks.tryLock(conduit);
        if (arguments[0].equals("probe")) {
            System.out.println(lock.isEmpty() ? "held" : "free");
            lock.forEach(SyncLocks.Held::close);
            return;
        }
        System.out.println(lock.isEmpty() ? "held" : "locked");
        System.out.flush();
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
}
