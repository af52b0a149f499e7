package dev.conduit.adapter.jobs;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.domain.index.Xattrs;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * The extended attributes of a file or directory in the {@code user.} namespace, read and written as
 * {@code rsync -X} does, through the JDK's {@link UserDefinedFileAttributeView} (names without the {@code user.}
 * prefix; links are never followed). A file system without them (FAT, exFAT, NFS without xattr support) is found
 * by trying: its refusal ({@code ENOTSUP}) means "none here", quietly, never an error.
 */
public final class UserXattrs {

    private UserXattrs() {}

    /** The attributes by name; none where the file system has no extended attributes; why they cannot be read. */
    public static Either<EntryFailure, Option<Map<String, byte[]>>> read(Path entry) {
        try {
            return Either.right(attributes(entry));
        } catch (IOException failure) {
            return Either.left(IoFailures.failure(failure));
        }
    }

    /** The attributes by name; none where the file system has no extended attributes. */
    private static Option<Map<String, byte[]>> attributes(Path entry) throws IOException {
        UserDefinedFileAttributeView view = view(entry);
        if (view == null) {
            return Option.none();
        }
        try {
            Map<String, byte[]> attributes = LinkedHashMap.empty();
            for (String name : view.list()) {
                ByteBuffer value = ByteBuffer.allocate(view.size(name));
                view.read(name, value);
                attributes = attributes.put(name, java.util.Arrays.copyOf(value.array(), value.position()));
            }
            return Option.some(attributes);
        } catch (IOException failure) {
            if (isUnsupported(failure)) {
                return Option.none();
            }
            throw failure;
        } catch (UnsupportedOperationException unsupported) {
            return Option.none();
        }
    }

    /** Their fingerprint, as an index records it. */
    public static Either<EntryFailure, Option<Xattrs>> fingerprint(Path entry) {
        return read(entry).map(found -> found.map(Xattrs::of));
    }

    /**
     * Makes the entry's attributes exactly {@code wanted}: writes those that differ, removes the others. False,
     * having changed nothing, where the file system has no extended attributes.
     */
    public static boolean write(Path entry, Map<String, byte[]> wanted) throws IOException {
        UserDefinedFileAttributeView view = view(entry);
        if (view == null) {
            return false;
        }
        try {
            Option<Map<String, byte[]>> current = attributes(entry);
            if (current.isEmpty()) {
                return false;
            }
            Map<String, byte[]> present = current.get();
            for (String name : present.keySet()) {
                if (!wanted.containsKey(name)) {
                    view.delete(name);
                }
            }
            for (var attribute : wanted) {
                if (!present.get(attribute._1).exists(value -> java.util.Arrays.equals(value, attribute._2))) {
                    view.write(attribute._1, ByteBuffer.wrap(attribute._2));
                }
            }
            return true;
        } catch (IOException failure) {
            if (isUnsupported(failure)) {
                return false;
            }
            throw failure;
        } catch (UnsupportedOperationException unsupported) {
            return false;
        }
    }

    private static UserDefinedFileAttributeView view(Path entry) {
        return Files.getFileAttributeView(entry, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** ENOTSUP (EOPNOTSUPP on Linux): the file system, or this kind of entry, has no such attributes. */
    private static boolean isUnsupported(IOException failure) {
        return failure instanceof FileSystemException fs
                && fs.getReason() != null
                && fs.getReason().contains("Operation not supported");
    }
}
