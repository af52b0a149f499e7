package dev.conduit.domain.path;

import io.vavr.control.Either;

/**
 * A path relative to an indexed root, '/'-separated and spelled exactly as the file system spells it.
 *
 * <p>There is no Unicode normalisation: on Linux the NFC and NFD spellings of a name are two different files.
 * The root itself is {@link #ROOT}, the empty path. Ordering is tree order (segment by segment), so a directory
 * sorts just before its own children and {@code "a/b"} before {@code "a-b"}.
 *
 * <p>A value class rather than a record so that an instance is validated once, where it comes from outside
 * ({@link #parse}); {@link #child} checks only the new name and {@link #parent} nothing, since a valid path's parent
 * is valid. Paths are made for every entry of every scan.
 */
public final class RelativePath implements Comparable<RelativePath> {

    public static final RelativePath ROOT = new RelativePath("");

    private final String value;

    private RelativePath(String value) {
        this.value = value;
    }

    /** The path as text, '/'-separated; empty for the root. */
    public String value() {
        return value;
    }

    /** The only door for untrusted input. The empty string is the root. */
    public static Either<PathError, RelativePath> parse(String raw) {
        if (raw == null) {
            return Either.left(PathError.EMPTY_SEGMENT);
        }
        if (raw.isEmpty()) {
            return Either.right(ROOT);
        }
        PathError problem = problemWith(raw);
        return problem == null ? Either.right(new RelativePath(raw)) : Either.left(problem);
    }

    /** Whether {@code name} can be one segment of a path. */
    public static boolean isValidName(String name) {
        return name != null && !name.isEmpty() && name.indexOf('/') < 0 && problemWith(name) == null;
    }

    public boolean isRoot() {
        return value.isEmpty();
    }

    /** This path with one more segment. */
    public RelativePath child(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid name '" + name + "'");
        }
        return new RelativePath(isRoot() ? name : value + "/" + name);
    }

    /** The parent directory; the parent of a top-level entry is {@link #ROOT}. The root has no parent. */
    public RelativePath parent() {
        if (isRoot()) {
            throw new IllegalStateException("the root has no parent");
        }
        int slash = value.lastIndexOf('/');
        return slash < 0 ? ROOT : new RelativePath(value.substring(0, slash));
    }

    /** The last segment; empty for the root. */
    public String name() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    public int depth() {
        if (isRoot()) {
            return 0;
        }
        int depth = 1;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '/') {
                depth++;
            }
        }
        return depth;
    }

    /** This path followed by {@code below}: the same entry seen from an ancestor of the root it is relative to. */
    public RelativePath resolve(RelativePath below) {
        if (below.isRoot()) {
            return this;
        }
        return isRoot() ? below : new RelativePath(value + "/" + below.value);
    }

    /** This path as seen from {@code ancestor}, which must be the path itself or lie above it. */
    public RelativePath relativeTo(RelativePath ancestor) {
        if (ancestor.isRoot()) {
            return this;
        }
        if (equals(ancestor)) {
            return ROOT;
        }
        if (!ancestor.isAncestorOf(this)) {
            throw new IllegalArgumentException(value + " is not below " + ancestor.value);
        }
        return new RelativePath(value.substring(ancestor.value.length() + 1));
    }

    /** True when {@code other} lies strictly below this path. Every non-root path lies below the root. */
    public boolean isAncestorOf(RelativePath other) {
        if (isRoot()) {
            return !other.isRoot();
        }
        return other.value.length() > value.length()
                && other.value.startsWith(value)
                && other.value.charAt(value.length()) == '/';
    }

    @Override
    public int compareTo(RelativePath other) {
        return compareTreeOrder(value, other.value);
    }

    /** Lexicographic order in which '/' sorts before every other character. */
    public static int compareTreeOrder(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x == '/') {
                    return -1;
                }
                if (y == '/') {
                    return 1;
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /**
     * Directory order: by parent path, then by name, both in code-point order. This is the order in which the index
     * hands out a tree (one directory's entries together, every directory before its children), so two indexes
     * read this way can be joined on their paths in one pass.
     */
    public static int compareDirectoryOrder(RelativePath a, RelativePath b) {
        String x = a.value;
        String y = b.value;
        int xSlash = x.lastIndexOf('/');
        int ySlash = y.lastIndexOf('/');
        int byParent = compareCodePoints(x, 0, Math.max(xSlash, 0), y, 0, Math.max(ySlash, 0));
        return byParent != 0 ? byParent : compareCodePoints(x, xSlash + 1, x.length(), y, ySlash + 1, y.length());
    }

    /**
     * {@link #compareCodePoints Code-point order} of this path's parent and {@code directory}: where an entry read in
     * {@link #compareDirectoryOrder directory order} stands against a directory, without making its parent.
     */
    public int compareParentWith(RelativePath directory) {
        int slash = Math.max(value.lastIndexOf('/'), 0);
        return compareCodePoints(value, 0, slash, directory.value, 0, directory.value.length());
    }

    /** Code-point order: the order of the UTF-8 bytes, which is how SQLite and most tools sort names. */
    public static int compareCodePoints(String a, String b) {
        return compareCodePoints(a, 0, a.length(), b, 0, b.length());
    }

    /** {@link #compareCodePoints(String, String)} of {@code a}'s chars from {@code aFrom} to {@code aTo} and {@code b}'s. */
    private static int compareCodePoints(String a, int aFrom, int aTo, String b, int bFrom, int bTo) {
        int n = Math.min(aTo - aFrom, bTo - bFrom);
        for (int i = 0; i < n; i++) {
            char x = a.charAt(aFrom + i);
            char y = b.charAt(bFrom + i);
            if (x != y) {
                boolean xSurrogate = Character.isSurrogate(x);
                boolean ySurrogate = Character.isSurrogate(y);
                if (xSurrogate != ySurrogate) {
                    return xSurrogate ? 1 : -1; // a surrogate pair encodes a code point above U+FFFF
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(aTo - aFrom, bTo - bFrom);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RelativePath path && path.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }

    private static PathError problemWith(String raw) {
        if (raw.charAt(0) == '/') {
            return PathError.ABSOLUTE;
        }
        int start = 0;
        while (true) {
            int slash = raw.indexOf('/', start);
            int end = slash < 0 ? raw.length() : slash;
            if (end == start) {
                return PathError.EMPTY_SEGMENT;
            }
            if (end - start == 1 && raw.charAt(start) == '.'
                    || end - start == 2 && raw.charAt(start) == '.' && raw.charAt(start + 1) == '.') {
                return PathError.DOT_SEGMENT;
            }
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        return raw.indexOf('\0') >= 0 ? PathError.NUL_CHARACTER : null;
    }
}
