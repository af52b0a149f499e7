package dev.conduit.adapter.cli;

/** The exit codes of the command line contract. */
public final class ExitCodes {

    /** Success, in sync. */
    public static final int OK = 0;
    /** Failure: one clear line on stderr says what and where; nothing was lost. */
    public static final int FAILURE = 1;
    /** Bad arguments. */
    public static final int USAGE = 2;
    /** Finished, but conflicts are left pending for the user. */
    public static final int CONFLICTS_PENDING = 3;

    private ExitCodes() {}
}
