package dev.conduit.adapter.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for long work, drawn only on a terminal and only once the work has taken longer than a
 * moment (short runs print no animation at all). Made through {@link ProgressBars}: here, or by a daemon's client.
 */
public abstract class ProgressDisplay implements AutoCloseable {

    static final long DELAY_MILLIS = 400;

    static ProgressDisplay none() {
        return new ProgressDisplay() {
            @Override
            void update(long entries, String message) {}

            @Override
            void total(long entries) {}

            @Override
            void clearLine() {}

            @Override
            public void close() {}
        };
    }

    /** A bar counting {@code unit}s, with what the caller says beside it. */
    static ProgressDisplay start(String task, String unit) {
        return new Bar(task, unit, 1);
    }

    /** A bar counting bytes (shown in MiB), with what the caller says beside it. */
    static ProgressDisplay bytes(String task) {
        return new Bar(task, " MiB", 1024 * 1024);
    }

    /** Progress so far: entries done, and what to say beside the bar. */
    abstract void update(long entries, String message);

    /** How many entries the work has in all, once known: the bar then shows the share done and the time left. */
    abstract void total(long entries);

    /** Clears the bar's line, so that a line printed next does not run into it (the bar redraws itself). */
    abstract void clearLine();

    @Override
    public abstract void close();

    private static final class Bar extends ProgressDisplay {

        private final String task;
        private final String unit;
        private final long unitSize;
        private final long started = System.currentTimeMillis();
        private ProgressBar bar;
        private long total = -1;
        private boolean closed;

        Bar(String task, String unit, long unitSize) {
            this.task = task;
            this.unit = unit;
            this.unitSize = unitSize;
        }

        @Override
        void update(long entries, String message) {
            if (closed || System.currentTimeMillis() - started < DELAY_MILLIS) {
                return;
            }
            if (bar == null) {
                bar = new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(total)
                        .setUnit(unit, unitSize)
                        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                        .setUpdateIntervalMillis(200)
                        .continuousUpdate()
                        .build();
            }
            bar.stepTo(entries);
            bar.setExtraMessage(message);
        }

        @Override
        void total(long entries) {
            total = entries > 0 ? entries : -1;
            if (bar != null) {
                bar.maxHint(total);
            }
        }

        @Override
        void clearLine() {
            if (!closed && bar != null) {
                System.err.print("\r\033[2K");
                System.err.flush();
            }
        }

        @Override
        public void close() {
            if (!closed && bar != null) {
                bar.close();
            }
            closed = true;
        }
    }
}
