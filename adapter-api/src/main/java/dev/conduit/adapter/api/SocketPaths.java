package dev.conduit.adapter.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the daemon of a library listens. A Unix socket's path holds at most {@value #LONGEST} bytes, so a library deep
 * in a tree cannot have its socket inside it: the socket then lives in a short, owner-only folder of the user's
 * ({@code $XDG_RUNTIME_DIR/conduit}, else {@code /tmp/conduit-UID}), named by a hash of the library's path, and the
 * library's {@code daemon.sock} is a symbolic link to it, for people and {@code curl} to find. Both sides compute the
 * same place from the library's path alone.
 */
public final class SocketPaths {

    /** The longest path a Unix socket address holds on Linux (108 bytes with its terminating NUL). */
    static final int LONGEST = 107;

    private SocketPaths() {}

    /** The socket that the daemon of {@code library} listens on. */
    public static Path of(Path library) {
        Path inside = library.resolve(DaemonClient.SOCKET);
        if (fits(inside)) {
            return inside;
        }
        String name = hash(library.toAbsolutePath().normalize().toString()) + ".sock";
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && runtime.startsWith("/")) {
            Path candidate = Path.of(runtime, "conduit", name);
            if (fits(candidate)) {
                return candidate;
            }
        }
        return Path.of("/tmp", "conduit-" + uid(), name);
    }

    /** Whether the socket of {@code library} is a link to one outside it (its path inside would be too long). */
    static boolean isOutside(Path library) {
        return !of(library).equals(library.resolve(DaemonClient.SOCKET));
    }

    /**
     * Makes the folder the socket of {@code library} is bound in, owner-only; refuses one that another user owns or
     * others may write to (someone could put their own socket there).
     */
    static Path prepareFolder(Path library) throws IOException {
        Path socket = of(library);
        Path folder = socket.getParent();
        if (!isOutside(library)) {
            return folder;
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(folder.getParent());
            try {
                Files.createDirectory(
                        folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another daemon of this user made it at the same moment
            }
        }
        Object owner = Files.getAttribute(folder, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) Files.getAttribute(folder, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if (!owner.equals(uid()) || (mode & 0077) != 0) {
            throw new IOException("the library's path is too long for a socket inside it, and " + folder
                    + " (where its socket would go) is not a folder of this user's alone");
        }
        return folder;
    }

    /**
     * Whether the socket's path, and the path it is first bound at (in a private folder beside it, {@code
     * .daemon-NNN/daemon.sock}, before it is moved into place), both fit.
     */
    private static boolean fits(Path socket) {
        Path bound = socket.resolveSibling(".daemon-" + "9".repeat(20)).resolve(DaemonClient.SOCKET);
        return bound.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length <= LONGEST;
    }

    private static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException unknown) {
            return Math.abs(System.getProperty("user.name", "user").hashCode());
        }
    }

    private static String hash(String library) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(library.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
