package dev.conduit.adapter.api;

import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Runs one command line of Conduit in the daemon's process, as the command line itself would run it: the API answers
 * with what {@code conduit ... --json} prints, and the command line handed over by a client is run here unchanged.
 * Implemented by the composition root; calls may come from many threads at once, each with its own writers.
 */
public interface CommandRunner {

    /** Runs the command line; returns its exit code. Writes nothing outside {@code invocation}'s writers. */
    int run(Invocation invocation);

    /**
     * @param args         the arguments, as a user typed them after {@code conduit}
     * @param environment  the caller's variables that Conduit reads ({@code CONDUIT_*}, {@code HOME}, ...)
     * @param out          stdout of this command alone
     * @param err          stderr of this command alone
     * @param interruption how the caller's Ctrl-C (or the daemon's own stop) reaches the command
     * @param interactive  whether the caller is on a terminal: the command's progress bar is then sent to it
     * @param progress     where the progress bar's commands go, one write each ({@link CliFrames} {@code p} frames)
     */
    record Invocation(
            List<String> args,
            Map<String, String> environment,
            Writer out,
            Writer err,
            Interruption interruption,
            boolean interactive,
            Writer progress) {

        /** A caller that is not on a terminal: no progress bar. */
        public Invocation(
                List<String> args, Map<String, String> environment, Writer out, Writer err, Interruption interruption) {
            this(args, environment, out, err, interruption, false, Writer.nullWriter());
        }
    }
}
