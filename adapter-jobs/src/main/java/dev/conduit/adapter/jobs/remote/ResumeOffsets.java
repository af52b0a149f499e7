package dev.conduit.adapter.jobs.remote;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Where the receiving side asks a resumable file to start (a RESUME_AT frame per such file): the pusher waits for it
 * before the file's first chunk, one round trip per large file, none for the others.
 */
final class ResumeOffsets {

    private final Map<Integer, CompletableFuture<Long>> offsets = new ConcurrentHashMap<>();
    private volatile boolean ended;

    private CompletableFuture<Long> of(int seq) {
        CompletableFuture<Long> offset = offsets.computeIfAbsent(seq, key -> new CompletableFuture<>());
        if (ended) {
            offset.complete(-1L);
        }
        return offset;
    }

    /** The receiving side's answer (a RESUME_AT frame's payload). */
    void answer(Frame frame) throws java.io.IOException {
        var in = frame.read();
        int seq = in.readInt();
        of(seq).complete(in.readLong());
    }

    /** The offset to start the file at; -1 when the exchange ended before the answer came. */
    long await(int seq) throws InterruptedException {
        try {
            return of(seq).get();
        } catch (ExecutionException impossible) {
            return -1;
        } finally {
            offsets.remove(seq);
        }
    }

    void end() {
        ended = true;
        offsets.values().forEach(offset -> offset.complete(-1L));
    }
}
