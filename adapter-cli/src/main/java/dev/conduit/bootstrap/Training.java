package dev.conduit.bootstrap;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher's training run for a JDK's AOT cache (ADR 0044), not a command: {@code java -XX:AOTCacheOutput=FILE -cp
 * conduit.jar dev.conduit.bootstrap.Training}. One JVM runs, in-process and on a temporary library and trees, the
 * commands people run from a cold process ({@code --version}, {@code --help}, {@code list}, {@code status},
 * {@code plan}, {@code index}, a small {@code sync} and its no-op repeat), so the cache holds the classes, linked
 * state and method profiles of all of them. Prints nothing; exits non-zero if a command failed, and the launcher then
 * throws the cache away.
 */
public final class Training {

    private Training() {}

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("conduit-training");
        int status;
        try {
            status = train(work);
        } finally {
            delete(work);
        }
        System.exit(status);
    }

    static int train(Path work) throws IOException {
        Path source = Files.createDirectories(work.resolve("source"));
        Path target = work.resolve("target");
        for (int folder = 0; folder < 4; folder++) {
            Path dir = Files.createDirectories(source.resolve("folder-" + folder));
            for (int file = 0; file < 25; file++) {
                Files.writeString(dir.resolve("file-" + file + ".txt"), "content " + folder + "/" + file + "\n");
            }
        }
        String library = work.resolve("library").toString();
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.remove("CONDUIT_LOG");
        environment.remove("CONDUIT_LIBRARY");
        List<List<String>> commands = new ArrayList<>(List.of(
                List.of("--version"),
                List.of("--library", library, "--help"),
                List.of("--library", library, "list"),
                List.of("--library", library, "status"),
                List.of("--library", library, "index", source.toString()),
                List.of("--library", library, "add", source.toString(), target.toString(), "--name", "training"),
                List.of("--library", library, "plan", "training"),
                List.of("--library", library, "sync", "training"),
                List.of("--library", library, "sync", "training"),
                List.of("--library", library, "list"),
                List.of("--library", library, "status"),
                List.of("--library", library, "--json", "status"),
                List.of("--library", library, "history", "training")));
        int failed = 0;
        for (List<String> command : commands) {
            PrintWriter out = new PrintWriter(Writer.nullWriter());
            PrintWriter err = new PrintWriter(Writer.nullWriter());
            int code = ConduitCli.run(command.toArray(String[]::new), out, err, environment, false);
            if (code != 0) {
                failed++;
            }
        }
        Files.writeString(source.resolve("folder-0/file-0.txt"), "changed\n", StandardCharsets.UTF_8);
        int code = ConduitCli.run(
                new String[] {"--library", library, "sync", "training"},
                new PrintWriter(Writer.nullWriter()),
                new PrintWriter(Writer.nullWriter()),
                environment,
                false);
        return failed == 0 && code == 0 ? 0 : 1;
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
