package dev.conduit.domain.index;

/**
 * What both sides of a conduit can hold, and so what a comparison of their metadata may look at: modification times
 * to the coarser of the two granularities (never finer than a millisecond), permission bits only when both keep them.
 * Without it, a file copied to exFAT (times to the second, no permission bits) would look changed at every sync.
 *
 * <p>Owners and groups are compared only when they are kept ({@code owners}): when every side that receives may give
 * its entries away, as a sync running as root may (ADR 0040). Otherwise what is written belongs to the user who
 * writes it, as with {@code rsync -a} run by another user, and owners are no difference.
 *
 * @param time        the granularity both sides keep times to
 * @param permissions whether both sides keep POSIX permission bits
 * @param owners      whether owners and groups (numeric ids) are kept, and so compared
 */
public record CommonGround(TimeGranularity time, boolean permissions, boolean owners) {

    /**
     * Two POSIX file systems: times to the millisecond, permission bits compared, owners not (the rule before roots
     * were probed, and for a sync that does not run as root).
     */
    public static final CommonGround FULL = new CommonGround(TimeGranularity.MILLISECOND, true, false);

    /** The same as full, owners and groups compared besides: two POSIX file systems synced as root. */
    public static final CommonGround FULL_WITH_OWNERS = FULL.withOwners(true);

    public CommonGround {
        if (time == null) {
            throw new IllegalArgumentException("a time granularity is required");
        }
    }

    /** What both sides hold, owners not kept. */
    public CommonGround(TimeGranularity time, boolean permissions) {
        this(time, permissions, false);
    }

    /** The same ground, owners kept or not. */
    public CommonGround withOwners(boolean kept) {
        return new CommonGround(time, permissions, kept);
    }

    /**
     * What two file systems both hold, owners kept when {@code ownersKept} (the writer may give entries away) and both
     * keep permission bits (a file system without them, as exFAT, has one owner for everything, set when mounted).
     */
    public static CommonGround of(FileSystemTraits a, FileSystemTraits b, boolean ownersKept) {
        return of(a, b).withOwners(ownersKept && a.permissions() && b.permissions());
    }

    /** What two file systems both hold, owners not kept (see {@link #withOwners}). */
    public static CommonGround of(FileSystemTraits a, FileSystemTraits b) {
        return new CommonGround(
                TimeGranularity.MILLISECOND.coarser(a.mtime()).coarser(b.mtime()), a.permissions() && b.permissions());
    }

    /** Whether two modification times are the same as far as the coarser side can tell. */
    public boolean sameTime(long aNanos, long bNanos) {
        return time.same(aNanos, bNanos);
    }

    /** Whether two sets of permission bits are the same, or need not be because a side cannot keep them. */
    public boolean sameMode(int a, int b) {
        return !permissions || a == b;
    }

    /**
     * Whether two owners (user and group ids) are the same, or need not be: owners are not kept, or either side does
     * not know its owner (an index written before owners were recorded: its next scan learns them).
     */
    public boolean sameOwner(FileStat a, FileStat b) {
        return !owners || !a.ownerKnown() || !b.ownerKnown() || a.uid() == b.uid() && a.gid() == b.gid();
    }
}
