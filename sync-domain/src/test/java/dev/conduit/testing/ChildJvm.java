package dev.conduit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class of the test class path run in a JVM of its own: a second process, as a user runs two commands, not a
 * second thread of the test's JVM. {@link #unprivileged} runs it as {@code nobody} when the tests run as root (CI
 * does), so that what only an ordinary user meets (permission denied) is met there too, instead of being skipped.
 */
public final class ChildJvm {

    /** The user an unprivileged child runs as. */
    public static final String NOBODY = "nobody";

    /** The copy of the class path an unprivileged child runs with; made on first use. */
    private static String readableClassPath;

    private ChildJvm() {
    }

    /** A child JVM running {@code main} with the test's class path, as the test's own user. */
    public static ProcessBuilder of(Class<?> main, String... arguments) {
        return command(List.of(), System.getProperty("java.class.path"), main, arguments);
    }

    /**
     * A child JVM running {@code main} as {@code nobody} (privileges dropped with {@code setpriv}) when the test runs
     * as root; as the test's own user otherwise, who has no privileges to drop. Its class path is a copy every user
     * can read. The files the child needs must be accessible to {@code nobody}: see {@link #handOver}.
     */
    public static ProcessBuilder unprivileged(Class<?> main, String... arguments) {
        if (!isRoot()) {
            return of(main, arguments);
        }
        return command(List.of(setpriv(), "--reuid=" + NOBODY, "--regid=nogroup", "--clear-groups"),
            readableClassPath(), main, arguments);
    }

    /**
     * Gives a folder and everything in it to the user an unprivileged child runs as, and lets that user reach it
     * (search permission on its ancestors, as {@code @TempDir} makes its folders private). Nothing to do when the
     * tests do not run as root.
     */
    public static void handOver(Path folder) {
        if (!isRoot()) {
            return;
        }
        run("chown", "-R", NOBODY + ":nogroup", folder.toString());
        for (Path up = folder.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
            run("chmod", "o+x", up.toString());
        }
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a short command to its end; fails the test when it fails. */
    public static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static ProcessBuilder command(List<String> prefix, String classPath, Class<?> main, String... arguments) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dfile.encoding=UTF-8", "-Dsun.jnu.encoding=UTF-8", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED", "-cp", classPath, main.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LC_ALL", "C.UTF-8");
        return builder;
    }

    /** {@code setpriv} is part of util-linux; a machine that runs the tests as root must have it. */
    private static String setpriv() {
        for (String folder : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(folder, "setpriv"))) {
                return Path.of(folder, "setpriv").toString();
            }
        }
        throw new AssertionError("setpriv (util-linux) is needed to run this test as root: install util-linux");
    }

    /** The test's class path copied once to a folder every user can read (root's ~/.m2 is private). */
    private static synchronized String readableClassPath() {
        if (readableClassPath == null) {
            try {
                Path copy = Files.createTempDirectory("conduit-classpath-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
                List<String> entries = new ArrayList<>();
                int n = 0;
                for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                    Path source = Path.of(entry);
                    if (!Files.exists(source)) {
                        continue;
                    }
                    Path copied = copy.resolve(n++ + "-" + source.getFileName());
                    copyReadable(source, copied);
                    entries.add(copied.toString());
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(copy)));
                readableClassPath = String.join(java.io.File.pathSeparator, entries);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return readableClassPath;
    }

    private static void copyReadable(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
            return;
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                throws IOException {
                Path made = Files.createDirectories(target.resolve(source.relativize(directory).toString()));
                Files.setPosixFilePermissions(made, PosixFilePermissions.fromString("rwxr-xr-x"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                copyReadable(file, target.resolve(source.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteQuietly(Path folder) {
        try (var all = Files.walk(folder)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder left behind
        }
    }
}
