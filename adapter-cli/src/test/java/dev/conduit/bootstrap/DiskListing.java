package dev.conduit.bootstrap;

import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An independent reading of a tree, written the plain way (Files.walk, PosixFileAttributes, a whole-file digest),
 * to hold the indexer's answer against.
 */
final class DiskListing {

    private DiskListing() {
    }

    static Map<String, IndexEntry> of(Path root) {
        Map<String, IndexEntry> listing = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> {
                String relative = root.relativize(p).toString();
                listing.put(relative, new IndexEntry(RelativePath.parse(relative).get(), stat(p), hash(p), 0));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return listing;
    }

    private static FileStat stat(Path p) {
        try {
            var attributes = Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
            int mode = 0;
            for (PosixFilePermission permission : attributes.permissions()) {
                mode |= 1 << (8 - permission.ordinal());
            }
            long mtime = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            Option<String> key = Option.some(Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS) + ":"
                + Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS));
            Option<Long> ctime = Option.some(((FileTime) Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS))
                .to(TimeUnit.NANOSECONDS));
            if (attributes.isSymbolicLink()) {
                String target = Files.readSymbolicLink(p).toString();
                return new FileStat(EntryKind.SYMLINK, target.length(), mtime, mode, key, Option.some(target), ctime);
            }
            if (attributes.isDirectory()) {
                return new FileStat(EntryKind.DIRECTORY, 0, mtime, mode, key, Option.none(), ctime);
            }
            return new FileStat(EntryKind.FILE, attributes.size(), mtime, mode, key, Option.none(), ctime);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Option<ContentHash> hash(Path p) {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return Option.none();
        }
        try {
            return Option.some(ContentHash.of(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static FileTime time(long nanos) {
        return FileTime.from(nanos, TimeUnit.NANOSECONDS);
    }
}
