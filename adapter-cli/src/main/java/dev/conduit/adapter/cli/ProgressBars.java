package dev.conduit.adapter.cli;

import java.io.Writer;

/**
 * Where a command's progress bars are drawn: on this process's terminal, or, for a command a daemon runs for a client
 * on a terminal, by that client (their commands sent to it, see {@link ForwardedProgress}).
 */
public interface ProgressBars {

    /** Drawn here, on stderr (when the console is interactive). */
    ProgressBars TERMINAL = new ProgressBars() {
        @Override
        public ProgressDisplay bytes(String task) {
            return ProgressDisplay.bytes(task);
        }

        @Override
        public ProgressDisplay count(String task, String unit) {
            return ProgressDisplay.start(task, unit);
        }
    };

    /** A bar counting bytes (shown in MiB). */
    ProgressDisplay bytes(String task);

    /** A bar counting {@code unit}s. */
    ProgressDisplay count(String task, String unit);

    /** Bars drawn by the client a daemon runs the command for: each command of theirs one write to {@code frames}. */
    static ProgressBars sentTo(Writer frames) {
        return ForwardedProgress.sender(frames);
    }
}
