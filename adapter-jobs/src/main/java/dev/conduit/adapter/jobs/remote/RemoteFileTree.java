package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Path;

/** The agent's disk, read over the link: each port call one round trip. */
final class RemoteFileTree implements FileTree {

    private final RemoteCalls calls;

    RemoteFileTree(RemoteCalls calls) {
        this.calls = calls;
    }

    @Override
    public Either<RootProblem, Root> identify(Path root) {
        try {
            return calls.call(Calls.Op.IDENTIFY, out -> Wire.string(out, root.toString()), RootCodec::read);
        } catch (ConnectionLost lost) { // nothing is known of the root: not a reason to pause its conduit
            return Either.left(RootProblem.connectionLost(lost.getMessage()));
        } catch (IOException e) {
            return Either.left(RootProblem.unreadable(e.getMessage()));
        }
    }

    @Override
    public Either<EntryFailure, Seq<Listed>> list(Path root, RelativePath directory) {
        try {
            return calls.callMany(
                    Calls.Op.LIST,
                    out -> {
                        Wire.string(out, root.toString());
                        PathCodec.write(out, directory);
                    },
                    answer -> {
                        java.util.List<Listed> listed = new java.util.ArrayList<>();
                        Either<EntryFailure, Boolean> more =
                                answer.next(in -> Calls.readEither(in, first -> piece(first, listed)));
                        while (more.isRight() && more.get()) {
                            more = Either.right(answer.next(in -> piece(in, listed)));
                        }
                        return more.map(done -> List.ofAll(listed));
                    });
        } catch (IOException e) {
            return Either.left(failure(e));
        }
    }

    /** One frame's names of a listing; whether more follow. */
    private static boolean piece(java.io.DataInput in, java.util.List<Listed> listed) throws IOException {
        for (int count = in.readInt(); count > 0; count--) {
            listed.add(ListedCodec.read(in));
        }
        return in.readBoolean();
    }

    /** Asked in questions of at most {@link Calls#EXAMINED_PER_CALL} paths: one round trip each, not one per path. */
    @Override
    public Seq<Listed> examineAll(Path root, Seq<RelativePath> paths) {
        java.util.List<Listed> found = new java.util.ArrayList<>(paths.size());
        for (Seq<RelativePath> part : paths.grouped(Calls.EXAMINED_PER_CALL)) {
            try {
                found.addAll(calls.call(
                        Calls.Op.EXAMINE_ALL,
                        out -> {
                            Wire.string(out, root.toString());
                            out.writeInt(part.size());
                            for (RelativePath path : part) {
                                PathCodec.write(out, path);
                            }
                        },
                        in -> {
                            java.util.List<Listed> answers = new java.util.ArrayList<>(part.size());
                            for (int i = 0; i < part.size(); i++) {
                                answers.add(ListedCodec.read(in));
                            }
                            return answers;
                        }));
            } catch (IOException e) {
                part.forEach(path -> found.add(new Listed.Unreadable(path.name(), failure(e), true)));
            }
        }
        return List.ofAll(found);
    }

    @Override
    public Listed examine(Path root, RelativePath path) {
        try {
            return calls.call(
                    Calls.Op.EXAMINE,
                    out -> {
                        Wire.string(out, root.toString());
                        PathCodec.write(out, path);
                    },
                    ListedCodec::read);
        } catch (IOException e) {
            return new Listed.Unreadable(path.name(), failure(e), true);
        }
    }

    @Override
    public Either<EntryFailure, ContentHash> hash(Path root, RelativePath file, FileStat expected) {
        return either(
                root,
                file,
                Calls.Op.HASH,
                out -> StatCodec.write(out, expected),
                in -> new ContentHash(Wire.string(in)));
    }

    @Override
    public Either<EntryFailure, Option<Xattrs>> xattrs(Path root, RelativePath entry) {
        return either(
                root,
                entry,
                Calls.Op.XATTRS,
                out -> {},
                in -> Wire.optionalString(in).map(Xattrs::new));
    }

    @Override
    public Either<EntryFailure, Option<Seq<String>>> readLines(Path root, RelativePath file) {
        return either(
                root,
                file,
                Calls.Op.READ_LINES,
                out -> {},
                in -> in.readBoolean() ? Option.some(Wire.strings(in)) : Option.none());
    }

    private <T> Either<EntryFailure, T> either(
            Path root, RelativePath path, Calls.Op op, Wire.Body more, Calls.Reader<T> right) {
        try {
            return calls.call(
                    op,
                    out -> {
                        Wire.string(out, root.toString());
                        PathCodec.write(out, path);
                        more.write(out);
                    },
                    in -> Calls.readEither(in, right));
        } catch (IOException e) {
            return Either.left(failure(e));
        }
    }

    static EntryFailure failure(IOException e) {
        return e instanceof AgentServer.Refused
                ? EntryFailure.refused(e.getMessage())
                : EntryFailure.ioError(e.getMessage());
    }
}
