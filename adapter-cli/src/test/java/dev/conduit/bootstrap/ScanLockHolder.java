package dev.conduit.bootstrap;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Another process scanning every location of a library, as a {@code conduit sync} of a shared root does (ADR 0049):
 * {@code LIBRARY ID...} locks each location's scan lease file (or, given a name ending in {@code .lock}, that file of
 * the library's {@code locks} folder: a conduit's sync lock), prints {@code scanning} and keeps them until its standard
 * input ends.
 */
public final class ScanLockHolder {

    private ScanLockHolder() {}

    public static void main(String[] arguments) throws Exception {
        Path locks = Files.createDirectories(Path.of(arguments[0], "locks"));
        List<FileLock> held = new ArrayList<>();
        for (int i = 1; i < arguments.length; i++) {
            String name = arguments[i].endsWith(".lock") ? arguments[i] : "scan-location-" + arguments[i] + ".lock";
            FileChannel channel =
                    FileChannel.open(locks.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            held.add(channel.lock());
        }
        System.out.println("scanning");
        System.out.flush();
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
        for (FileLock lock : held) {
            lock.release();
        }
    }
}
