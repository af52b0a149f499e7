package dev.conduit.application.port.out;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.function.Function;

/** A directory tree on a disk, read one directory at a time. Never follows symbolic links. */
public interface FileTree {

    /**
     * Which directory {@code root} is: its canonical path (absolute, symbolic links resolved, so that two spellings of
     * one folder are one location) and its identity; or why it cannot be indexed.
     */
    Either<RootProblem, Root> identify(Path root);

    /** The entries directly inside {@code directory}, in no particular order; or why it cannot be listed. */
    Either<EntryFailure, Seq<Listed>> list(Path root, RelativePath directory);

    /**
     * The look at a root before a sync (ADR 0011): which directory it is ({@link #identify}) and, when {@code listed}
     * and it could be identified, its entries ({@link #list} of its top). Where asking costs a round trip (a disk on
     * another host) both questions go at once and the look costs one (ADR 0057).
     */
    default RootLook look(Path root, boolean listed) {
        Either<RootProblem, Root> identified = identify(root);
        return new RootLook(
                identified,
                listed && identified.isRight() ? Option.some(list(root, RelativePath.ROOT)) : Option.none());
    }

    /** A root's identity, or why it has none; and its top's entries when they were asked for and could be asked. */
    record RootLook(Either<RootProblem, Root> identified, Option<Either<EntryFailure, Seq<Listed>>> listing) {}

    /** One entry, as a listing of its folder would show it. */
    Listed examine(Path root, RelativePath path);

    /**
     * The root's own entry ({@link #examine} of the root) when it can be had without a round trip of its own: a disk
     * of this machine examines it (one lstat); a disk on another host has it only from a look that nothing sent since
     * may have changed (ADR 0057), else none. A mirror finishing a root it cannot look at so cheaply sets the root's
     * bits and time as wanted without comparing them first: the root ends the same, one round trip sooner (ADR 0062).
     */
    default Option<Listed> examineRootAtHand(Path root) {
        return Option.some(examine(root, RelativePath.ROOT));
    }

    /**
     * Each entry, as {@link #examine} shows it, in the order given: one question for all of them where asking costs a
     * round trip (a disk on another host).
     */
    default Seq<Listed> examineAll(Path root, Seq<RelativePath> paths) {
        return paths.map(path -> examine(root, path));
    }

    /**
     * The hash of a file's whole content, streamed; fails when the file cannot be read, or when it no longer
     * matches {@code expected} once read (size, modification time, device and inode, and change time where known),
     * since the hash would then describe neither.
     */
    Either<EntryFailure, ContentHash> hash(Path root, RelativePath file, FileStat expected);

    /**
     * The fingerprint of the {@code user.} extended attributes of a file or directory; none where its file system has
     * no extended attributes; why when they cannot be read.
     */
    Either<EntryFailure, Option<Xattrs>> xattrs(Path root, RelativePath entry);

    /** The lines of a small text file (an ignore file); none when there is no such file. */
    Either<EntryFailure, Option<Seq<String>>> readLines(Path root, RelativePath file);

    record Root(Path canonical, RootIdentity identity) {}

    /** Why a root cannot be indexed, with the system's reason in words where there is one. */
    record RootProblem(Kind kind, String reason) {

        public enum Kind {
            MISSING,
            NOT_A_DIRECTORY,
            UNREADABLE,
            /** The root is on another host, and the connection to it was lost: nothing is known of the root. */
            CONNECTION_LOST
        }

        public static RootProblem missing() {
            return new RootProblem(Kind.MISSING, "no such directory");
        }

        public static RootProblem notADirectory() {
            return new RootProblem(Kind.NOT_A_DIRECTORY, "not a directory");
        }

        public static RootProblem unreadable(String reason) {
            return new RootProblem(Kind.UNREADABLE, reason);
        }

        public static RootProblem connectionLost(String reason) {
            return new RootProblem(Kind.CONNECTION_LOST, reason);
        }
    }

    /** One name found in a directory. */
    sealed interface Listed {

        String name();

        <R> R fold(Function<Found, R> found, Function<Unsupported, R> unsupported, Function<Unreadable, R> unreadable);

        /** A file, directory or symbolic link, with what lstat said of it. */
        record Found(String name, FileStat stat) implements Listed {
            @Override
            public <R> R fold(
                    Function<Found, R> found,
                    Function<Unsupported, R> unsupported,
                    Function<Unreadable, R> unreadable) {
                return found.apply(this);
            }
        }

        /** A FIFO, socket or device: skipped by design. */
        record Unsupported(String name, String what) implements Listed {
            @Override
            public <R> R fold(
                    Function<Found, R> found,
                    Function<Unsupported, R> unsupported,
                    Function<Unreadable, R> unreadable) {
                return unsupported.apply(this);
            }
        }

        /**
         * A name that could not be examined: lstat failed, or the name is not valid UTF-8 (then {@code name} is a
         * rendering for messages only, each byte that is not UTF-8 as {@code \xNN}).
         */
        record Unreadable(String name, EntryFailure failure, boolean nameIsExact) implements Listed {

            /** Why, in a few words, without the path. */
            public String reason() {
                return failure.reason();
            }

            @Override
            public <R> R fold(
                    Function<Found, R> found,
                    Function<Unsupported, R> unsupported,
                    Function<Unreadable, R> unreadable) {
                return unreadable.apply(this);
            }
        }
    }
}
