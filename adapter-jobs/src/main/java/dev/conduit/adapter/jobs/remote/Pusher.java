package dev.conduit.adapter.jobs.remote;

import dev.conduit.adapter.jobs.IoFailures;
import dev.conduit.adapter.jobs.UserXattrs;
import dev.conduit.adapter.jobs.sync.ReadableFiles;
import dev.conduit.adapter.jobs.sync.RootedAccess;
import dev.conduit.adapter.jobs.sync.Throttle;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.RescanRules;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.BooleanSupplier;

/**
 * The sending side of a remote copy: pushes each transfer, the sending entry's extended attributes where the
 * receiving side will want them, and a file's bytes in checked chunks, without waiting for any answer (the window
 * alone holds it back). Reads its root as the jobs do, never through a link; checks each file it read against the
 * version the plan wanted, and says so at the file's end.
 */
final class Pusher {

    private final Link link;
    private final int stream;
    private final Path root;
    private final FileTree tree;
    private final Throttle throttle;
    private final Window window;
    private final ResumeOffsets resumes;
    private long bytesSent;

    Pusher(Link link, int stream, Path root, FileTree tree, Throttle throttle, Window window, ResumeOffsets resumes) {
        this.link = link;
        this.stream = stream;
        this.root = root;
        this.tree = tree;
        this.throttle = throttle;
        this.window = window;
        this.resumes = resumes;
    }

    /**
     * Pushes the actions in order, numbering them from 0; stops when asked, or when the receiving side ended. A large
     * file right after a large file is announced before the chunks of the one before it go: the receiving side says
     * where it starts, and reads the version it replaces (its basis), while those chunks are on their way, and its
     * answer is there when its turn comes instead of a round trip later. An action taken is always pushed to its end.
     */
    void push(Iterator<? extends SyncAction.Transfer> actions, BooleanSupplier stop, Numbered numbered)
            throws IOException, InterruptedException {
        int seq = 0;
        Taken ahead = null;
        while (ahead != null || !stop.getAsBoolean() && !window.ended() && actions.hasNext()) {
            Taken current = ahead != null ? ahead : new Taken(seq++, actions.next(), false, false);
            ahead = null;
            if (!current.announced()) {
                numbered.accept(current.seq(), current.action());
            }
            boolean bytesFollow =
                    current.announced() ? current.bytesFollow() : announce(current.seq(), current.action());
            if (!bytesFollow) {
                continue;
            }
            if (Partials.resumable(current.action()) && !stop.getAsBoolean() && lookAhead(actions)) {
                SyncAction.Transfer following = actions.next();
                int number = seq++;
                if (Partials.resumable(following) && !sameVersion(following, current.action())) {
                    numbered.accept(number, following);
                    ahead = new Taken(number, following, true, announce(number, following));
                } else {
                    ahead = new Taken(number, following, false, false); // announced in its turn, as always
                }
            }
            send(current.seq(), (SyncAction.Copy) current.action());
        }
        link.send(Frame.of(Frame.Type.ACTIONS_END, stream));
    }

    /**
     * Whether there is a next action to announce now, once what was announced is on its way: of actions the peer hands
     * over as it goes, only one that is here already (the file's chunks never wait for the peer's plan).
     */
    private boolean lookAhead(Iterator<? extends SyncAction.Transfer> actions) throws IOException {
        link.flush();
        if (actions instanceof Handed handed && !handed.ready()) {
            return false; // not handed over yet: this file's chunks do not wait for it
        }
        return actions.hasNext();
    }

    /** Actions handed over by the peer as it goes (the agent's copy from it): whether the next one is here already. */
    interface Handed extends Iterator<SyncAction.Transfer> {
        boolean ready();
    }

    /**
     * Two files of one version share the part kept of it from a cut transfer (by its hash, size and time): the second
     * is announced in its turn, once the first is done with that part.
     */
    private static boolean sameVersion(SyncAction.Transfer one, SyncAction.Transfer other) {
        return one.wanted().hash().isDefined()
                && one.wanted().hash().equals(other.wanted().hash())
                && one.wanted().stat().size() == other.wanted().stat().size();
    }

    /** An action taken from the plan: whether it was announced already, and then whether its bytes follow. */
    private record Taken(int seq, SyncAction.Transfer action, boolean announced, boolean bytesFollow) {}

    /** Hears which number an action got, before anything about it can come back. */
    @FunctionalInterface
    interface Numbered {
        void accept(int seq, SyncAction.Transfer action);
    }

    /** Content bytes pushed so far. */
    long bytesSent() {
        return bytesSent;
    }

    /**
     * Sends what announces the action (a small file whole with it), with its extended attributes where they go; true
     * when the file's bytes are to follow ({@link #send}).
     */
    private boolean announce(int seq, SyncAction.Transfer action) throws IOException, InterruptedException {
        if (whole(action) && pushWhole(seq, (SyncAction.Copy) action)) {
            link.flushSoon();
            return false;
        }
        if (Partials.resumable(action)) {
            resumes.expect(seq, action.wanted().stat().size()); // the only answer about it taken
        }
        Frame announced = Frame.of(Frame.Type.PUSH_ACTION, stream, out -> {
            out.writeInt(seq);
            ActionCodec.write(out, action);
        });
        if (!sendCounted(announced)) {
            return false;
        }
        if (wantsXattrs(action)) {
            Either<EntryFailure, Option<Map<String, byte[]>>> xattrs = xattrs(action);
            if (!sendCounted(Frame.of(Frame.Type.PUSH_XATTRS, stream, out -> XattrsCodec.write(out, seq, xattrs)))) {
                return false;
            }
        }
        boolean file = action.fold(make -> false, copy -> copy.wanted().stat().isFile(), move -> false, fix -> false);
        if (!file) {
            link.flushSoon(); // with the small files pushed next: one write for many (ADR 0048)
        }
        return file;
    }

    /** Sends an announced file's bytes: a large one's from where the receiving side says it starts, with its basis. */
    private void send(int seq, SyncAction.Copy action) throws IOException, InterruptedException {
        ResumeOffsets.Resume resume = NOTHING_HELD;
        if (Partials.resumable(action)) {
            link.flush();
            resume = resumes.await(seq); // what the receiving side holds of this version already, and its basis
        }
        if (resume.offset() >= 0) {
            pushFile(seq, action, resume);
        }
        link.flushSoon(); // with the small files pushed next: one write for many (ADR 0048)
    }

    /**
     * Whether the action goes in one {@link Frame.Type#PUSH_FILE}: a copy of a file of at most one chunk whose hash the
     * receiving side checks (the one check of its bytes then), with no attributes to send.
     */
    static boolean whole(SyncAction.Transfer action) {
        IndexEntry wanted = action.wanted();
        return action.fold(make -> false, copy -> true, move -> false, fix -> false)
                && wanted.stat().isFile()
                && wanted.hash().isDefined()
                && wanted.stat().size() > 0
                && wanted.stat().size() <= WHOLE_SIZE
                && !Partials.resumable(action)
                && !wantsXattrs(action);
    }

    /** The largest file pushed in one frame: a chunk's worth. */
    static final int WHOLE_SIZE = Chunks.SIZE;

    /**
     * Reads the file whole, checks that it held still, and sends it with its action in one frame: {@code seq:int32,
     * length:int32}, the bytes, the action, then whether it changed meanwhile ({@code held:bool}). False when the file
     * could not be held or read: the chunked push then says why.
     */
    private boolean pushWhole(int seq, SyncAction.Copy action) throws IOException, InterruptedException {
        int size = (int) action.wanted().stat().size();
        byte[] bytes;
        Option<EntryFailure> changed;
        try (RootedAccess.Held held = RootedAccess.hold(root, action.path());
                FileChannel in = open(held.folder().resolve(held.name().value()))) {
            ByteBuffer data = ByteBuffer.allocate(size);
            while (data.hasRemaining() && in.read(data) >= 0) {
                // until the file's size as the plan said, or its end
            }
            bytes = data.position() == size ? data.array() : java.util.Arrays.copyOf(data.array(), data.position());
            changed = changed(action, bytes.length, held);
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            return false;
        }
        throttle.acquire(bytes.length);
        byte[] payload = Wire.bytes(out -> {
            out.writeInt(seq);
            out.writeInt(bytes.length);
            out.write(bytes);
            ActionCodec.write(out, action);
            out.writeBoolean(changed.isEmpty());
        });
        if (sendCounted(new Frame(Frame.Type.PUSH_FILE, stream, payload))) {
            bytesSent += bytes.length;
        }
        return true;
    }

    /** Where a file that is not resumable starts: at its first byte, with no basis. */
    private static final ResumeOffsets.Resume NOTHING_HELD = new ResumeOffsets.Resume(0, java.util.List.of());

    /** Whether the receiving side reads the sending entry's attributes for this action (see XattrTransfer). */
    private static boolean wantsXattrs(SyncAction.Transfer action) {
        if (action.kind() == EntryKind.SYMLINK) {
            return false;
        }
        boolean fresh = action.fold(make -> true, copy -> true, move -> false, fix -> false);
        return !(fresh && action.wanted().xattrs().contains(Xattrs.NONE));
    }

    private Either<EntryFailure, Option<Map<String, byte[]>>> xattrs(SyncAction.Transfer action) {
        try {
            return RootedAccess.entry(
                    root, action.path(), (folder, name) -> UserXattrs.read(folder.resolve(name.value())));
        } catch (IOException e) {
            return Either.left(IoFailures.failure(e));
        }
    }

    /**
     * Sends the file's chunks from the resume offset on (the receiving side holds what is before it), then whether the
     * file held still while it was read. Each chunk's bytes are read straight into the frame that carries them; a chunk
     * that is the receiving side's basis's chunk at the same place goes as its hash alone (ADR 0074).
     */
    private void pushFile(int seq, SyncAction.Copy action, ResumeOffsets.Resume from)
            throws IOException, InterruptedException {
        RootedAccess.Held held;
        try {
            held = RootedAccess.hold(root, action.path());
        } catch (IOException unreachable) {
            end(seq, Option.some(IoFailures.failure(unreachable)), true);
            return;
        }
        try (held) { // the folder stays held: the file is examined again in it, not walked to from the root
            pushFile(seq, action, from, held);
        }
    }

    private void pushFile(int seq, SyncAction.Copy action, ResumeOffsets.Resume from, RootedAccess.Held held)
            throws IOException, InterruptedException {
        FileChannel in;
        try {
            in = open(held.folder().resolve(held.name().value()));
        } catch (java.io.UncheckedIOException e) {
            end(seq, Option.some(IoFailures.failure(e.getCause())), true);
            return;
        }
        long offset = from.offset();
        try (in) {
            in.position(offset);
            long expected = action.wanted().stat().size();
            while (true) {
                Chunk chunk = read(in, seq, offset, expected - offset);
                if (chunk.length() == 0) {
                    break;
                }
                if (from.inBasis(offset, chunk.sha256())) {
                    if (!sendCounted(new Frame(Frame.Type.PUSH_SAME, stream, chunk.same()))) {
                        return;
                    }
                } else {
                    throttle.acquire(chunk.length());
                    if (!sendCounted(new Frame(Frame.Type.PUSH_CHUNK, stream, chunk.payload()))) {
                        return;
                    }
                    bytesSent += chunk.length();
                }
                offset += chunk.length();
            }
        } catch (IOException unreadable) {
            end(seq, Option.some(IoFailures.failure(unreadable)), true);
            return;
        }
        end(seq, changed(action, offset, held), false);
    }

    /** A chunk's frame payload: {@code seq:int32, offset:int64, sha256:32 bytes}, then the bytes. */
    private record Chunk(byte[] payload, int length) {

        byte[] sha256() {
            return java.util.Arrays.copyOfRange(payload, 12, CHUNK_HEADER);
        }

        /** The payload of its PUSH_SAME frame instead: its header, then its length ({@code int32}). */
        byte[] same() {
            return ByteBuffer.allocate(CHUNK_HEADER + 4)
                    .put(payload, 0, CHUNK_HEADER)
                    .putInt(length)
                    .array();
        }
    }

    private static final int CHUNK_HEADER = 4 + 8 + 32;

    /** What is read of a file the plan says is empty: none, unless it grew meanwhile (then its end says so). */
    private static final int EMPTY_ROOM = 4096;

    /**
     * The next chunk of the file, read into its payload and hashed there; of length 0 at the end of the file. The
     * payload is as long as what the plan says is left (a small file's is not a whole chunk's, zeroed for nothing); a
     * file that grew meanwhile is cut there, and its end says it changed.
     */
    private static Chunk read(FileChannel in, int seq, long offset, long left) throws IOException {
        if (left <= 0 && offset > 0) {
            return new Chunk(new byte[CHUNK_HEADER], 0);
        }
        int room = left <= 0 ? EMPTY_ROOM : (int) Math.min(Chunks.SIZE, left); // an empty one: is it still?
        byte[] payload = new byte[CHUNK_HEADER + room];
        ByteBuffer data = ByteBuffer.wrap(payload, CHUNK_HEADER, room);
        while (data.hasRemaining() && in.read(data) >= 0) {
            // until the chunk is full, or the file ends
        }
        int length = data.position() - CHUNK_HEADER;
        ByteBuffer header = ByteBuffer.wrap(payload, 0, CHUNK_HEADER);
        header.putInt(seq).putLong(offset).put(Chunks.sha256(payload, CHUNK_HEADER, length));
        return new Chunk(length == room ? payload : java.util.Arrays.copyOf(payload, CHUNK_HEADER + length), length);
    }

    private static FileChannel open(Path file) {
        try {
            return ReadableFiles.open(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Why what was read is not the version the plan wanted, if it is not: the sending side's file changed. */
    private Option<EntryFailure> changed(SyncAction.Copy action, long bytes, RootedAccess.Held held) {
        FileStat wanted = action.wanted().stat();
        Option<FileStat> now = tree.examine(held.folder(), held.name())
                .fold(
                        found -> Option.some(found.stat()),
                        unsupported -> Option.<FileStat>none(),
                        unreadable -> Option.<FileStat>none());
        boolean same = now.exists(stat -> RescanRules.sameEntry(wanted, stat)
                        && !RescanRules.changedSince(wanted.ctimeNanos(), stat.ctimeNanos()))
                && bytes == wanted.size(); // the receiving side checks the bytes against the hash
        return same ? Option.none() : Option.some(EntryFailure.sourceChanged());
    }

    private void end(int seq, Option<EntryFailure> problem, boolean unreadable)
            throws IOException, InterruptedException {
        sendCounted(Frame.of(Frame.Type.PUSH_END, stream, out -> {
            out.writeInt(seq);
            out.writeBoolean(problem.isDefined());
            if (problem.isDefined()) {
                FailureCodec.write(out, problem.get());
                out.writeBoolean(unreadable);
            }
        }));
    }

    /** Sends a pushed frame within the window (the receiver credits every pushed frame it takes); false once over. */
    private boolean sendCounted(Frame frame) throws IOException, InterruptedException {
        if (!window.acquire(frame.payload().length, link::flush)) {
            return false;
        }
        link.send(frame, false);
        return true;
    }
}
