package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The built jar run as {@code nobody} when the tests run as root ({@link ChildJvm#unprivilegedJar}), to its end. */
final class UnprivilegedConduit {

    private static final Path JAR = Path.of("target", "conduit.jar").toAbsolutePath();

    private UnprivilegedConduit() {}

    /** What the run printed (stdout and stderr together) and its exit code. */
    record Run(int exitCode, String output) {}

    static Run run(Path library, String... arguments) throws Exception {
        String[] withLibrary = new String[arguments.length + 2];
        withLibrary[0] = "--library";
        withLibrary[1] = library.toString();
        System.arraycopy(arguments, 0, withLibrary, 2, arguments.length);
        Process process = ChildJvm.unprivilegedJar(JAR, withLibrary)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
