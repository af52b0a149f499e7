package dev.conduit.adapter.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;
import java.util.TreeMap;

/** {@code user.} extended attributes set and read with the JDK alone, as {@code setfattr}/{@code getfattr} would. */
public final class Xattr {

    private Xattr() {}

    private static UserDefinedFileAttributeView view(Path entry) {
        return Files.getFileAttributeView(entry, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** Sets {@code user.<name>}; fails the test where the file system (of the temporary folder) has no xattrs. */
    public static void set(Path entry, String name, String value) throws IOException {
        try {
            view(entry).write(name, ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException unsupported) {
            throw new AssertionError(
                    "the temporary folder's file system must keep user.* extended attributes", unsupported);
        }
    }

    public static void remove(Path entry, String name) throws IOException {
        view(entry).delete(name);
    }

    /** Every {@code user.} attribute, by name without the prefix, values as UTF-8 text. */
    public static Map<String, String> all(Path entry) throws IOException {
        Map<String, String> all = new TreeMap<>();
        UserDefinedFileAttributeView view = view(entry);
        for (String name : view.list()) {
            ByteBuffer value = ByteBuffer.allocate(view.size(name));
            view.read(name, value);
            all.put(name, new String(value.array(), 0, value.position(), StandardCharsets.UTF_8));
        }
        return all;
    }

    public static void assertNone(Path entry) throws IOException {
        assertThat(all(entry)).isEmpty();
    }
}
