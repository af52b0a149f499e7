package dev.conduit.adapter.jobs.sync;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.Charset;

/**
 * The few calls of the C library Java has no equivalent of (through JNA): a folder opened relative to another
 * ({@link RootedFolder}), a whole file system flushed ({@link FileSystemSync}), and a copy's temporary file made,
 * written and given its owner, bits and time through its descriptor ({@link TemporaryFile}): one call each, where the
 * JDK reopens the file by a path for every attribute. Paths and names are passed as
 * their bytes, NUL-ended ({@link #bytes}).
 *
 * <p>Bound by JNA's direct mapping (native methods registered once), not by an interface proxy: a copied file walks
 * its folders with a few {@code openat} and {@code close} calls, and the proxy's reflection, boxing and lookups cost
 * about a seventh of the Java time of a first sync of many small files (JFR, issue 19).
 */
final class CLibrary {

    /** The C library's calls. */
    static final CLibrary C = new CLibrary();

    /** How the JVM encodes file names, so that a name reaches the kernel as the bytes Java read. */
    static final Charset NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

    /** {@code O_CLOEXEC}: the same on every Linux architecture. */
    static final int O_CLOEXEC = 02000000;

    private static final boolean ARM = System.getProperty("os.arch", "").startsWith("aarch64")
            || System.getProperty("os.arch", "").startsWith("arm");
    /** {@code O_DIRECTORY}, which differs between x86 and ARM. */
    static final int O_DIRECTORY = ARM ? 040000 : 0200000;
    /** {@code O_NOFOLLOW}, which differs between x86 and ARM. */
    static final int O_NOFOLLOW = ARM ? 0100000 : 0400000;

    static final int ENOENT = 2;
    static final int EPERM = 1;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int ENOTDIR = 20;
    static final int ELOOP = 40;

    private CLibrary() {}

    int open(byte[] path, int flags) throws LastErrorException {
        return Calls.open(path, flags);
    }

    int openat(int folder, byte[] name, int flags) throws LastErrorException {
        return Calls.openat(folder, name, flags);
    }

    /** {@code openat} with the mode a created file gets ({@code O_CREAT}). */
    int openat(int folder, byte[] name, int flags, int mode) throws LastErrorException {
        return Calls.openat(folder, name, flags, mode);
    }

    int syncfs(int descriptor) throws LastErrorException {
        return Calls.syncfs(descriptor);
    }

    long pwrite(int descriptor, Pointer buffer, long count, long offset) throws LastErrorException {
        return Calls.pwrite(descriptor, buffer, count, offset);
    }

    int ftruncate(int descriptor, long length) throws LastErrorException {
        return Calls.ftruncate(descriptor, length);
    }

    int fsync(int descriptor) throws LastErrorException {
        return Calls.fsync(descriptor);
    }

    int fchown(int descriptor, int uid, int gid) throws LastErrorException {
        return Calls.fchown(descriptor, uid, gid);
    }

    int fchmod(int descriptor, int mode) throws LastErrorException {
        return Calls.fchmod(descriptor, mode);
    }

    /** {@code futimens}: {@code times} is two timespecs, access then modification, as four longs (LP64). */
    int futimens(int descriptor, long[] times) throws LastErrorException {
        return Calls.futimens(descriptor, times);
    }

    int close(int descriptor) {
        return Calls.close(descriptor);
    }

    /**
     * A failed call as the JDK would have reported it: the exception of its kind, or the system's own words (so that,
     * for one, a full disk reads "No space left on device" here as from any other write).
     */
    static java.io.IOException failure(java.nio.file.Path at, LastErrorException failure) {
        String where = at.toString();
        return switch (failure.getErrorCode()) {
            case ENOENT -> new java.nio.file.NoSuchFileException(where);
            case EEXIST -> new java.nio.file.FileAlreadyExistsException(where);
            case EACCES, EPERM -> new java.nio.file.AccessDeniedException(where);
            case ENOTDIR -> new java.nio.file.NotDirectoryException(where);
            default -> new java.nio.file.FileSystemException(where, null, words(failure));
        };
    }

    /** JNA's message without the number it starts with ("[28] No space left on device"). */
    private static String words(LastErrorException failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        return message.startsWith("[") && message.indexOf("] ") > 0
                ? message.substring(message.indexOf("] ") + 2)
                : message;
    }

    /** A name or path as the C library takes it: its bytes in the file-name encoding, then a NUL. */
    static byte[] bytes(String name) {
        byte[] encoded = name.getBytes(NAMES);
        byte[] terminated = new byte[encoded.length + 1];
        System.arraycopy(encoded, 0, terminated, 0, encoded.length);
        return terminated;
    }

    /** The native functions themselves, named as in the C library, bound when first called. */
    private static final class Calls {

        static {
            // unset, JNA's first load runs `ldconfig -p` to list the library folders (a process, 30-40 ms at every
            // start); the C library is found by the dynamic linker without them
            System.getProperties().putIfAbsent("jna.platform.library.path", "");
            Native.register("c");
        }

        private Calls() {}

        static native int open(byte[] path, int flags) throws LastErrorException;

        static native int openat(int folder, byte[] name, int flags) throws LastErrorException;

        static native int openat(int folder, byte[] name, int flags, int mode) throws LastErrorException;

        static native int syncfs(int descriptor) throws LastErrorException;

        static native long pwrite(int descriptor, Pointer buffer, long count, long offset) throws LastErrorException;

        static native int ftruncate(int descriptor, long length) throws LastErrorException;

        static native int fsync(int descriptor) throws LastErrorException;

        static native int fchown(int descriptor, int uid, int gid) throws LastErrorException;

        static native int fchmod(int descriptor, int mode) throws LastErrorException;

        static native int futimens(int descriptor, long[] times) throws LastErrorException;

        static native int close(int descriptor);
    }
}
