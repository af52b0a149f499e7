package dev.conduit.domain.index;

import io.vavr.control.Option;

/**
 * Names that belong to Conduit itself inside a synced root: its temporary files, exactly
 * {@code .conduit-tmp-<pid>-<n>} (the id of the process that writes it and a counter, both decimal), and its
 * {@code .conduit-trash} folder. They are never indexed, copied or deleted by a sync. A user's name that merely
 * starts like them ({@code .conduit-tmp-notes.txt}) is a name like any other.
 */
public final class ReservedNames {

    /** Prefix of the temporary files a copy writes before its atomic rename. */
    public static final String TEMP_PREFIX = ".conduit-tmp-";
    /** The trash at a root, used when the library is on another file system. */
    public static final String TRASH_DIRECTORY = ".conduit-trash";
    /** Per-directory ignore rules in gitignore syntax. */
    public static final String IGNORE_FILE = ".conduitignore";

    /** More digits than a process id or a counter ever has (and than a {@code long} always holds): not ours. */
    private static final int MAX_DIGITS = 18;

    private ReservedNames() {}

    public static boolean isReserved(String name) {
        return isTemporary(name) || name.equals(TRASH_DIRECTORY);
    }

    /** The name of the {@code n}th temporary file written by process {@code pid}. */
    public static String temporary(long pid, long n) {
        return TEMP_PREFIX + pid + "-" + n;
    }

    /** Whether the name is one that {@link #temporary} makes. */
    public static boolean isTemporary(String name) {
        return temporaryWriter(name).isDefined();
    }

    /** The id of the process that wrote a temporary file of ours with that name; none for any other name. */
    public static Option<Long> temporaryWriter(String name) {
        if (!name.startsWith(TEMP_PREFIX)) {
            return Option.none();
        }
        int pidStart = TEMP_PREFIX.length();
        int dash = name.indexOf('-', pidStart);
        if (dash < 0 || !isNumber(name, pidStart, dash) || !isNumber(name, dash + 1, name.length())) {
            return Option.none();
        }
        return Option.some(Long.parseLong(name, pidStart, dash, 10));
    }

    /** Decimal digits only, at least one and not too many for a {@code long}. */
    private static boolean isNumber(String text, int from, int to) {
        if (to <= from || to - from > MAX_DIGITS) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
