package dev.conduit.bootstrap;

import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An independent reading of a tree, written the plain way (Files.walk, PosixFileAttributes, a whole-file digest,
 * the JDK's view of user extended attributes), to hold the indexer's answer against.
 */
final class DiskListing {

    private DiskListing() {}

    static Map<String, IndexEntry> of(Path root) {
        Map<String, IndexEntry> listing = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> {
                String relative = root.relativize(p).toString();
                listing.put(
                        relative, new IndexEntry(RelativePath.parse(relative).get(), stat(p), hash(p), xattrs(p), 0));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return listing;
    }

    private static FileStat stat(Path p) {
        try {
            var attributes = Files.readAttributes(
                    p, java.nio.file.attribute.PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            int mode = 0;
            for (PosixFilePermission permission : attributes.permissions()) {
                mode |= 1 << (8 - permission.ordinal());
            }
            long mtime = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            long ctime = ((FileTime) Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS))
                    .to(TimeUnit.NANOSECONDS);
            Object key = Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS) + ":"
                    + Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int gid = (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                return FileStat.symlink(Files.readSymbolicLink(p).toString(), mtime, mode, Option.some(key.toString()))
                        .withCtime(ctime)
                        .withOwner(uid, gid);
            }
            if (attributes.isDirectory()) {
                return FileStat.directory(mtime, mode, Option.some(key.toString()))
                        .withCtime(ctime)
                        .withOwner(uid, gid);
            }
            return FileStat.file(attributes.size(), mtime, mode, Option.some(key.toString()))
                    .withCtime(ctime)
                    .withOwner(uid, gid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code user.} extended attributes of a file or folder; none for links and where there are none. */
    private static Option<Xattrs> xattrs(Path p) {
        if (Files.isSymbolicLink(p)) {
            return Option.none();
        }
        try {
            UserDefinedFileAttributeView view =
                    Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            io.vavr.collection.Map<String, byte[]> attributes = io.vavr.collection.HashMap.empty();
            for (String name : view.list()) {
                java.nio.ByteBuffer value = java.nio.ByteBuffer.allocate(view.size(name));
                view.read(name, value);
                attributes = attributes.put(name, java.util.Arrays.copyOf(value.array(), value.position()));
            }
            return Option.some(Xattrs.of(attributes));
        } catch (IOException unsupported) {
            return Option.none();
        }
    }

    private static Option<ContentHash> hash(Path p) {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return Option.none();
        }
        try {
            return Option.some(
                    ContentHash.of(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static FileTime time(long nanos) {
        return FileTime.from(nanos, TimeUnit.NANOSECONDS);
    }
}
