package dev.conduit.adapter.jobs.index;

import dev.conduit.adapter.jobs.IoFailures;
import dev.conduit.adapter.jobs.TemporaryNames;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.FileSystemProbe;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.TimeGranularity;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Finds out what a local root's file system holds, without writing where it can (ADR 0040): a root on a file system of
 * a kind that holds everything a POSIX one does ({@link #POSIX_KINDS}), whose own change time has a part below the
 * second (so its inodes keep fine times: not ext4 with small inodes), is a POSIX root, found by reading two attributes.
 * A mirror's source is never written, not even for a moment: one of another kind is not probed ({@link #probeReading}).
 *
 * <p>Any other root is probed by trying each trait on a temporary file of its own in the root: times written and read back,
 * permission bits set and read back, a symbolic link and a hard link made, the file looked up by its name in upper
 * case, a {@code user.} extended attribute written. Everything it made is removed before it answers, and the root's
 * modification and access times are put back as they were (a mirror's source keeps its times: {@code rsync -a} run
 * after Conduit sees nothing new); what a killed probe leaves has the tool's temporary name form and is swept by the
 * next sync.
 */
final class LocalFileSystemProbe implements FileSystemProbe {

    /** An odd second: a file system that keeps two-second times cannot hold it. */
    static final long ODD_SECOND = 1_600_000_001_000_000_000L;
    /** A time with every digit below the second set: tells nanoseconds from microseconds from milliseconds. */
    static final long FINE_TIME = 1_600_000_003_987_654_321L;

    private static final String XATTR = "conduit.probe";

    /**
     * The kinds of file system (as {@code /proc/self/mounts} names them) that keep nanosecond times where their inodes
     * have room, permission bits, symbolic and hard links, names of any case apart, and {@code user.} extended
     * attributes (on by default). Not ZFS (a dataset may be case-insensitive), nor tmpfs (user attributes only since
     * Linux 6.6), nor anything through FUSE: those are probed by writing.
     */
    static final java.util.Set<String> POSIX_KINDS = java.util.Set.of("ext4", "ext3", "xfs", "btrfs", "f2fs");

    @Override
    public Either<EntryFailure, FileSystemTraits> probe(Path root) {
        return knownWithoutWriting(root)
                .map(Either::<EntryFailure, FileSystemTraits>right)
                .getOrElse(() -> byWriting(root));
    }

    /**
     * A root only read is never written: a root of a known kind is read; any other is not probed now (it is taken for
     * a POSIX one until it is indexed to be written, when it is probed by writing).
     */
    @Override
    public Either<EntryFailure, FileSystemTraits> probeReading(Path root) {
        return knownWithoutWriting(root)
                .toEither(() -> EntryFailure.refused("only read: its file system is probed once it is written"));
    }

    /** The traits of a root of a known POSIX kind with fine times, read from two attributes; none for any other. */
    static io.vavr.control.Option<FileSystemTraits> knownWithoutWriting(Path root) {
        try {
            String kind = Files.getFileStore(root).type();
            long changed = ((FileTime) Files.getAttribute(root, "unix:ctime")).to(TimeUnit.NANOSECONDS);
            boolean fineTimes = changed % 1_000_000_000L != 0; // the kernel sets it: whole seconds mean coarse inodes
            return POSIX_KINDS.contains(kind) && fineTimes
                    ? io.vavr.control.Option.some(FileSystemTraits.POSIX)
                    : io.vavr.control.Option.none();
        } catch (IOException | RuntimeException unknown) {
            return io.vavr.control.Option.none();
        }
    }

    /** The traits found by trying each on temporary files in the root. */
    Either<EntryFailure, FileSystemTraits> byWriting(Path root) {
        Path file = root.resolve(TemporaryNames.next());
        List<Path> made = new ArrayList<>();
        BasicFileAttributeView rootTimes =
                Files.getFileAttributeView(root, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        BasicFileAttributes before;
        try {
            before = rootTimes.readAttributes();
        } catch (IOException failure) {
            return Either.left(IoFailures.failure(failure).in("cannot probe its file system: "));
        }
        try {
            Files.write(file, new byte[] {'?'}, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            made.add(file);
            return Either.right(new FileSystemTraits(
                    granularity(file),
                    permissions(file),
                    symlinks(file, made),
                    hardLinks(file, made),
                    caseSensitive(file),
                    userXattrs(file)));
        } catch (IOException failure) {
            return Either.left(IoFailures.failure(failure).in("cannot probe its file system: "));
        } finally {
            for (Path path : made) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException leftover) {
                    // a temporary name: the next sync sweeps it
                }
            }
            putBack(rootTimes, before);
        }
    }

    /** The root's times as they were before the probe made and removed its files in it. */
    private static void putBack(BasicFileAttributeView root, BasicFileAttributes before) {
        try {
            root.setTimes(before.lastModifiedTime(), before.lastAccessTime(), null);
        } catch (IOException cannot) {
            // a root whose times cannot be set could not be probed either; nothing was left in it
        }
    }

    private static TimeGranularity granularity(Path file) throws IOException {
        return keeping(file, ODD_SECOND).coarser(keeping(file, FINE_TIME));
    }

    private static TimeGranularity keeping(Path file, long written) throws IOException {
        Files.getFileAttributeView(file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(written, TimeUnit.NANOSECONDS), null, null);
        long readBack =
                Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
        return TimeGranularity.keeping(written, readBack);
    }

    /** Two different sets of bits, each read back as set (exFAT through FUSE accepts any and shows 0777). */
    private static boolean permissions(Path file) {
        return modeSticks(file, 0600) && modeSticks(file, 0644);
    }

    private static boolean modeSticks(Path file, int mode) {
        try {
            Files.setAttribute(file, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
            return ((Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777) == mode;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException cannot) {
            return false;
        }
    }

    private static boolean symlinks(Path file, List<Path> made) {
        Path link = file.resolveSibling(TemporaryNames.next());
        try {
            Files.createSymbolicLink(link, file.getFileName());
            made.add(link);
            return Files.isSymbolicLink(link);
        } catch (IOException | UnsupportedOperationException cannot) {
            return false;
        }
    }

    private static boolean hardLinks(Path file, List<Path> made) {
        Path link = file.resolveSibling(TemporaryNames.next());
        try {
            Files.createLink(link, file);
            made.add(link);
            return Files.isSameFile(link, file);
        } catch (IOException | UnsupportedOperationException cannot) {
            return false;
        }
    }

    /**
     * The file's own name in upper case finds it only where case is not told apart: nothing else has that name (our
     * process id and counter are in it), and nothing is made under it, so a killed probe leaves only names of the
     * tool's form. Inode numbers are not compared: exFAT through FUSE gives a name looked up anew another one.
     */
    private static boolean caseSensitive(Path file) throws IOException {
        Path shouted = file.resolveSibling(file.getFileName().toString().toUpperCase(Locale.ROOT));
        return !(Files.exists(shouted, LinkOption.NOFOLLOW_LINKS)
                && Arrays.equals(Files.readAllBytes(shouted), Files.readAllBytes(file)));
    }

    private static boolean userXattrs(Path file) {
        UserDefinedFileAttributeView view =
                Files.getFileAttributeView(file, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return false;
        }
        try {
            view.write(XATTR, ByteBuffer.wrap(new byte[] {1}));
            return view.list().contains(XATTR);
        } catch (IOException | UnsupportedOperationException cannot) {
            return false;
        }
    }
}
