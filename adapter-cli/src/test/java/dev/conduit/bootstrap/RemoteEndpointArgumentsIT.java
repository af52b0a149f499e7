package dev.conduit.bootstrap;

import static dev.conduit.bootstrap.Mirrors.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.conduit.domain.conduit.RemoteAccess;
import dev.conduit.domain.conduit.RemoteAddress;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the command line reads remote endpoints and their options, and what it refuses before reaching any host. */
class RemoteEndpointArgumentsIT {

    @TempDir
    Path work;

    private Path library;
    private Path source;

    @BeforeEach
    void setUp() {
        library = work.resolve("lib");
        source = work.resolve("s");
        write(source, "a", "a");
    }

    private CliRun conduit(String... args) {
        return CliRun.run(library, args);
    }

    @ParameterizedTest(name = "{0} is a usage error")
    @ValueSource(
            strings = {
                "ssh://nas:0/x",
                "ssh://nas:65536/x",
                "ssh://nas:22a/x",
                "ssh://nas:/x",
                "ssh:///x",
                "ssh://nas",
                "nas:",
                "bad host:/x",
                "@nas:/x",
                "nas:relative/path"
            })
    void malformedRemoteEndpointsExit2AndMakeNothing(String target) {
        CliRun add = conduit("add", source.toString(), target);
        CliRun sync = conduit("sync", source.toString(), target);

        assertThat(add.exitCode()).as(add.err()).isEqualTo(2);
        assertThat(add.err().lines()).hasSize(1);
        assertThat(sync.exitCode()).as(sync.err()).isEqualTo(2);
        assertThat(conduit("list", "--json").out().strip()).isEqualTo("[]");
    }

    @Test
    void aDaemonsKeepConnectionsThatIsNoDurationIsOneLineAndServesNothing() {
        CliRun daemon = conduit("daemon", "--keep-connections", "soon");

        assertThat(daemon.exitCode()).as(daemon.err()).isEqualTo(2);
        assertThat(daemon.err().lines().findFirst())
                .contains("conduit: --keep-connections: 'soon' is not a duration like 500ms, 2s, 1m or 1h");
        assertThat(daemon.err())
                .as("as every usage error: the line, then where help is")
                .contains("--help");
    }

    @Test
    void bothEndpointsRemoteIsAUsageError() {
        CliRun add = conduit("add", "nas:/srv/a", "ssh://backup:2222/srv/b");

        assertThat(add.exitCode()).isEqualTo(2);
        assertThat(add.err().lines()).hasSize(1);
        assertThat(add.err())
                .contains("nas:/srv/a")
                .contains("ssh://backup:2222/srv/b")
                .contains("other hosts");
    }

    @Test
    void aLocalFolderWithAColonIsWrittenWithDotSlash() throws Exception {
        Path folder = Files.createDirectories(work.resolve("a:b"));
        write(folder, "x", "x");
        CliRun add = conduit("add", work + "/./a:b", work.resolve("t").toString());

        assertThat(add.exitCode()).as(add.err()).isZero();
        JsonObject listed = JsonParser.parseString(conduit("list", "--json").out())
                .getAsJsonArray()
                .get(0)
                .getAsJsonObject();
        assertThat(listed.get("source").getAsString())
                .isEqualTo(folder.toRealPath().toString());
    }

    @Test
    void badSshWordsAreUsageErrorsAndGoodOnesAreKept() {
        conduit("add", source.toString(), work.resolve("t").toString());

        CliRun open = conduit("edit", "1", "--ssh", "ssh -i 'my key");
        CliRun empty = conduit("edit", "1", "--remote-conduit", " ");
        CliRun good = conduit("edit", "1", "--ssh", "ssh -p 2222 -i 'my key'", "--remote-conduit", "/opt/conduit");

        assertThat(open.exitCode()).isEqualTo(2);
        assertThat(open.err()).contains("--ssh").contains("quote");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(good.exitCode()).as(good.err()).isZero();
    }

    @Test
    void theAgentIsStartedWithTheUsersSshAndThePortAndTheRemoteConduit() {
        var host = RemoteAddress.parse("ssh://alice@nas:2222/x").get().get().host();
        SshAgentConnector fromEnvironment =
                new SshAgentConnector(name -> Option.of(name.equals("CONDUIT_SSH") ? "ssh -i k" : null), null);
        SshAgentConnector plain = new SshAgentConnector(name -> Option.none(), null);

        assertThat(fromEnvironment.argv(host, RemoteAccess.DEFAULTS))
                .containsExactly("ssh", "-i", "k", "-p", "2222", "alice@nas", "conduit", "agent");
        assertThat(plain.argv(host, new RemoteAccess(Option.some("ssh -o 'BatchMode yes'"), "bin/conduit -q")))
                .containsExactly("ssh", "-o", "BatchMode yes", "-p", "2222", "alice@nas", "bin/conduit", "-q", "agent");
    }
}
