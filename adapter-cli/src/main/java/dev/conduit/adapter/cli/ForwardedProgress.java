package dev.conduit.adapter.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Consumer;

/**
 * A progress bar across the daemon's socket: the command the daemon runs for a client on a terminal moves a bar whose
 * commands are sent to the client, one per frame, and the client draws the same bar on its own stderr. A command is
 * a line of tab-separated fields: {@code bytes TASK}, {@code count TASK UNIT} (a new bar), {@code total N}, {@code at N
 * MESSAGE}, {@code clear} (the line, before a message is printed), {@code close}. A client ignores what it does not
 * know.
 */
public final class ForwardedProgress {

    private ForwardedProgress() {}

    static ProgressBars sender(Writer frames) {
        return new ProgressBars() {
            @Override
            public ProgressDisplay bytes(String task) {
                return new Sent(frames, "bytes\t" + task);
            }

            @Override
            public ProgressDisplay count(String task, String unit) {
                return new Sent(frames, "count\t" + task + "\t" + unit);
            }
        };
    }

    /** A bar whose every move is a command sent to the client (the sync moves it about once a second). */
    private static final class Sent extends ProgressDisplay {
        private final Writer frames;
        private boolean closed;

        Sent(Writer frames, String opening) {
            this.frames = frames;
            send(opening);
        }

        @Override
        synchronized void update(long entries, String message) {
            send("at\t" + entries + "\t" + message);
        }

        @Override
        synchronized void total(long entries) {
            send("total\t" + entries);
        }

        @Override
        synchronized void clearLine() {
            send("clear");
        }

        @Override
        public synchronized void close() {
            send("close");
            closed = true;
        }

        private void send(String command) {
            if (closed) {
                return;
            }
            try {
                frames.write(command);
                frames.flush();
            } catch (IOException gone) {
                throw new UncheckedIOException(gone); // the frames' writer tells a client that went away itself
            }
        }
    }

    /** The client's side: draws the bars whose commands the daemon sends, as the command would here. */
    public static final class Replay implements Consumer<String>, AutoCloseable {

        private final ProgressBars bars;
        private ProgressDisplay current = ProgressDisplay.none();

        /** Bars drawn on this process's terminal. */
        public Replay() {
            this(ProgressBars.TERMINAL);
        }

        Replay(ProgressBars bars) {
            this.bars = bars;
        }

        @Override
        public synchronized void accept(String command) {
            String[] fields = command.split("\t", 3);
            try {
                switch (fields[0]) {
                    case "bytes" -> open(bars.bytes(fields[1]));
                    case "count" -> open(bars.count(fields[1], fields[2]));
                    case "total" -> current.total(Long.parseLong(fields[1]));
                    case "at" -> current.update(Long.parseLong(fields[1]), fields.length > 2 ? fields[2] : "");
                    case "clear" -> current.clearLine();
                    case "close" -> open(ProgressDisplay.none());
                    default -> {} // a newer daemon's command: no bar is better than a wrong one
                }
            } catch (RuntimeException malformed) { // a field missing or not a number: the bar is only a display
                open(ProgressDisplay.none());
            }
        }

        private void open(ProgressDisplay next) {
            current.close();
            current = next;
        }

        @Override
        public synchronized void close() {
            open(ProgressDisplay.none());
        }
    }
}
