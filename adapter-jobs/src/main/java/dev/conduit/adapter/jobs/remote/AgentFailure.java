package dev.conduit.adapter.jobs.remote;

/** Why a session with an agent could not start: one line for people, by kind. */
public sealed interface AgentFailure {

    /** One line: what, where, and what to do. */
    String describe();

    /** ssh could not reach the host (it exited 255); {@code said} is its last line on stderr. */
    record Unreachable(String host, String said) implements AgentFailure {
        @Override
        public String describe() {
            return "cannot reach " + host + " over ssh: " + said;
        }
    }

    /** ssh reached the host but could not log in (or would not trust it): its own words, {@code said}. */
    record LoginFailed(String host, String said) implements AgentFailure {
        @Override
        public String describe() {
            return "cannot log in to " + host + " over ssh: " + said;
        }
    }

    /** The remote shell found no {@code conduit} to run (exit 127, "command not found"). */
    record AgentMissing(String host, String said) implements AgentFailure {
        @Override
        public String describe() {
            return "no conduit agent on " + host + " (" + said
                    + "): install Conduit there, or name it with --remote-conduit PATH";
        }
    }

    /** The agent speaks another protocol, or refused the session. */
    record Incompatible(String host, String said) implements AgentFailure {
        @Override
        public String describe() {
            return "the conduit agent on " + host + " is incompatible: " + said;
        }
    }

    /** What answered is not a Conduit agent (a shell's greeting, another program). */
    record NotAnAgent(String host, String said) implements AgentFailure {
        @Override
        public String describe() {
            return "what runs on " + host + " is not a conduit agent; it said: " + said
                    + " (a shell startup file that prints for a non-interactive login does this)";
        }
    }

    /** The connection ended during the handshake. */
    record ConnectionLost(String host, String said) implements AgentFailure {
        @Override
        public String describe() {
            return "the connection to " + host + " was lost: " + said;
        }
    }
}
