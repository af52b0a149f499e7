package dev.conduit.adapter.jobs.sync;

import dev.conduit.adapter.jobs.IoFailures;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.RescanRules;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** What the jobs ask of the local disk before they write: what is at a path now, and does it match the index. */
final class LocalDisk {

    /** The words of an entry that changed since it was indexed (see {@link EntryFailure.Stale}). */
    static final String CHANGED = EntryFailure.STALE;

    private final FileTree tree;

    LocalDisk(FileTree tree) {
        this.tree = tree;
    }

    /**
     * What lstat says is at a path of the receiving side now, looked up through its folder {@link RootedFolder held}
     * from the root: none when nothing is; the reason when it cannot say (a folder on the way that became a link is
     * one).
     */
    Either<EntryFailure, Option<FileStat>> state(Path root, RelativePath path) {
        try (RootedFolder folder = RootedFolder.holding(root, path)) {
            return lstat(folder.path(), folder.name(path));
        } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException noFolder) {
            return Either.right(Option.none());
        } catch (IOException e) {
            return Either.left(failure(e));
        }
    }

    /**
     * What is at a path of the sending side now, looked up as it is (it is only read, and compared with its indexed
     * entry, device and inode included).
     */
    Either<EntryFailure, Option<FileStat>> sendingState(Path root, RelativePath path) {
        return lstat(root, path);
    }

    /**
     * What lstat says is at a path in a folder {@link RootedFolder held} already (a copy's destination, in the folder
     * its temporary file was written in): no walk from the root. The caller checks that the folder is still the root's.
     */
    Either<EntryFailure, Option<FileStat>> stateIn(RootedFolder folder, RelativePath path) {
        return lstat(folder.path(), folder.name(path));
    }

    /** One lstat: nothing there is none, whether the entry or a folder on the way is missing. */
    private Either<EntryFailure, Option<FileStat>> lstat(Path root, RelativePath path) {
        return tree.examine(root, path)
                .fold(
                        found -> Either.right(Option.some(found.stat())),
                        unsupported -> Either.left(EntryFailure.inTheWay(unsupported.what())),
                        unreadable -> unreadable.failure() instanceof EntryFailure.Vanished
                                        || !Files.exists(resolve(root, path), LinkOption.NOFOLLOW_LINKS)
                                ? Either.right(Option.none())
                                : Either.left(unreadable.failure()));
    }

    /** The hash of a file's content on the sending side, read as it is; fails when it changed from {@code expected}. */
    Either<EntryFailure, dev.conduit.domain.index.ContentHash> sendingHash(
            Path root, RelativePath path, FileStat expected) {
        return tree.hash(root, path, expected);
    }

    /**
     * The hash of a file's content on the receiving side, read now through its held folder; fails when it no longer
     * has the size and time {@code expected}.
     */
    Either<EntryFailure, dev.conduit.domain.index.ContentHash> hash(Path root, RelativePath path, FileStat expected) {
        try (RootedFolder folder = RootedFolder.holding(root, path)) {
            return tree.hash(folder.path(), folder.name(path), expected);
        } catch (IOException e) {
            return Either.left(failure(e));
        }
    }

    /**
     * The stale-index guard, asked just before an entry is overwritten, deleted or changed (ADR 0018): whether the disk
     * still holds what the index recorded — nothing when it recorded nothing; else the {@link RescanRules#sameEntry
     * same entry} (kind, size, modification time, link target, device and inode), and for a file either untouched
     * since (the same change time, not racy) or, when its change time moved, still the indexed content, read again.
     */
    boolean holdsIndexed(Path root, Option<FileStat> now, Option<IndexEntry> indexed) {
        if (indexed.isEmpty() || now.isEmpty()) {
            return indexed.isEmpty() && now.isEmpty();
        }
        IndexEntry was = indexed.get();
        FileStat is = now.get();
        if (!RescanRules.sameEntry(was.stat(), is)) {
            return false;
        }
        if (!is.isFile() || RescanRules.untouchedSince(was, is)) {
            return true; // a link's content is its target, a folder's is the plan's
        }
        return was.hash().isDefined()
                && hash(root, was.path(), is)
                        .fold(unreadable -> false, was.hash().get()::equals);
    }

    /**
     * Whether a source just read is still the version the index recorded: the same entry, and the same change time
     * where both are known (the bytes read are hashed and compared by the caller).
     */
    static boolean sameVersion(FileStat indexed, FileStat now) {
        return RescanRules.sameEntry(indexed, now) && !RescanRules.changedSince(indexed.ctimeNanos(), now.ctimeNanos());
    }

    static Path resolve(Path root, RelativePath path) {
        return path.isRoot() ? root : root.resolve(path.value());
    }

    /** What went wrong, by kind; in words, without the path. */
    static EntryFailure failure(IOException failure) {
        return IoFailures.failure(failure);
    }
}
