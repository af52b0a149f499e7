package dev.conduit.adapter.api;

import java.util.function.BooleanSupplier;

/**
 * A Ctrl-C that arrives over the API rather than as a signal: the client of a forwarded {@code sync} sends it, and the
 * daemon sends it to every command under way when it is asked to stop. The command registers what a Ctrl-C does (the
 * same handler a local run gives the signal); an interruption that comes before that is kept and delivered on
 * registration.
 */
public final class Interruption {

    private BooleanSupplier handler;
    private int pending;

    /** Until the returned handle is closed, an interruption calls {@code handler}. */
    public synchronized Registration register(BooleanSupplier handler) {
        this.handler = handler;
        for (; pending > 0; pending--) {
            handler.getAsBoolean();
        }
        return () -> {
            synchronized (Interruption.this) {
                if (this.handler == handler) {
                    this.handler = null;
                }
            }
        };
    }

    /** One Ctrl-C: the command's handler hears it now, or when it registers one. */
    public synchronized void interrupt() {
        if (handler != null) {
            handler.getAsBoolean();
        } else {
            pending++;
        }
    }

    /** A registered handler, removed on close. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
