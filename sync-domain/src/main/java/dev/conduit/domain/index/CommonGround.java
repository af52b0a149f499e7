package dev.conduit.domain.index;

/**
 * What both sides of a conduit can hold, and so what a comparison of their metadata may look at: modification times
 * to the coarser of the two granularities (never finer than a millisecond), permission bits only when both keep them.
 * Without it, a file copied to exFAT (times to the second, no permission bits) would look changed at every sync.
 *
 * @param time        the granularity both sides keep times to
 * @param permissions whether both sides keep POSIX permission bits
 */
public record CommonGround(TimeGranularity time, boolean permissions) {

    /** Two POSIX file systems: times to the millisecond, permission bits compared (the rule before roots were probed). */
    public static final CommonGround FULL = new CommonGround(TimeGranularity.MILLISECOND, true);

    public CommonGround {
        if (time == null) {
            throw new IllegalArgumentException("a time granularity is required");
        }
    }

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
}
