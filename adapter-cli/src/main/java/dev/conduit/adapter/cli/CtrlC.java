package dev.conduit.adapter.cli;

import java.util.function.BooleanSupplier;

/**
 * Where a Ctrl-C comes from: the terminal's SIGINT for a command run here, or the API for a command a daemon runs
 * for a client (the client forwards its Ctrl-C, and the daemon sends one to every command when it stops).
 */
public interface CtrlC {

    /** The terminal's SIGINT. */
    CtrlC SIGNAL = Interrupts::onCtrlC;

    /**
     * Until the returned handle is closed, a Ctrl-C calls {@code handler}: it returns false when the command should
     * stop at once (a second Ctrl-C), which only a process of its own can do.
     */
    Handling onCtrlC(BooleanSupplier handler);

    /** An installed handler, removed on close. */
    interface Handling extends AutoCloseable {
        @Override
        void close();
    }
}
