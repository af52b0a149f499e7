package dev.conduit.adapter.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Whether this process may keep owners and groups of what it writes (ADR 0040): as {@code rsync -a} does, only when it
 * runs as root (effective user id 0), the one user who may give files away. Any other user writes files of its own,
 * and owners are then neither compared nor set. Whether a sync keeps them is the application's to say (a file system
 * without permission bits has no owners to keep either): the jobs set them where their order says so.
 *
 * @param kept whether entries written may get the sending side's owner and group
 */
public record Owners(boolean kept) {

    private static final Owners THIS_PROCESS = new Owners(effectiveUid() == 0);

    /** What this process may do: keep owners when it runs as root. */
    public static Owners ofThisProcess() {
        return THIS_PROCESS;
    }

    /**
     * Gives an entry (not followed if it is a link) this owner and group where they are known ({@code -1} is "leave
     * it", as for {@code lchown}). Done before the permission bits are set: a change of owner clears the setuid and
     * setgid bits of a file.
     */
    public static void give(Path entry, int uid, int gid) throws IOException {
        if (uid != -1) {
            Files.setAttribute(entry, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        }
        if (gid != -1) {
            Files.setAttribute(entry, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /**
     * The effective user id, from {@code /proc/self/status} ("Uid: real effective saved fs"); -1 where it cannot be
     * read (then owners are not kept: nothing is given away that might not be meant to).
     */
    static int effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return Integer.parseInt(ids[1]);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux, or no /proc: owners are not kept
        }
        return -1;
    }
}
