package dev.conduit.adapter.jobs.sync;

import dev.conduit.adapter.jobs.IoFailures;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** What the jobs ask of the local disk before they write: what is at a path now, and does it match the index. */
final class LocalDisk {

    static final String CHANGED = "changed since it was indexed; left as it is (the next sync sees the change)";

    private final FileTree tree;

    LocalDisk(FileTree tree) {
        this.tree = tree;
    }

    /** What lstat says is at the path now: none when nothing is; the reason when it cannot say. */
    Either<String, Option<FileStat>> state(Path root, RelativePath path) {
        Path resolved = resolve(root, path);
        if (!Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
            return Either.right(Option.none());
        }
        return tree.examine(root, path).fold(
            found -> Either.right(Option.some(found.stat())),
            unsupported -> Either.left(unsupported.what() + " is in the way"),
            unreadable -> Either.left(unreadable.reason()));
    }

    /** The hash of a file's content, read now; fails when it no longer has the size and time {@code expected}. */
    Either<String, dev.conduit.domain.index.ContentHash> hash(Path root, RelativePath path, FileStat expected) {
        return tree.hash(root, path, expected);
    }

    /**
     * Whether the disk still holds what the index said: nothing when it said nothing; else the same kind and, for
     * files and links, the same size and modification time (to the nanosecond, as the file system gave it).
     */
    static boolean matches(Option<FileStat> now, Option<IndexEntry> indexed) {
        if (indexed.isEmpty() || now.isEmpty()) {
            return indexed.isEmpty() && now.isEmpty();
        }
        FileStat was = indexed.get().stat();
        FileStat is = now.get();
        if (was.kind() != is.kind()) {
            return false;
        }
        return was.isDirectory() || was.size() == is.size() && was.mtimeNanos() == is.mtimeNanos();
    }

    static Path resolve(Path root, RelativePath path) {
        return path.isRoot() ? root : root.resolve(path.value());
    }

    /** A short reason in words, without the path. */
    static String reason(IOException failure) {
        return IoFailures.reason(failure);
    }
}
