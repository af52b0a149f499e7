package dev.conduit.testing;

import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Another process holding an OS file lock ({@code fcntl}) on a file, as a running sync holds its conduit's lock file:
 * {@code HoldFileLock FILE} locks it, prints {@code locked}, and keeps it until its standard input ends or it is
 * killed. Run it with {@link ChildJvm#of}.
 */
public final class HoldFileLock {

    private HoldFileLock() {}

    public static void main(String[] arguments) throws Exception {
        java.nio.file.Files.createDirectories(
                Path.of(arguments[0]).toAbsolutePath().getParent());
        try (FileChannel channel =
                        FileChannel.open(Path.of(arguments[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            System.out.println("locked");
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** Starts a holder of {@code file}'s lock and returns once it holds it. */
    public static Process start(Path file) throws Exception {
        Process holder = ChildJvm.of(HoldFileLock.class, file.toString()).start();
        String said = new java.io.BufferedReader(
                        new java.io.InputStreamReader(holder.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))
                .readLine();
        if (!"locked".equals(said)) {
            holder.destroyForcibly();
            throw new AssertionError("the lock holder said " + said);
        }
        return holder;
    }
}
