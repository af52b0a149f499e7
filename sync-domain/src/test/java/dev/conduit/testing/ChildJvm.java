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

    private ChildJvm() {}

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
        return command(
                List.of(setpriv(), "--reuid=" + NOBODY, "--regid=nogroup", "--clear-groups"),
                readableClassPath(),
                main,
                arguments);
    }

    /**
     * A child JVM running an application jar as {@code nobody} when the test runs as root (as the test's own user
     * otherwise), from a copy of the jar every user can read.
     */
    public static ProcessBuilder unprivilegedJar(Path jar, String... arguments) {
        if (!isRoot()) {
            return command(List.of(), List.of("-jar", jar.toString()), arguments);
        }
        return command(
                List.of(setpriv(), "--reuid=" + NOBODY, "--regid=nogroup", "--clear-groups"),
                List.of("-jar", readableCopy(jar).toString()),
                arguments);
    }

    /**
     * Gives a folder (in the temporary folder) and everything in it to the user an unprivileged child runs as, and
     * lets that user reach it: search permission on its ancestors below the temporary folder, as {@code @TempDir}
     * makes its folders private. Nothing to do when the tests do not run as root.
     */
    public static void handOver(Path folder) {
        if (!isRoot()) {
            return;
        }
        Path temporary =
                Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        Path given = folder.toAbsolutePath().normalize();
        if (!given.startsWith(temporary) || given.equals(temporary)) {
            throw new AssertionError(given + " is not inside " + temporary + ": not handed over");
        }
        Shell.run("chown", "-R", NOBODY + ":nogroup", given.toString());
        for (Path up = given.getParent(); !up.equals(temporary); up = up.getParent()) {
            Shell.run("chmod", "o+x", up.toString());
        }
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static ProcessBuilder command(List<String> prefix, String classPath, Class<?> main, String... arguments) {
        return command(prefix, List.of("-cp", classPath, main.getName()), arguments);
    }

    /**
     * {@code java} with the options of the launcher that matter here, then what to run ({@code -cp PATH MAIN} or
     * {@code -jar JAR}) and its arguments.
     */
    private static ProcessBuilder command(List<String> prefix, List<String> run, String... arguments) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8",
                "-Dsun.jnu.encoding=UTF-8",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "--add-opens",
                "java.base/sun.nio.fs=ALL-UNNAMED"));
        command.addAll(run);
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
            List<String> entries = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                if (Files.exists(Path.of(entry))) {
                    entries.add(readableCopy(Path.of(entry)).toString());
                }
            }
            readableClassPath = String.join(java.io.File.pathSeparator, entries);
        }
        return readableClassPath;
    }

    /** A copy of a file or folder that every user can read, in a folder of its own removed when the JVM ends. */
    private static Path readableCopy(Path source) {
        try {
            Path folder = Files.createTempDirectory(
                    "conduit-readable-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(folder)));
            Path copy = folder.resolve(source.getFileName());
            copyReadable(source, copy);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
                Path made = Files.createDirectories(
                        target.resolve(source.relativize(directory).toString()));
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
            all.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder left behind
        }
    }
}
