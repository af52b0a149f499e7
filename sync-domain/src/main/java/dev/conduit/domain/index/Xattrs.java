package dev.conduit.domain.index;

import io.vavr.collection.Map;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The extended attributes of a file or directory in the {@code user.} namespace, as a fingerprint: two sets of
 * attributes have the same fingerprint exactly when they have the same names with the same values. An index keeps
 * the fingerprint, not the values; a sync reads the values from the sending side when they must travel.
 *
 * <p>Where an entry's attributes are not known (a file system without them, a symbolic link, or one that could not
 * be read), there is no {@code Xattrs} at all: such an entry is never compared on them.
 *
 * @param fingerprint empty for no attributes (most files), else a SHA-256 of the names and values in lowercase hex
 */
public record Xattrs(String fingerprint) {

    /** No attribute at all. */
    public static final Xattrs NONE = new Xattrs("");

    public Xattrs {
        if (fingerprint == null || !fingerprint.isEmpty() && !ContentHash.isWellFormed(fingerprint)) {
            throw new IllegalArgumentException("not a fingerprint of extended attributes: " + fingerprint);
        }
    }

    /**
     * The fingerprint of the attributes, by their names without the {@code user.} prefix: each name (its UTF-16
     * code units) and value, both preceded by their length, in the order of the names.
     */
    public static Xattrs of(Map<String, byte[]> attributes) {
        if (attributes.isEmpty()) {
            return NONE;
        }
        MessageDigest digest = sha256();
        for (var attribute : attributes.toSortedMap(String::compareTo, t -> t._1, t -> t._2)) {
            String name = attribute._1;
            update(digest, name.length());
            for (int i = 0; i < name.length(); i++) {
                digest.update((byte) (name.charAt(i) >>> 8));
                digest.update((byte) name.charAt(i));
            }
            update(digest, attribute._2.length);
            digest.update(attribute._2);
        }
        return new Xattrs(ContentHash.of(digest.digest()).hex());
    }

    private static void update(MessageDigest digest, int length) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            digest.update((byte) (length >>> shift));
        }
    }

    public boolean isEmpty() {
        return fingerprint.isEmpty();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance(ContentHash.ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return isEmpty() ? "none" : fingerprint;
    }
}
