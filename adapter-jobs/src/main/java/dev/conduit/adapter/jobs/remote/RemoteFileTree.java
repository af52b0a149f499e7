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
        } catch (IOException e) {
            return Either.left(problem(e));
        }
    }

    /**
     * The questions at once (ADR 0057): the listing is asked before the identity is known, and the agent answers
     * both; the look then costs one round trip instead of two. A listing of a root that turned out missing or
     * another is read and dropped. The root's own entry is asked in the same breath and kept for {@link #examine} of
     * the root when the sync finishes its folders, as long as nothing sent since may have changed it. Any agent of
     * protocol 2 serves calls of several streams side by side.
     */
    @Override
    public RootLook look(Path root, boolean listed) {
        if (!listed) {
            return new RootLook(identify(root), Option.none());
        }
        RemoteCalls.Sent identifying;
        RemoteCalls.Sent listing;
        RemoteCalls.Sent examining;
        long writes = calls.writes();
        try {
            identifying = calls.send(Calls.Op.IDENTIFY, out -> Wire.string(out, root.toString()), new Inbox(1));
        } catch (IOException e) {
            return new RootLook(Either.left(problem(e)), Option.none());
        }
        try {
            listing = calls.send(Calls.Op.LIST, listArguments(root, RelativePath.ROOT), Inbox.unbounded());
            examining = calls.send(Calls.Op.EXAMINE, listArguments(root, RelativePath.ROOT), Inbox.unbounded());
        } catch (IOException e) {
            listing = null; // the link went: the identity's answer says so
            examining = null;
        }
        Either<RootProblem, Root> identified = identified(root, identifying);
        Either<EntryFailure, Seq<Listed>> names;
        if (listing == null) {
            names = Either.left(EntryFailure.ioError("the connection to the agent was lost"));
        } else {
            try {
                names = listing.read(RemoteFileTree::listing);
            } catch (IOException e) {
                names = Either.left(failure(e));
            }
        }
        if (examining != null) {
            try {
                calls.looked(root.toString(), writes, examining.read(answer -> answer.next(ListedCodec::read)));
            } catch (IOException e) {
                // asked again when the sync finishes its folders
            }
        }
        return new RootLook(identified, identified.isRight() ? Option.some(names) : Option.none());
    }

    private static Either<RootProblem, Root> identified(Path root, RemoteCalls.Sent identifying) {
        try {
            return identifying.read(answer -> answer.next(RootCodec::read));
        } catch (IOException e) {
            return Either.left(problem(e));
        }
    }

    @Override
    public Either<EntryFailure, Seq<Listed>> list(Path root, RelativePath directory) {
        try {
            return calls.callMany(Calls.Op.LIST, listArguments(root, directory), RemoteFileTree::listing);
        } catch (IOException e) {
            return Either.left(failure(e));
        }
    }

    private static Wire.Body listArguments(Path root, RelativePath directory) {
        return out -> {
            Wire.string(out, root.toString());
            PathCodec.write(out, directory);
        };
    }

    /** A listing's frames: the names of each, until one says no more follow. */
    private static Either<EntryFailure, Seq<Listed>> listing(RemoteCalls.Answer answer) throws IOException {
        java.util.List<Listed> listed = new java.util.ArrayList<>();
        Either<EntryFailure, Boolean> more = answer.next(in -> Calls.readEither(in, first -> piece(first, listed)));
        while (more.isRight() && more.get()) {
            more = Either.right(answer.next(in -> piece(in, listed)));
        }
        return more.map(done -> List.ofAll(listed));
    }

    /** One frame's names of a listing; whether more follow. */
    private static boolean piece(java.io.DataInput in, java.util.List<Listed> listed) throws IOException {
        for (int count = in.readInt(); count > 0; count--) {
            listed.add(ListedCodec.read(in));
        }
        return in.readBoolean();
    }

    /**
     * Asked in questions of at most {@link Calls#EXAMINED_PER_CALL} paths, all sent before any answer is read: one
     * round trip for them all, not one per question (nor per path).
     */
    @Override
    public Seq<Listed> examineAll(Path root, Seq<RelativePath> paths) {
        java.util.List<Seq<RelativePath>> parts = new java.util.ArrayList<>();
        paths.grouped(Calls.EXAMINED_PER_CALL).forEach(parts::add);
        java.util.List<RemoteCalls.Sent> asked = new java.util.ArrayList<>(parts.size());
        IOException unsent = null;
        for (Seq<RelativePath> part : parts) {
            if (unsent != null) {
                asked.add(null);
                continue;
            }
            try {
                asked.add(calls.send(
                        Calls.Op.EXAMINE_ALL,
                        out -> {
                            Wire.string(out, root.toString());
                            out.writeInt(part.size());
                            for (RelativePath path : part) {
                                PathCodec.write(out, path);
                            }
                        },
                        Inbox.unbounded()));
            } catch (IOException e) {
                unsent = e; // the link went: this question and those after it are not asked
                asked.add(null);
            }
        }
        java.util.List<Listed> found = new java.util.ArrayList<>(paths.size());
        for (int at = 0; at < parts.size(); at++) {
            Seq<RelativePath> part = parts.get(at);
            try {
                if (asked.get(at) == null) {
                    throw unsent;
                }
                found.addAll(asked.get(at)
                        .read(answer -> answer.next(in -> {
                            java.util.List<Listed> answers = new java.util.ArrayList<>(part.size());
                            for (int i = 0; i < part.size(); i++) {
                                answers.add(ListedCodec.read(in));
                            }
                            return answers;
                        })));
            } catch (IOException e) {
                part.forEach(path -> found.add(new Listed.Unreadable(path.name(), failure(e), true)));
            }
        }
        return List.ofAll(found);
    }

    /** The root's own entry from its look, when nothing sent since may have changed it; never asked (ADR 0062). */
    @Override
    public Option<Listed> examineRootAtHand(Path root) {
        return calls.lookedAt(root.toString());
    }

    /** The root's own entry, as its look found it when nothing since may have changed it; else asked. */
    @Override
    public Listed examine(Path root, RelativePath path) {
        if (path.equals(RelativePath.ROOT)) {
            Option<Listed> looked = calls.lookedAt(root.toString());
            if (looked.isDefined()) {
                return looked.get();
            }
        }
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

    /**
     * What a root that could not be asked after is: nothing is known of it when the connection was lost (not a reason
     * to pause its conduit), unreadable otherwise.
     */
    static RootProblem problem(IOException e) {
        return e instanceof ConnectionLost
                ? RootProblem.connectionLost(e.getMessage())
                : RootProblem.unreadable(e.getMessage());
    }

    static EntryFailure failure(IOException e) {
        return e instanceof AgentServer.Refused
                ? EntryFailure.refused(e.getMessage())
                : EntryFailure.ioError(e.getMessage());
    }
}
