package dev.conduit.adapter.jobs.remote;

import dev.conduit.domain.index.ContentHash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** A file's bytes on the wire: in chunks, each with its own SHA-256, checked before any of it is written. */
final class Chunks {

    /** Bytes per chunk: what a resumed transfer may have to send again, at most. */
    static final int SIZE = 256 << 10;

    private Chunks() {}

    static byte[] sha256(byte[] data, int offset, int length) {
        MessageDigest digest = digest();
        digest.update(data, offset, length);
        return digest.digest();
    }

    static boolean matches(byte[] expected, byte[] data, int offset, int length) {
        return Arrays.equals(expected, sha256(data, offset, length));
    }

    static String hex(byte[] bytes) {
        return ContentHash.of(bytes).hex();
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance(ContentHash.ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
