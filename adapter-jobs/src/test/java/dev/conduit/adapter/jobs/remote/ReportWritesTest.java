package dev.conduit.adapter.jobs.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A copy's reports on the agent's side (ADR 0048): a burst of them goes out in a few writes, not one each, and none
 * waits longer than a moment for the next.
 */
class ReportWritesTest {

    /** What reaches the pipe under the channel: its bytes, and how many times it was flushed. */
    private static final class Pipe extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger flushes = new AtomicInteger();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }

        synchronized int size() {
            return bytes.size();
        }
    }

    private static SyncAction.Copy copy(int i) {
        IndexEntry entry = new IndexEntry(
                RelativePath.parse("f" + i).get(),
                new FileStat(EntryKind.FILE, 10, 1_700_000_000_000_000_000L, 0640, Option.none(), Option.none(), 0),
                Option.none(),
                0);
        return new SyncAction.Copy(Direction.SOURCE_TO_TARGET, entry, Option.none(), false);
    }

    @Test
    void aBurstOfDoneReportsSharesItsWritesAndEachArrivesWithinAMoment() throws Exception {
        Pipe pipe = new Pipe();
        FrameChannel channel = new FrameChannel(new ByteArrayInputStream(new byte[0]), pipe);
        Link link = new Link(channel, "client", frame -> null);
        RelayListener reports = new RelayListener(null, link, 7, action -> 1, action -> {});

        for (int i = 0; i < 2000; i++) {
            reports.done(copy(i), Option.none(), 10);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        int frames = 0;
        while (System.nanoTime() < deadline) {
            frames = framesIn(pipe);
            if (frames == 2000) {
                break;
            }
            Thread.sleep(5);
        }

        assertEquals(2000, frames, "every report reached the pipe without another frame to push it out");
        assertTrue(
                pipe.flushes.get() < 200,
                "2000 reports in a burst were flushed " + pipe.flushes.get() + " times (once each before)");
        channel.close();
    }

    /** The whole frames written so far. */
    private static int framesIn(Pipe pipe) throws IOException {
        byte[] written;
        synchronized (pipe) {
            written = pipe.bytes.toByteArray();
        }
        FrameChannel reading = new FrameChannel(new ByteArrayInputStream(written), OutputStream.nullOutputStream());
        int frames = 0;
        try {
            while (true) {
                reading.receive();
                frames++;
            }
        } catch (java.io.EOFException end) {
            return frames;
        }
    }
}
