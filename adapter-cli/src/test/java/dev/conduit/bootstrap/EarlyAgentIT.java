package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.adapter.persistence.LibraryPorts;
import dev.conduit.application.port.out.LibraryWaits;
import dev.conduit.domain.conduit.ConduitName;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.RemoteAccess;
import dev.conduit.domain.host.RemoteHost;
import dev.conduit.domain.index.RootIdentity;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sync NAME} starts its agent's command, read from the library, while the sync opens the library (ADR 0055):
 * the command a stand-in for ssh records is the one the sync's connect would run.
 */
class EarlyAgentIT {

    @TempDir
    Path work;

    /** A stand-in for ssh: writes the words it was run with, then waits on its stdin as ssh would. */
    private Path standIn(Path said) throws Exception {
        Path script = work.resolve("fake-ssh");
        Files.writeString(
                script,
                "#!/bin/sh\necho \"$@\" > '" + said + "'.tmp && mv '" + said + "'.tmp '" + said
                        + "'\nexec cat >/dev/null\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private void conduit(Path library, String name, Endpoint source, Endpoint target, RemoteAccess access) {
        LibraryPorts ports = new LibraryPorts(new LibraryFolder(library), LibraryWaits.NONE);
        assertThat(ports.conduits()
                        .add(
                                new ConduitName(name),
                                source,
                                target,
                                ConduitSettings.DEFAULTS.withRemote(access),
                                Instant.parse("2026-12-02T00:00:00Z")))
                .isNotEmpty();
        ports.endCommand();
    }

    private static Endpoint local(String root) {
        return new Endpoint(root, new RootIdentity("2049", "2049:1"));
    }

    private static Endpoint onNas(String root) {
        return new Endpoint(
                root,
                new RootIdentity("2050", "2050:1"),
                Option.some(RemoteHost.parse("alice@nas").get()));
    }

    private static boolean appears(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return Files.exists(file);
    }

    @Test
    void syncOfAStoredConduitStartsItsAgentsCommandBeforeTheSyncAsks() throws Exception {
        Path said = work.resolve("ssh-said");
        Path library = work.resolve("lib");
        RemoteAccess access = new RemoteAccess(Option.some(standIn(said) + " -F cfg"), "/opt/conduit");
        conduit(library, "docs", local("/home/a/docs"), onNas("/backup/docs"), access);

        String[] args = {"--library", library.toString(), "-q", "sync", "docs"};
        EarlyAgent.startFor(args, CommandLinePeek.of(args), Map.of());

        assertThat(appears(said))
                .as("the stored conduit's ssh ran before anything connected")
                .isTrue();
        assertThat(Files.readString(said).strip()).isEqualTo("-F cfg alice@nas /opt/conduit agent");
        SshAgentConnector connector = new SshAgentConnector(name -> Option.none(), null);
        assertThat(connector.argv(RemoteHost.parse("alice@nas").get(), access).mkString(" "))
                .as("the very command the sync's connect runs, so that it takes this process")
                .isEqualTo(standIn(said) + " -F cfg alice@nas /opt/conduit agent");
        assertThat(EarlyAgent.stored(library, "1", Map.of()).map(words -> words.mkString(" ")))
                .as("by its id as by its name")
                .contains(standIn(said) + " -F cfg alice@nas /opt/conduit agent");
    }

    @Test
    void nothingStartsForALocalConduitAMissingOneOrAMissingLibrary() throws Exception {
        Path library = work.resolve("lib");
        conduit(library, "here", local("/home/a/docs"), local("/backup/docs"), RemoteAccess.DEFAULTS);

        assertThat(EarlyAgent.stored(library, "here", Map.of())).isEmpty();
        assertThat(EarlyAgent.stored(library, "nosuch", Map.of())).isEmpty();
        assertThat(EarlyAgent.stored(library, "7", Map.of())).isEmpty();
        Path none = work.resolve("no-library");
        assertThat(EarlyAgent.stored(none, "docs", Map.of())).isEmpty();
        assertThat(none).as("no library is made by looking").doesNotExist();
        assertThat(Set.of(work.toFile().list())).doesNotContain("no-library");
    }
}
