package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which command lines the command line hands to a daemon, and how: decided before anything is built. */
class ForwardingTest {

    private static final Map<String, String> ENVIRONMENT =
            Map.of("HOME", "/home/someone", "PATH", "/usr/bin", "CONDUIT_SSH", "ssh -p 2222");

    @TempDir
    Path work;

    @Test
    void theCommandsADaemonAnswersAreHandedOverWithTheVariablesTheyRead() {
        for (String command : List.of("sync", "plan", "status", "pause", "resume", "conflicts", "resolve", "stats")) {
            var request = Forwarding.Request.of(CommandLinePeek.of(new String[] {"-q", command, "docs"}), ENVIRONMENT);
            assertThat(request).as(command).isPresent();
            assertThat(request.get().args()).containsExactly("-q", command, "docs");
            assertThat(request.get().library()).isEqualTo(Path.of("/home/someone/.local/share/conduit"));
            assertThat(request.get().environment())
                    .as("the variables Conduit reads, no others")
                    .isEqualTo(Map.of("HOME", "/home/someone", "CONDUIT_SSH", "ssh -p 2222"));
        }
    }

    @Test
    void otherCommandsRunHere() {
        for (String[] args : List.of(
                new String[] {"list"},
                new String[] {"add", "/a", "/b"},
                new String[] {"daemon"},
                new String[] {"help", "sync"},
                new String[] {"--json"},
                new String[] {},
                new String[] {"sync", "--", "docs"})) {
            assertThat(Forwarding.Request.of(CommandLinePeek.of(args), ENVIRONMENT))
                    .as(String.join(" ", args))
                    .isEmpty();
        }
    }

    @Test
    void theLibraryIsSentAbsoluteInBothSpellings() {
        String relative = "some/library";
        Path absolute = Path.of(relative).toAbsolutePath().normalize();

        var spaced =
                Forwarding.Request.of(CommandLinePeek.of(new String[] {"--library", relative, "status"}), ENVIRONMENT);
        var joined = Forwarding.Request.of(
                CommandLinePeek.of(new String[] {"status", "--library=" + relative}), ENVIRONMENT);

        assertThat(spaced.orElseThrow().library()).isEqualTo(absolute);
        assertThat(spaced.orElseThrow().args()).containsExactly("--library=" + absolute, "status");
        assertThat(joined.orElseThrow().args()).containsExactly("status", "--library=" + absolute);
        assertThat(Forwarding.Request.of(CommandLinePeek.of(new String[] {"status"}), Map.of("CONDUIT_LIBRARY", "/lib"))
                        .orElseThrow()
                        .library())
                .isEqualTo(Path.of("/lib"));
    }

    @Test
    void aPathRelativeToThisProcessKeepsTheCommandHere() throws Exception {
        Path local = Files.createDirectories(work.resolve("source"));
        String relative = Path.of("").toAbsolutePath().relativize(local).toString();

        assertThat(Forwarding.Request.of(CommandLinePeek.of(new String[] {"sync", relative, "/b"}), ENVIRONMENT))
                .as("a relative path with a slash")
                .isEmpty();
        assertThat(Forwarding.Request.of(CommandLinePeek.of(new String[] {"sync", "./docs"}), ENVIRONMENT))
                .isEmpty();
        assertThat(Forwarding.Request.of(
                        CommandLinePeek.of(new String[] {"sync", local.toString(), "/b"}), ENVIRONMENT))
                .as("absolute paths mean the same in the daemon")
                .isPresent();
        assertThat(Forwarding.Request.of(CommandLinePeek.of(new String[] {"sync", "no-such-name-here"}), ENVIRONMENT))
                .as("a conduit's name")
                .isPresent();
    }

    @Test
    void anEndpointOnAnotherHostAndTheWaysToReachItAreNoLocalPaths() {
        assertThat(Forwarding.Request.of(
                        CommandLinePeek.of(new String[] {
                            "sync",
                            "/docs",
                            "nas:backup/docs",
                            "--ssh",
                            "ssh -F conf/ssh_config",
                            "--remote-conduit",
                            "opt/conduit"
                        }),
                        ENVIRONMENT))
                .as("host:PATH, the ssh command and the other host's program: the daemon reaches them as well")
                .isPresent();
        assertThat(Forwarding.Request.of(
                        CommandLinePeek.of(new String[] {"sync", "/docs", "ssh://alice@nas:2222/backup"}), ENVIRONMENT))
                .isPresent();
        assertThat(Forwarding.Request.of(
                        CommandLinePeek.of(new String[] {"sync", "./a:b", "nas:/backup", "--ssh", "ssh"}), ENVIRONMENT))
                .as("./a:b is a folder here")
                .isEmpty();
    }

    @Test
    void aDaemonAnswersUnlessThereIsNoneOrItIsToldNotTo() throws Exception {
        String[] status = {"--library", work.toString(), "status"};
        assertThat(forward(status, ENVIRONMENT)).as("no daemon").isEmpty();
        dev.conduit.adapter.api.CommandRunner answering = invocation -> {
            try {
                invocation.out().write("answered: " + String.join(" ", invocation.args()) + "\n");
                invocation.err().write("on stderr\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return 3;
        };
        try (var server =
                dev.conduit.adapter.api.ApiServer.start(work, answering, new dev.conduit.adapter.api.EventHub(), 1)) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();

            var exit = Forwarding.toDaemon(
                    CommandLinePeek.of(status),
                    ENVIRONMENT,
                    new java.io.PrintWriter(out),
                    new java.io.PrintWriter(err));

            assertThat(exit).contains(3);
            assertThat(out).hasToString("answered: --library=" + work + " status\n");
            assertThat(err).hasToString("on stderr\n");
            assertThat(forward(status, Map.of("CONDUIT_NO_DAEMON", "1"))).isEmpty();
        }
    }

    private static java.util.Optional<Integer> forward(String[] args, Map<String, String> environment) {
        return Forwarding.toDaemon(
                CommandLinePeek.of(args),
                environment,
                new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()));
    }
}
