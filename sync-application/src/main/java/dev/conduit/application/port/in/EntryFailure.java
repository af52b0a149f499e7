package dev.conduit.application.port.in;

/**
 * Why one entry could not be read, written, moved or removed: what the copy and delete jobs, the scans and the ports
 * of the file system report, by kind, so that a full disk or a stale entry is recognised by its type and not by its
 * words. Each case renders the few words people read (without the path: {@link EntryError} says where and on which
 * side) as {@link #reason()}: the case's own {@link #words()} inside its {@link #context()}, what was being done
 * ({@code "cannot write: "}) and what follows from it ({@code " (rename it to sync it)"}).
 */
public sealed interface EntryFailure {

    String NO_SPACE = "no space left on the device";
    String STALE = "changed since it was indexed; left as it is (the next sync sees the change)";
    String SOURCE_CHANGED = "the source changed while it was copied; not copied (the next sync takes the new version)";

    /** What was being done, and what follows from the failure: the words around the case's own. */
    Context context();

    /** What went wrong, in the case's own words. */
    String words();

    /** The same failure in another context. */
    EntryFailure with(Context context);

    /** The line people read after the path: the context around the words. */
    default String reason() {
        return context().before() + words() + context().after();
    }

    /** The same failure, met while doing {@code doing} ({@code "cannot write: "}): it goes first. */
    default EntryFailure in(String doing) {
        return with(new Context(doing + context().before(), context().after()));
    }

    /** The same failure, with what follows from it ({@code " (its indexed contents are kept)"}) at the end. */
    default EntryFailure then(String after) {
        return with(new Context(context().before(), context().after() + after));
    }

    /** The words around a case's own: what was being done, and what follows. */
    record Context(String before, String after) {
        public static final Context NONE = new Context("", "");
    }

    /** The file system is full (ENOSPC), or the user's quota is used up (EDQUOT): a copy job takes no more work
     * once it hears it. */
    record NoSpace(Context context) implements EntryFailure {
        @Override
        public String words() {
            return NO_SPACE;
        }

        @Override
        public EntryFailure with(Context context) {
            return new NoSpace(context);
        }

        @Override
        public String toString() {
            return reason();
        }
    }

    /** The system refused access to the entry or to a folder on its way. */
    record PermissionDenied(Context context) implements EntryFailure {
        @Override
        public String words() {
            return "permission denied";
        }

        @Override
        public EntryFailure with(Context context) {
            return new PermissionDenied(context);
        }

        @Override
        public String toString() {
            return reason();
        }
    }

    /** The entry (or a folder on its way) was gone when it was reached. */
    record Vanished(Context context) implements EntryFailure {
        @Override
        public String words() {
            return "it disappeared";
        }

        @Override
        public EntryFailure with(Context context) {
            return new Vanished(context);
        }

        @Override
        public String toString() {
            return reason();
        }
    }

    /**
     * An entry that is no longer what the index (or the plan) said: left as it is, and the next sync sees the change.
     * The receiving side's, just before it would be overwritten or removed (the stale-index guard, ADR 0018); or the
     * sending side's, while it was copied or read.
     */
    record Stale(Context context, Change change) implements EntryFailure {

        /** What changed, and when it was found. */
        public enum Change {
            /** The receiving side's entry, since it was indexed. */
            SINCE_INDEXED,
            /** The sending side's file, while it was copied: nothing half-copied is put in place. */
            WHILE_COPIED,
            /** A file, while it was read for its hash. */
            WHILE_READ,
            /** The sending side's extended attributes, since they were indexed. */
            XATTRS_SINCE_INDEXED
        }

        @Override
        public String words() {
            return switch (change) {
                case SINCE_INDEXED -> STALE;
                case WHILE_COPIED -> SOURCE_CHANGED;
                case WHILE_READ -> "it changed while it was being read (it is read again on the next scan)";
                case XATTRS_SINCE_INDEXED ->
                    "its extended attributes changed on the sending side since it was"
                            + " indexed; left as it is (the next sync takes them)";
            };
        }

        @Override
        public EntryFailure with(Context context) {
            return new Stale(context, change);
        }

        @Override
        public String toString() {
            return reason();
        }
    }

    /** A name, a link target or a text file whose bytes are not UTF-8: refused rather than stored mangled. */
    record NotUtf8(Context context, Of of) implements EntryFailure {

        /** What is not UTF-8. */
        public enum Of {
            NAME,
            LINK_TARGET,
            TEXT
        }

        @Override
        public String words() {
            return switch (of) {
                case NAME -> "name is not valid UTF-8";
                case LINK_TARGET -> "its target is not valid UTF-8";
                case TEXT -> "not UTF-8 text";
            };
        }

        @Override
        public EntryFailure with(Context context) {
            return new NotUtf8(context, of);
        }

        @Override
        public String toString() {
            return reason();
        }
    }

    /** The receiving side's file system cannot hold the entry as the sending side has it (a link where there are
     * none, a name that differs only in case), in the domain's words. */
    record NotAllowed(Context context, String why) implements EntryFailure {
        @Override
        public String words() {
            return why;
        }

        @Override
        public EntryFailure with(Context context) {
            return new NotAllowed(context, why);
        }

        @Override
        public String toString() {
            return reason();
        }
    }

    /** Something else is where the entry should go ({@code what}: "something", "a named pipe (FIFO)"). */
    record InTheWay(Context context, String what) implements EntryFailure {
        @Override
        public String words() {
            return what + " is in the way";
        }

        @Override
        public EntryFailure with(Context context) {
            return new InTheWay(context, what);
        }

        @Override
        public String toString() {
            return reason();
        }
    }

    /** An entry that is not synced by design: a FIFO, a socket or a device ({@code what}); a warning, not an error. */
    record Skipped(Context context, String what) implements EntryFailure {
        @Override
        public String words() {
            return "skipped: " + what;
        }

        @Override
        public EntryFailure with(Context context) {
            return new Skipped(context, what);
        }

        @Override
        public String toString() {
            return reason();
        }
    }

    /** Any other failure of the system, in its own words ({@code detail}: the OS's reason, lower-cased, where it
     * gave one). */
    record IoError(Context context, String detail) implements EntryFailure {
        @Override
        public String words() {
            return detail;
        }

        @Override
        public EntryFailure with(Context context) {
            return new IoError(context, detail);
        }

        @Override
        public String toString() {
            return reason();
        }
    }

    /** The job would not do it, and says why (a trash record that does not fit, a folder that cannot be renamed
     * here). */
    record Refused(Context context, String why) implements EntryFailure {
        @Override
        public String words() {
            return why;
        }

        @Override
        public EntryFailure with(Context context) {
            return new Refused(context, why);
        }

        @Override
        public String toString() {
            return reason();
        }
    }

    static EntryFailure noSpace() {
        return new NoSpace(Context.NONE);
    }

    static EntryFailure permissionDenied() {
        return new PermissionDenied(Context.NONE);
    }

    static EntryFailure vanished() {
        return new Vanished(Context.NONE);
    }

    /** The receiving side's entry changed since it was indexed. */
    static EntryFailure stale() {
        return new Stale(Context.NONE, Stale.Change.SINCE_INDEXED);
    }

    /** The sending side's file changed while it was copied. */
    static EntryFailure sourceChanged() {
        return new Stale(Context.NONE, Stale.Change.WHILE_COPIED);
    }

    static EntryFailure changedWhileRead() {
        return new Stale(Context.NONE, Stale.Change.WHILE_READ);
    }

    static EntryFailure xattrsChanged() {
        return new Stale(Context.NONE, Stale.Change.XATTRS_SINCE_INDEXED);
    }

    static EntryFailure notUtf8(NotUtf8.Of of) {
        return new NotUtf8(Context.NONE, of);
    }

    static EntryFailure notAllowed(String why) {
        return new NotAllowed(Context.NONE, why);
    }

    static EntryFailure inTheWay(String what) {
        return new InTheWay(Context.NONE, what);
    }

    static EntryFailure skipped(String what) {
        return new Skipped(Context.NONE, what);
    }

    static EntryFailure ioError(String detail) {
        return new IoError(Context.NONE, detail);
    }

    static EntryFailure refused(String why) {
        return new Refused(Context.NONE, why);
    }
}
