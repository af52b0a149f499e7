package dev.conduit.adapter.jobs.sync;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.nio.charset.Charset;

/**
 * The few calls of the C library Java has no equivalent of (through JNA): a folder opened relative to another
 * ({@link RootedFolder}) and a whole file system flushed ({@link FileSystemSync}). Paths and names are passed as
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

    private CLibrary() {}

    int open(byte[] path, int flags) throws LastErrorException {
        return Calls.open(path, flags);
    }

    int openat(int folder, byte[] name, int flags) throws LastErrorException {
        return Calls.openat(folder, name, flags);
    }

    int syncfs(int descriptor) throws LastErrorException {
        return Calls.syncfs(descriptor);
    }

    int close(int descriptor) {
        return Calls.close(descriptor);
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
            Native.register("c");
        }

        private Calls() {}

        static native int open(byte[] path, int flags) throws LastErrorException;

        static native int openat(int folder, byte[] name, int flags) throws LastErrorException;

        static native int syncfs(int descriptor) throws LastErrorException;

        static native int close(int descriptor);
    }
}
