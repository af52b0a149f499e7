package dev.conduit.adapter.cli;

import java.util.function.BooleanSupplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) while a sync runs: the first asks it to stop at its next safe point, like {@code conduit pause}; a
 * second one (when {@code handler} says so) stops the process at once, its shutdown hook removing temporary files.
 * The JDK has no public API for this; {@code sun.misc.Signal} is the supported way (module jdk.unsupported).
 */
final class Interrupts implements CtrlC.Handling {

    private static final Signal INT = new Signal("INT");

    private final SignalHandler previous;

    private Interrupts(SignalHandler previous) {
        this.previous = previous;
    }

    /** Until closed, Ctrl-C calls {@code handler}; when it returns false, the process exits with 130. */
    static Interrupts onCtrlC(BooleanSupplier handler) {
        try {
            return new Interrupts(Signal.handle(INT, signal -> {
                if (!handler.getAsBoolean()) {
                    System.exit(130);
                }
            }));
        } catch (IllegalArgumentException unavailable) {
            return new Interrupts(null); // no SIGINT here (ignored by the parent): nothing to do
        }
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(INT, previous);
        }
    }
}
