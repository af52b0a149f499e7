package dev.conduit.domain.index;

import dev.conduit.domain.parse.Invalid;
import io.vavr.control.Either;

/** The identity of a file's whole content: a 256-bit cryptographic digest, as lowercase hex. */
public record ContentHash(String hex) {

    /** The digest every hash in an index is made with; a library records it, and one made otherwise is refused. */
    public static final String ALGORITHM = "SHA-256";

    public static final int HEX_LENGTH = 64;

    public ContentHash {
        if (!isWellFormed(hex)) {
            throw new IllegalArgumentException("not a 256-bit hex digest: " + hex);
        }
    }

    public static Either<Invalid, ContentHash> parse(String hex) {
        return isWellFormed(hex)
                ? Either.right(new ContentHash(hex))
                : Either.left(new Invalid("content hash", hex, "not a 256-bit hex digest: " + hex));
    }

    public static ContentHash of(byte[] digest) {
        if (digest.length * 2 != HEX_LENGTH) {
            throw new IllegalArgumentException("digest must be 32 bytes, was " + digest.length);
        }
        char[] out = new char[HEX_LENGTH];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = Character.forDigit((digest[i] >> 4) & 0xF, 16);
            out[2 * i + 1] = Character.forDigit(digest[i] & 0xF, 16);
        }
        return new ContentHash(new String(out));
    }

    static boolean isWellFormed(String hex) {
        if (hex == null || hex.length() != HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return hex;
    }
}
