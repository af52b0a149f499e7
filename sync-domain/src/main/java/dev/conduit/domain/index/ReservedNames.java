package dev.conduit.domain.index;

/** Names that belong to Conduit itself inside a synced root. They are never indexed, copied or deleted. */
public final class ReservedNames {

    /** Prefix of the temporary files a copy writes before its atomic rename. */
    public static final String TEMP_PREFIX = ".conduit-tmp-";
    /** The trash at a root, used when the library is on another file system. */
    public static final String TRASH_DIRECTORY = ".conduit-trash";
    /** Per-directory ignore rules in gitignore syntax. */
    public static final String IGNORE_FILE = ".conduitignore";

    private ReservedNames() {
    }

    public static boolean isReserved(String name) {
        return name.startsWith(TEMP_PREFIX) || name.equals(TRASH_DIRECTORY);
    }
}
