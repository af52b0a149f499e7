package dev.conduit.adapter.jobs.remote;

import dev.conduit.adapter.jobs.IoFailures;
import dev.conduit.adapter.jobs.sync.LocalTrashBins;
import dev.conduit.adapter.jobs.sync.RootedAccess;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;

/** The agent's answers to {@link Calls}: its disk, reached below the session's roots only, and its trash. */
final class AgentCalls {

    private final AgentServer.Library library;
    private final AgentServer.Roots roots;
    private final Link link;
    private final java.util.function.Supplier<ReceivingJob> receiving;
    private final OwnWrites own;
    private final ScansAhead ahead;

    AgentCalls(
            AgentServer.Library library,
            AgentServer.Roots roots,
            Link link,
            java.util.function.Supplier<ReceivingJob> receiving,
            OwnWrites own,
            ScansAhead ahead) {
        this.library = library;
        this.roots = roots;
        this.link = link;
        this.receiving = receiving;
        this.own = own;
        this.ahead = ahead;
    }

    void answer(Frame call) throws IOException {
        DataInputStream in = call.read();
        Calls.Op op = Wire.enumOf(Calls.Op.class, in);
        if (op == Calls.Op.LIST) {
            answerListing(call.stream(), in);
            return;
        }
        Wire.Body result = switch (op) {
            case IDENTIFY, LIST, EXAMINE, HASH, XATTRS, READ_LINES -> files(op, in);
            case FINISH_DIRECTORIES, SWEEP_TEMPORARIES -> directories(op, in);
            case RESTORE, PRESENCE, PURGE -> trash(op, in);
            case MAKE_ROOT -> makeRoot(in);
            case EXAMINE_ALL -> examineAll(in);
            case SETTLE -> settle(in);
        };
        link.send(Frame.of(Frame.Type.RESULT, call.stream(), result));
    }

    /** The exchange's position of a root and where this session's own writes alone took it since, if they did. */
    private Wire.Body settle(DataInputStream in) throws IOException {
        Option<long[]> settled = own.settled(roots.check(Wire.string(in)));
        return out -> {
            out.writeBoolean(settled.isDefined());
            if (settled.isDefined()) {
                out.writeLong(settled.get()[0]);
                out.writeLong(settled.get()[1]);
            }
        };
    }

    private Wire.Body files(Calls.Op op, DataInputStream in) throws IOException {
        Path root = roots.check(Wire.string(in));
        FileTree tree = library.tree();
        if (op == Calls.Op.IDENTIFY) {
            Either<FileTree.RootProblem, FileTree.Root> root1 = tree.identify(root);
            return out -> RootCodec.write(out, root1);
        }
        RelativePath path = PathCodec.read(in);
        return switch (op) {
            case EXAMINE -> {
                FileTree.Listed listed = examine(tree, root, path);
                yield out -> ListedCodec.write(out, listed);
            }
            case HASH -> {
                var expected = StatCodec.read(in);
                Either<EntryFailure, ContentHash> hash = rooted(
                        () -> RootedAccess.entry(root, path, (folder, name) -> tree.hash(folder, name, expected)));
                yield out -> Calls.writeEither(out, hash, (o, h) -> Wire.string(o, h.hex()));
            }
            case XATTRS -> {
                Either<EntryFailure, Option<Xattrs>> xattrs =
                        rooted(() -> RootedAccess.entry(root, path, tree::xattrs));
                yield out ->
                        Calls.writeEither(out, xattrs, (o, x) -> Wire.optionalString(o, x.map(Xattrs::fingerprint)));
            }
            default -> {
                Either<EntryFailure, Option<Seq<String>>> lines =
                        rooted(() -> RootedAccess.entry(root, path, tree::readLines));
                yield out -> Calls.writeEither(out, lines, (o, l) -> {
                    o.writeBoolean(l.isDefined());
                    if (l.isDefined()) {
                        Wire.strings(o, l.get());
                    }
                });
            }
        };
    }

    /** Each path's entry, in the order asked, as {@link #examine} gives it. */
    private Wire.Body examineAll(DataInputStream in) throws IOException {
        Path root = roots.check(Wire.string(in));
        int count = in.readInt();
        if (count < 0 || count > Calls.EXAMINED_PER_CALL) {
            throw new ProtocolException(count + " paths to examine in one question");
        }
        java.util.List<FileTree.Listed> found = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            found.add(examine(library.tree(), root, PathCodec.read(in)));
        }
        return out -> {
            for (FileTree.Listed listed : found) {
                ListedCodec.write(out, listed);
            }
        };
    }

    private static FileTree.Listed examine(FileTree tree, Path root, RelativePath path) {
        try {
            return RootedAccess.entry(root, path, tree::examine);
        } catch (IOException e) {
            return new FileTree.Listed.Unreadable(path.name(), IoFailures.failure(e), true);
        }
    }

    /**
     * A folder's listing, in frames of at most {@link Calls#LISTED_PER_FRAME} names (a folder of a million files fits
     * no one frame): the first says whether it could be listed, each says whether more follow.
     */
    private void answerListing(int stream, DataInputStream in) throws IOException {
        Path root = roots.check(Wire.string(in));
        RelativePath path = PathCodec.read(in);
        Either<EntryFailure, Seq<FileTree.Listed>> listed = rooted(() ->
                RootedAccess.folder(root, path, folder -> library.tree().list(folder, RelativePath.ROOT)));
        if (listed.isLeft()) {
            link.send(Frame.of(Frame.Type.RESULT, stream, out -> Calls.writeEither(out, listed, (o, none) -> {})));
            return;
        }
        Seq<FileTree.Listed> all = io.vavr.collection.Vector.ofAll(listed.get());
        int from = 0;
        do {
            Seq<FileTree.Listed> piece = all.subSequence(from, Math.min(all.size(), from + Calls.LISTED_PER_FRAME));
            boolean opening = from == 0;
            from += piece.size();
            boolean more = from < all.size();
            link.send(Frame.of(Frame.Type.RESULT, stream, out -> {
                if (opening) {
                    out.writeBoolean(true); // listed
                }
                writeListing(out, piece);
                out.writeBoolean(more);
            }));
        } while (from < all.size());
    }

    private static void writeListing(DataOutput out, Seq<FileTree.Listed> listing) throws IOException {
        out.writeInt(listing.size());
        for (FileTree.Listed listed : listing) {
            ListedCodec.write(out, listed);
        }
    }

    /**
     * A new conduit's target root: made with its missing parents if it is missing, then identified (protocol 3, ADR
     * 0073: one round trip where identify, make, identify took three); why it could not be made if it is still
     * missing.
     */
    private Wire.Body makeRoot(DataInputStream in) throws IOException {
        Path root = roots.check(Wire.string(in));
        FileTree tree = library.tree();
        Either<FileTree.RootProblem, FileTree.Root> found = tree.identify(root);
        Either<EntryFailure, Either<FileTree.RootProblem, FileTree.Root>> answer = Either.right(found);
        if (found.isLeft() && found.getLeft().kind() == FileTree.RootProblem.Kind.MISSING) {
            try {
                java.nio.file.Files.createDirectories(root);
                Either<FileTree.RootProblem, FileTree.Root> made = tree.identify(root);
                if (made.isRight()) {
                    ahead.made(root, made.get()); // its scan, if the HELLO asked for one, begins now (ADR 0075)
                }
                answer = Either.right(made);
            } catch (IOException failed) {
                answer = Either.left(IoFailures.failure(failed));
            }
        }
        Either<EntryFailure, Either<FileTree.RootProblem, FileTree.Root>> made = answer;
        return out -> Calls.writeEither(out, made, RootCodec::write);
    }

    private Wire.Body directories(Calls.Op op, DataInputStream in) throws IOException {
        Path root = roots.check(Wire.string(in));
        CopyJob job = receiving.get().job();
        int count = in.readInt();
        if (op == Calls.Op.FINISH_DIRECTORIES) {
            java.util.List<CopyJob.FinishedDirectory> directories = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                directories.add(new CopyJob.FinishedDirectory(
                        PathCodec.read(in), in.readInt(), in.readLong(), in.readInt(), in.readInt()));
            }
            // recorded here as the client records them in its copy (ADR 0059)
            Seq<CopyJob.Finished> finished = own.finished(root, job.finishDirectories(root, List.ofAll(directories)));
            return out -> RemoteCopyJobs.finished(out, finished);
        } else {
            java.util.List<RelativePath> temporaries = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                temporaries.add(PathCodec.read(in));
            }
            job.sweepTemporaries(root, List.ofAll(temporaries));
        }
        return out -> {};
    }

    private Wire.Body trash(Calls.Op op, DataInputStream in) throws IOException {
        LocalTrashBins bins = new LocalTrashBins();
        String storedAt = Wire.string(in);
        if (!inTrash(Path.of(storedAt))) {
            throw new AgentServer.Refused(storedAt + " is not in the agent's trash");
        }
        return switch (op) {
            case RESTORE -> {
                String originalAt = Wire.string(in);
                RelativePath path = PathCodec.read(in);
                if (!roots.inside(Path.of(originalAt))) {
                    throw new AgentServer.Refused(originalAt + " is not below a root of this session");
                }
                Either<EntryFailure, Void> restored = bins.restore(storedAt, originalAt, path);
                restored.forEach(done -> library.ledger().forgetStored(storedAt));
                yield out -> Calls.writeEither(out, restored, (o, v) -> {});
            }
            case PRESENCE -> {
                var presence = bins.presence(storedAt);
                yield out -> out.writeByte(presence.ordinal());
            }
            default -> {
                Either<EntryFailure, Void> purged = bins.purge(storedAt);
                purged.forEach(done -> library.ledger().forgetStored(storedAt));
                yield out -> Calls.writeEither(out, purged, (o, v) -> {});
            }
        };
    }

    /** In the library's trash, or in the trash folder at a root of the session. */
    private boolean inTrash(Path stored) {
        Path normal = stored.normalize();
        return normal.startsWith(library.trash().directory())
                        && !normal.equals(library.trash().directory())
                || roots.all().exists(root -> normal.startsWith(root.resolve(".conduit-trash")));
    }

    @FunctionalInterface
    private interface RootedCall<T> {
        Either<EntryFailure, T> call() throws IOException;
    }

    private static <T> Either<EntryFailure, T> rooted(RootedCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            return Either.left(IoFailures.failure(e));
        }
    }
}
