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

    static Process start(Path library, Path log, List<String> arguments) throws IOException {
        List<String> command =
                new ArrayList<>(List.of(PROJECT.resolve("conduit").toString(), "--library", library.toString(), "-q"));
        command.addAll(arguments);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }
}
