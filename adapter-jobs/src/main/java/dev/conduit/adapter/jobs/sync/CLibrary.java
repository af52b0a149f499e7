package dev.conduit.adapter.jobs.sync;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.charset.Charset;

/**
 * The few calls of the C library Java has no equivalent of (through JNA): a folder opened relative to another
 * ({@link RootedFolder}) and a whole file system flushed ({@link FileSystemSync}). Paths and names are passed as
 * their bytes, NUL-ended ({@link #bytes}).
 */
interface CLibrary extends Library {

    CLibrary C = Native.load("c", CLibrary.class);

    /** How the JVM encodes file names, so that a name reaches the kernel as the bytes Java read. */
    Charset NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

    /** {@code O_CLOEXEC}: the same on every Linux architecture. */
    int O_CLOEXEC = 02000000;

    int open(byte[] path, int flags) throws LastErrorException;

    int openat(int folder, byte[] name, int flags) throws LastErrorException;

    int syncfs(int descriptor) throws LastErrorException;

    int close(int descriptor);

    /** A name or path as the C library takes it: its bytes in the file-name encoding, then a NUL. */
    static byte[] bytes(String name) {
        byte[] encoded = name.getBytes(NAMES);
        byte[] terminated = new byte[encoded.length + 1];
        System.arraycopy(encoded, 0, terminated, 0, encoded.length);
        return terminated;
    }
}
