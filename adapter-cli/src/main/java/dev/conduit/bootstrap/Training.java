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
 * The launcher's training run for a JDK's AOT cache (ADR 0044) or, before Java 25, the class list of its static CDS
 * archive (ADR 0058), not a command: {@code java -XX:AOTCacheOutput=FILE -cp conduit.jar
 * dev.conduit.bootstrap.Training}. One JVM runs, in-process and on a temporary library and trees, the
 * commands people run from a cold process ({@code --version}, {@code --help}, {@code list}, {@code status},
 * {@code plan}, {@code index}, a small {@code sync} and its no-op repeat, a sync to an agent and its repeat), so the cache holds the classes, linked
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
        remote(work, source, library, environment);
        return failed == 0 && code == 0 ? 0 : 1;
    }

    /** One agent, as ssh would start it, over the named pipes {@code in} and {@code out}. */
    private static void serve(Path work, Path in, Path out, Map<String, String> environment) {
        try (java.io.InputStream from = Files.newInputStream(in);
                java.io.OutputStream to = Files.newOutputStream(out)) {
            AgentProcess.run(
                    new String[] {"--library", work.resolve("agent-library").toString(), "agent"},
                    environment,
                    from,
                    to,
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        } catch (IOException | RuntimeException ignored) {
            // the sync fails, and the archive is made of the rest
        }
    }

    /** How long the remote part may take before it is given up (the archive is made without it). */
    private static final long REMOTE_SECONDS = 30;

    /**
     * A sync to another host and its no-op repeat, with both halves in this JVM (ADR 0058): the agent serves on a
     * thread of its own over two named pipes, and the client's "ssh" ({@code sh} and {@code cat}) joins them, so the
     * archive holds the agent's classes and the client's remote ones too. Best effort: where named pipes cannot be
     * made, or the sync fails or takes too long, the archive is made of the rest.
     */
    private static void remote(Path work, Path source, String library, Map<String, String> environment) {
        Thread remote = new Thread(
                () -> {
                    try {
                        String endpoint = "training-host:" + work.resolve("remote");
                        for (int round = 0; round < 2; round++) {
                            // a pair of pipes per round: its "ssh" is another command, never one left from before
                            Path in = work.resolve("agent-in-" + round);
                            Path out = work.resolve("agent-out-" + round);
                            if (new ProcessBuilder("mkfifo", in.toString(), out.toString())
                                            .redirectErrorStream(true)
                                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                            .start()
                                            .waitFor()
                                    != 0) {
                                return;
                            }
                            Thread agent =
                                    new Thread(() -> serve(work, in, out, environment), "training-agent-" + round);
                            agent.setDaemon(true);
                            agent.start();
                            // the agent's output in the background (its own stdin: a background job's is /dev/null)
                            String ssh = pipeSsh(in, out);
                            ConduitCli.run(
                                    new String[] {
                                        "--library", library, "sync", source.toString(), endpoint, "--ssh", ssh
                                    },
                                    new PrintWriter(Writer.nullWriter()),
                                    new PrintWriter(Writer.nullWriter()),
                                    environment,
                                    false);
                        }
                    } catch (IOException | RuntimeException failed) {
                        // no named pipes here: the archive is made of the rest
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                },
                "training-remote");
        remote.setDaemon(true);
        remote.start();
        try {
            remote.join(REMOTE_SECONDS * 1000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The training's "ssh": a shell that joins the client to the agent's two named pipes, each path quoted for the
     * splitting of an {@code --ssh} command into words ({@code ShellWords}), so that a temporary folder with a blank or
     * a quote in its name is still the one path.
     */
    static String pipeSsh(Path in, Path out) {
        return "sh -c 'cat <\"$1\" & exec cat >\"$0\"' " + quoted(in) + " " + quoted(out);
    }

    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
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
