package dev.conduit.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A progress bar sent across the daemon's socket is drawn by the client as the command moved it. */
class ForwardedProgressTest {

    private final List<String> drawn = new ArrayList<>();

    /** Bars that note what is done to them. */
    private final ProgressBars recording = new ProgressBars() {
        @Override
        public ProgressDisplay bytes(String task) {
            return bar("bytes " + task);
        }

        @Override
        public ProgressDisplay count(String task, String unit) {
            return bar("count " + task + unit);
        }

        private ProgressDisplay bar(String opened) {
            drawn.add(opened);
            return new ProgressDisplay() {
                @Override
                void update(long entries, String message) {
                    drawn.add("update " + entries + " " + message);
                }

                @Override
                void total(long entries) {
                    drawn.add("total " + entries);
                }

                @Override
                void clearLine() {
                    drawn.add("clear");
                }

                @Override
                public void close() {
                    drawn.add("close");
                }
            };
        }
    };

    /** Each write one frame, as the daemon's frames writer sends them. */
    private static Writer frames(List<String> sent) {
        return new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                sent.add(new String(chars, offset, length));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
    }

    @Test
    void theClientDrawsWhatTheCommandDid() {
        List<String> sent = new ArrayList<>();
        try (ProgressDisplay bar = ProgressBars.sentTo(frames(sent)).bytes("Syncing")) {
            bar.total(4096);
            bar.update(1024, "1 of 4 files, 1.0 KiB/s  dir/with\ttab.txt");
            bar.clearLine();
            bar.update(4096, "4 of 4 files");
        }

        try (ForwardedProgress.Replay replay = new ForwardedProgress.Replay(recording)) {
            sent.forEach(replay);
        }

        assertThat(drawn)
                .containsExactly(
                        "bytes Syncing",
                        "total 4096",
                        "update 1024 1 of 4 files, 1.0 KiB/s  dir/with\ttab.txt",
                        "clear",
                        "update 4096 4 of 4 files",
                        "close");
    }

    @Test
    void aBarLeftOpenIsClosedWhenTheCommandEndsAndNothingIsSentAfterClose() {
        List<String> sent = new ArrayList<>();
        ProgressDisplay bar = ProgressBars.sentTo(frames(sent)).count("Indexing", " entries");
        bar.update(5, "five");
        try (ForwardedProgress.Replay replay = new ForwardedProgress.Replay(recording)) {
            sent.forEach(replay);
        } // the daemon went away mid-command: the client closes the bar
        bar.close();
        bar.update(6, "after");

        assertThat(drawn).containsExactly("count Indexing entries", "update 5 five", "close");
        assertThat(sent).last().isEqualTo("close");
    }

    @Test
    void whatAClientDoesNotUnderstandDrawsNoWrongBar() {
        try (ForwardedProgress.Replay replay = new ForwardedProgress.Replay(recording)) {
            replay.accept("bytes\tSyncing");
            replay.accept("sparkle\t3"); // a newer daemon's command
            replay.accept("at\tmany\tfiles");
            replay.accept("at\t7\tafter a malformed command");
        }

        assertThat(drawn).as("the bar closed at the malformed command").containsExactly("bytes Syncing", "close");
    }
}
