package dev.conduit.adapter.jobs.sync;

import com.sun.jna.LastErrorException;
import dev.conduit.adapter.jobs.PosixStat;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * The folder that holds an entry of a root, reached from the root one name at a time without following a link and
 * held open (ADR 0024). What is done to the entry goes through {@link #entry}, a path that starts at the held folder
 * ({@code /proc/self/fd/N/name}): the kernel does not look the folders above it up again, so a folder on the way
 * swapped for a link after the walk redirects nothing. The operations on the entry itself must not follow a link
 * (they do not: {@code NOFOLLOW_LINKS}, {@code O_EXCL}, {@code rename}, {@code unlink}). A folder on the way that is a
 * link, or on another file system than the root, is refused: {@link Refused}.
 */
final class RootedFolder implements AutoCloseable {

    /** Why an entry below a link is left alone. */
    static final String LINK_ON_THE_WAY = "a folder on the way was replaced by a link; nothing was written through it";

    static final String MOVED_AWAY = "its folder was moved away while it was written; not put in place";
    static final String OTHER_FILE_SYSTEM = "a folder on the way is on another file system than the root";

    private static final int AT_FDCWD = -100;
    private static final int O_PATH = 010000000;
    private static final int O_DIRECTORY = CLibrary.O_DIRECTORY;
    private static final int O_NOFOLLOW = CLibrary.O_NOFOLLOW;
    private static final int ENOTDIR = CLibrary.ENOTDIR;
    private static final int ELOOP = CLibrary.ELOOP;

    private final Path root;
    private final RelativePath folder;
    private final int descriptor;
    /** Whether the held folder is the root itself. */
    private final boolean atRoot;

    private boolean closed;

    private RootedFolder(Path root, RelativePath folder, int descriptor, boolean atRoot) {
        this.root = root;
        this.folder = folder;
        this.descriptor = descriptor;
        this.atRoot = atRoot;
    }

    /** The folder that holds {@code path} below {@code root}: the root itself for the root and its children. */
    static RootedFolder holding(Path root, RelativePath path) throws IOException {
        return open(root, path.isRoot() ? path : path.parent());
    }

    /** The folder {@code folder} below {@code root}, walked to name by name. */
    static RootedFolder open(Path root, RelativePath folder) throws IOException {
        return open(
                root, folder, folder.isRoot() ? new String[0] : folder.value().split("/"), false);
    }

    /**
     * The folder that holds {@code path} when it is inside {@code root} (the root's own trash folder), its missing
     * folders made when {@code make}; none when the path is elsewhere (the library's trash: not the receiving side).
     */
    static Option<RootedFolder> holdingInside(Path root, Path path, boolean make) throws IOException {
        if (!path.startsWith(root) || path.equals(root)) {
            return Option.none();
        }
        Path folder = root.relativize(path.getParent());
        String[] names =
                folder.toString().isEmpty() ? new String[0] : folder.toString().split("/");
        return Option.some(open(root, RelativePath.ROOT, names, make));
    }

    private static RootedFolder open(Path root, RelativePath folder, String[] names, boolean make) throws IOException {
        int current = call(
                root,
                root,
                () -> CLibrary.C.openat(
                        AT_FDCWD,
                        CLibrary.bytes(root.toString()),
                        O_PATH | O_DIRECTORY | CLibrary.O_CLOEXEC)); // the root itself may be a link
        try {
            long device = PosixStat.device(held(current));
            Path walked = root;
            for (String name : names) {
                int parent = current;
                Path at = walked.resolve(name);
                if (make && !Files.exists(held(parent).resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.createDirectory(held(parent).resolve(name)); // mkdir does not follow a link
                    } catch (java.nio.file.FileAlreadyExistsException madeMeanwhile) {
                        // then it is walked into like any other
                    }
                }
                current = call(
                        at,
                        held(parent).resolve(name),
                        () -> CLibrary.C.openat(
                                parent, CLibrary.bytes(name), O_PATH | O_DIRECTORY | O_NOFOLLOW | CLibrary.O_CLOEXEC));
                CLibrary.C.close(parent);
                if (device != PosixStat.device(held(current))) {
                    throw new Refused(at, OTHER_FILE_SYSTEM);
                }
                walked = at;
            }
            return new RootedFolder(root, folder, current, names.length == 0);
        } catch (IOException | RuntimeException failure) {
            CLibrary.C.close(current);
            throw failure;
        }
    }

    /**
     * The entry, reached through the held folder: valid while this is open. The root itself is the root's path (the
     * root may be a link: it is the user's choice).
     */
    Path entry(RelativePath path) {
        return path.isRoot() ? root : held(descriptor).resolve(path.name());
    }

    /** The held folder's descriptor, for calls relative to it ({@code openat}): valid while this is open. */
    int descriptor() {
        return descriptor;
    }

    /** A name in the held folder (a temporary file's), reached through it. */
    Path entry(String name) {
        return held(descriptor).resolve(name);
    }

    /** {@code path} reached through the folder that holds it, if it is {@link #holdingInside held}; else as it is. */
    static Path reach(Option<RootedFolder> folder, Path path) {
        return folder.map(held -> held.entry(path.getFileName().toString())).getOrElse(path);
    }

    /** The held folder as a root to look up {@link #name names} in: valid while this is open. */
    Path path() {
        return atRoot ? root : held(descriptor);
    }

    /** The path below {@link #path()} of an entry of this folder. */
    RelativePath name(RelativePath path) {
        return path.isRoot() || atRoot ? path : RelativePath.ROOT.child(path.name());
    }

    /**
     * Checks that the held folder is still the one the root leads to, walked again: refused when a folder on the way
     * became a link, or was moved away (then what was written in it is not put in place).
     */
    void verify() throws IOException {
        try (RootedFolder again = open(root, folder)) {
            if (!identity(path()).equals(identity(again.path()))) {
                throw new Refused(root.resolve(folder.value()), MOVED_AWAY);
            }
        }
    }

    private static Object identity(Path folder) throws IOException {
        return PosixStat.identity(folder);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            CLibrary.C.close(descriptor);
        }
    }

    private static Path held(int descriptor) {
        return Path.of("/proc/self/fd/" + descriptor);
    }

    private static int call(Path at, Path probe, java.util.function.IntSupplier open) throws IOException {
        try {
            return open.getAsInt();
        } catch (LastErrorException failure) {
            int error = failure.getErrorCode();
            if ((error == ENOTDIR || error == ELOOP) && Files.isSymbolicLink(probe)) {
                throw new Refused(at, LINK_ON_THE_WAY);
            }
            if (error == ELOOP) {
                throw new NotDirectoryException(at.toString());
            }
            throw CLibrary.failure(at, failure);
        }
    }

    /** A folder on the way is a link, or another file system: nothing below it is touched. */
    static final class Refused extends FileSystemException {

        Refused(Path at, String reason) {
            super(at.toString(), null, reason);
        }
    }
}
