package dev.conduit.adapter.jobs.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/** What a command that should start an agent, and did not, is said to be: one line each, from real processes. */
class AgentSessionsTest {

    private static AgentFailure failureOf(String script) {
        return AgentSessions.start(java.util.List.of("sh", "-c", script), "host", List.of("/srv"), null, "test")
                .getLeft();
    }

    @Test
    void sshThatCannotConnectIsAnUnreachableHost() {
        AgentFailure failure =
                failureOf("echo 'ssh: connect to host nowhere port 22: Connection refused' >&2; exit 255");
        assertInstanceOf(AgentFailure.Unreachable.class, failure);
        assertEquals(
                "cannot reach host over ssh: ssh: connect to host nowhere port 22: Connection refused",
                failure.describe());
    }

    @Test
    void aLoginRefusedIsSaidInSshsOwnWords() {
        AgentFailure failure = failureOf(
                "echo 'debug: noise' >&2; echo 'user@host: Permission denied (publickey).' >&2;" + " exit 255");
        assertInstanceOf(AgentFailure.LoginFailed.class, failure);
        assertEquals("cannot log in to host over ssh: user@host: Permission denied (publickey).", failure.describe());
    }

    @Test
    void aRemoteWithoutConduitHasNoAgent() {
        AgentFailure failure = failureOf("echo 'bash: line 1: conduit: command not found' >&2; exit 127");
        assertInstanceOf(AgentFailure.AgentMissing.class, failure);
        assertEquals(1, failure.describe().lines().count());
    }

    @Test
    void aProgramThatIsNoAgentIsNamedByWhatItSaid() {
        AgentFailure failure = failureOf("echo 'Last login: yesterday'; cat >/dev/null");
        assertInstanceOf(AgentFailure.NotAnAgent.class, failure);
        assertEquals(
                "what runs on host is not a conduit agent; it said: Last login: yesterday"
                        + " (a shell startup file that prints for a non-interactive login does this)",
                failure.describe());
    }

    @Test
    void aCommandThatCannotRunIsUnreachable() {
        AgentFailure failure = AgentSessions.start(
                        java.util.List.of("/nonexistent/ssh"), "host", List.of("/srv"), null, "test")
                .getLeft();
        assertInstanceOf(AgentFailure.Unreachable.class, failure);
    }
}
