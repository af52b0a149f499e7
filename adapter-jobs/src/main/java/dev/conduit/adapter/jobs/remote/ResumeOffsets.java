package dev.conduit.adapter.jobs.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Where the receiving side asks a resumable file to start, and the hashes of the chunks of the version it replaces
 * there (a RESUME_AT frame per such file): the pusher waits for it before the file's first chunk, one round trip per
 * large file, none for the others.
 */
final class ResumeOffsets {

    /**
     * The receiving side's answer for one file: the offset it holds the version to already (-1 when the exchange ended
     * first), and the chunk hashes of its basis (ADR 0074), none when it has none.
     */
    record Resume(long offset, List<byte[]> basis) {
        static final Resume ENDED = new Resume(-1, List.of());

        /** Whether the new version's chunk at {@code offset}, of hash {@code sha256}, is the basis's there. */
        boolean inBasis(long offset, byte[] sha256) {
            if (offset % Chunks.SIZE != 0 || offset / Chunks.SIZE >= basis.size()) {
                return false;
            }
            return java.util.Arrays.equals(basis.get((int) (offset / Chunks.SIZE)), sha256);
        }
    }

    private final Map<Integer, CompletableFuture<Resume>> offsets = new ConcurrentHashMap<>();
    /** The files announced and not answered yet: their number, and the most chunk hashes a basis of them has. */
    private final Map<Integer, Integer> expected = new ConcurrentHashMap<>();

    private volatile boolean ended;

    /** A large file of {@code size} bytes is announced as {@code seq}: one answer about it is taken. */
    void expect(int seq, long size) {
        expected.put(seq, (int) Math.min(Basis.MOST_CHUNKS, (size + Chunks.SIZE - 1) / Chunks.SIZE));
    }

    private CompletableFuture<Resume> of(int seq) {
        CompletableFuture<Resume> offset = offsets.computeIfAbsent(seq, key -> new CompletableFuture<>());
        if (ended) {
            offset.complete(Resume.ENDED);
        }
        return offset;
    }

    /** The receiving side's answer (a RESUME_AT frame's payload: seq, offset, then the basis's hashes). */
    void answer(Frame frame) throws java.io.IOException {
        var in = frame.read();
        int seq = in.readInt();
        long offset = in.readLong();
        int count = in.readInt();
        Integer most = expected.remove(seq);
        if (most == null) {
            throw new ProtocolException("an answer about file " + seq + ", which was not announced or was answered");
        }
        if (count < 0 || count > most) {
            throw new ProtocolException("a basis of " + count + " chunks for a file of at most " + most);
        }
        List<byte[]> basis = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] hash = new byte[32];
            in.readFully(hash);
            basis.add(hash);
        }
        of(seq).complete(new Resume(offset, basis));
    }

    /** The payload of a RESUME_AT frame. */
    static void write(java.io.DataOutput out, int seq, long offset, List<byte[]> basis) throws java.io.IOException {
        out.writeInt(seq);
        out.writeLong(offset);
        out.writeInt(basis.size());
        for (byte[] hash : basis) {
            out.write(hash);
        }
    }

    /** Where to start the file and its basis; an offset of -1 when the exchange ended before the answer came. */
    Resume await(int seq) throws InterruptedException {
        try {
            return of(seq).get();
        } catch (ExecutionException impossible) {
            return Resume.ENDED;
        } finally {
            offsets.remove(seq);
        }
    }

    void end() {
        ended = true;
        offsets.values().forEach(offset -> offset.complete(Resume.ENDED));
    }
}
