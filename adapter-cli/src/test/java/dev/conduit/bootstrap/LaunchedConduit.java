package dev.conduit.bootstrap;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code ./conduit} started as a separate process, quiet, its output appended to a log: for kill and pause tests. */
final class LaunchedConduit {

    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    private LaunchedConduit() {}

    /**
     * Runs a command with SIGINT's default action (coreutils' env execs it: the same process): a JVM that starts with
     * SIGINT ignored never handles it, so a test that stops a sync with Ctrl-C would fail wherever the tests were
     * started in the background by a shell without job control (which ignores SIGINT for what it starts so).
     */
    static final List<String> DEFAULT_INTERRUPT = List.of("env", "--default-signal=INT");

    static Process start(Path library, Path log, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(DEFAULT_INTERRUPT);
        command.addAll(List.of(PROJECT.resolve("conduit").toString(), "--library", library.toString(), "-q"));
        command.addAll(arguments);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }
}
