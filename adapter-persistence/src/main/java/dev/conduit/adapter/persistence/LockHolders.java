package dev.conduit.adapter.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who holds write locks on the library's files, from {@code /proc/locks} (SQLite locks byte ranges of the database and
 * its {@code -shm} file with {@code fcntl}; a writer holds an exclusive one, readers shared ones): the pids and their
 * command lines, for a message that names the holder instead of guessing. Best effort: where {@code /proc} is not there, nobody is named.
 */
final class LockHolders {

    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private LockHolders() {}

    /** Whether this system says who holds which lock ({@code /proc/locks}); without it, nobody is ever named. */
    static boolean readable() {
        return Files.isReadable(PROC_LOCKS);
    }

    /** The other processes that hold the write lock of a library: on its database, {@code -shm} or {@code -wal}. */
    static List<String> ofLibrary(Path database) {
        return of(List.of(database, Path.of(database + "-shm"), Path.of(database + "-wal")));
    }

    /** Who holds it, for a message: {@code held by pid 4242: conduit sync docs}, or that nobody is known to. */
    static String describe(List<String> holders) {
        return holders.isEmpty() ? "no other process is known to hold it" : "held by " + String.join(", ", holders);
    }

    /** The other processes that hold a write lock on any of {@code files}, in words; empty when none is known. */
    static List<String> of(List<Path> files) {
        Set<Long> inodes = new LinkedHashSet<>();
        for (Path file : files) {
            try {
                inodes.add((Long) Files.getAttribute(file, "unix:ino"));
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException absent) {
                // not there (no -shm yet) or no inode to match: nothing to look for
            }
        }
        long self = ProcessHandle.current().pid();
        Set<Long> pids = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(PROC_LOCKS, StandardCharsets.US_ASCII)) {
                String[] fields = line.trim().split("\\s+");
                // "1: POSIX  ADVISORY  WRITE 4242 08:01:1234 0 EOF" (a blocked waiter has "->" before its fields)
                int at = fields.length > 1 && fields[1].equals("->") ? 2 : 1;
                if (fields.length < at + 5) {
                    continue;
                }
                String[] device = fields[at + 4].split(":");
                boolean writes = fields[at + 2].equals("WRITE"); // readers hold shared (READ) locks too
                if (writes
                        && device.length == 3
                        && inodes.contains(Long.parseLong(device[2]))
                        && !fields[1].equals("->")) {
                    long pid = Long.parseLong(fields[at + 3]);
                    if (pid != self) {
                        pids.add(pid);
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
        List<String> holders = new ArrayList<>();
        for (long pid : pids) {
            holders.add("pid " + pid + command(pid));
        }
        return holders;
    }

    private static String command(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(handle -> handle.info().commandLine())
                .map(line -> ": " + shorten(line))
                .orElse("");
    }

    /** A Conduit process is named by its subcommand: {@code java … -jar conduit.jar --library L sync docs}. */
    private static String shorten(String commandLine) {
        String line = commandLine.replaceAll("\\s+", " ").trim();
        int jar = line.indexOf("conduit.jar");
        String shown = jar >= 0 ? "conduit" + line.substring(jar + "conduit.jar".length()) : line;
        return shown.length() > 100 ? shown.substring(0, 100) + "…" : shown;
    }
}
