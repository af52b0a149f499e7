package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's command read from a two-path sync's command line, to start before the library opens (ADR 0051). */
class EarlyAgentTest {

    private static Option<String> argv(Map<String, String> environment, String... args) {
        return EarlyAgent.argv(args, environment).map(words -> words.mkString(" "));
    }

    private static Option<String> argv(String... args) {
        return argv(Map.of(), args);
    }

    @Test
    void aTwoPathSyncWithOneRemoteEndpointStartsItsAgentsCommand() {
        assertThat(argv("sync", "/home/a/docs", "alice@nas:/backup/docs")).contains("ssh alice@nas conduit agent");
        assertThat(argv("--library", "/lib", "sync", "ssh://nas:2222/backup", "/home/a/docs"))
                .contains("ssh -p 2222 nas conduit agent");
        assertThat(argv(
                        "sync",
                        "/home/a/docs",
                        "nas:/backup",
                        "--ssh",
                        "ssh -F /etc/cfg",
                        "--remote-conduit=/opt/conduit/conduit"))
                .contains("ssh -F /etc/cfg nas /opt/conduit/conduit agent");
        assertThat(argv(Map.of("CONDUIT_SSH", "ssh -q"), "sync", "/a", "nas:/b"))
                .contains("ssh -q nas conduit agent");
    }

    @Test
    void anythingElseStartsNothing() {
        assertThat(argv("sync", "/a", "/b")).isEmpty();
        assertThat(argv("sync", "docs")).isEmpty();
        assertThat(argv("sync", "nas:/a", "nas:/b")).isEmpty();
        assertThat(argv("sync", "/a", "nas:/b", "--help")).isEmpty();
        assertThat(argv("sync", "--mode", "bidirectional", "/a", "nas:/b"))
                .as("an option's value is not known as one: three paths")
                .isEmpty();
        assertThat(argv("add", "/a", "nas:/b")).isEmpty();
        assertThat(argv("sync", "/a", "nas:relative")).isEmpty();
        assertThat(argv()).isEmpty();
    }

    private static Option<String> named(String... args) {
        return EarlyAgent.named(CommandLinePeek.of(args), Map.of("CONDUIT_LIBRARY", "/env-lib"))
                .map(found -> found._1 + " " + found._2);
    }

    @Test
    void syncOfOneConduitIsLookedUpInTheLibraryItNames() {
        assertThat(named("sync", "docs")).contains("/env-lib docs");
        assertThat(named("--library", "/lib", "-q", "sync", "1")).contains("/lib 1");
        assertThat(named("sync", "docs", "--library=/lib", "-v")).contains("/lib docs");
        assertThat(named("sync", "--dry-run", "docs")).contains("/env-lib docs");
    }

    @Test
    void anythingElseIsNotLookedUp() {
        assertThat(named("sync")).isEmpty();
        assertThat(named("sync", "--all")).isEmpty();
        assertThat(named("sync", "a", "b")).isEmpty();
        assertThat(named("sync", "--limit", "5", "docs"))
                .as("an option with a value: not sure")
                .isEmpty();
        assertThat(named("sync", "docs", "--help")).isEmpty();
        assertThat(named("plan", "docs")).isEmpty();
        assertThat(named("--library")).isEmpty();
    }
}
