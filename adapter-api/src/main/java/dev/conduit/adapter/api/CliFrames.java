package dev.conduit.adapter.api;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The body of {@code POST /v1/cli}: what a forwarded command writes, as it writes it, then its exit code. A frame is
 * one letter ({@code o} stdout, {@code e} stderr, {@code p} progress, {@code x} exit), a decimal number (the byte
 * count, or the exit code) and a newline, then that many bytes for {@code o}, {@code e} and {@code p}. Binary-safe, so
 * that file names and partial lines arrive as written. Progress frames come only to a client that said it is on a
 * terminal: each is one command of its progress bar, which the client draws (ADR 0036).
 */
public final class CliFrames {

    public static final String MEDIA_TYPE = "application/vnd.conduit.cli-frames";

    private CliFrames() {}

    /**
     * A writer that sends what is written to it as frames of {@code stream} ({@code 'o'}, {@code 'e'} or {@code 'p'}):
     * each write one frame.
     */
    static Writer writer(OutputStream body, char stream, Runnable broken) {
        return new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                if (length == 0) {
                    return;
                }
                byte[] bytes = new String(chars, offset, length).getBytes(StandardCharsets.UTF_8);
                synchronized (body) { // stdout and stderr share the body: a frame is never split
                    try {
                        body.write(
                                (stream + Integer.toString(bytes.length) + "\n").getBytes(StandardCharsets.US_ASCII));
                        body.write(bytes);
                    } catch (IOException gone) {
                        broken.run();
                    }
                }
            }

            @Override
            public void flush() {
                synchronized (body) {
                    try {
                        body.flush();
                    } catch (IOException gone) {
                        broken.run();
                    }
                }
            }

            @Override
            public void close() {
                flush();
            }
        };
    }

    static void exit(OutputStream body, int code) throws IOException {
        synchronized (body) {
            body.write(("x" + code + "\n").getBytes(StandardCharsets.US_ASCII));
            body.flush();
        }
    }

    /**
     * Copies the frames of {@code body} to {@code out} and {@code err} as they arrive; returns the exit code, or -1
     * when the stream ended without one (the daemon went away).
     */
    public static int relay(InputStream body, Writer out, Writer err) throws IOException {
        return relay(body, out, err, progress -> {});
    }

    /** The same, each progress frame handed to {@code progress} as it comes. */
    public static int relay(InputStream body, Writer out, Writer err, Consumer<String> progress) throws IOException {
        DataInputStream in = new DataInputStream(body);
        while (true) {
            int kind = in.read();
            if (kind < 0) {
                return -1;
            }
            long number = number(in);
            if (kind == 'x') {
                return (int) number;
            }
            byte[] bytes = new byte[(int) number];
            in.readFully(bytes);
            if (kind == 'p') {
                progress.accept(new String(bytes, StandardCharsets.UTF_8));
                continue;
            }
            Writer to = kind == 'o' ? out : err;
            to.write(new String(bytes, StandardCharsets.UTF_8)); // a frame holds whole characters
            to.flush();
        }
    }

    private static long number(InputStream in) throws IOException {
        ByteArrayOutputStream digits = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the daemon's answer ended in the middle of a frame");
            }
            digits.write(c);
        }
        return Long.parseLong(digits.toString(StandardCharsets.US_ASCII));
    }
}
