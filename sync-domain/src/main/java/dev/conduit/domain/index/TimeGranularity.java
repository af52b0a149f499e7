package dev.conduit.domain.index;

import java.util.Locale;

/**
 * How finely a file system keeps modification times: ext4 and XFS to the nanosecond, exFAT to the second (through
 * FUSE), FAT to two seconds. Linux's drivers truncate a time written finer than they keep.
 */
public enum TimeGranularity {
    NANOSECOND(1L, "1 ns"),
    MICROSECOND(1_000L, "1 µs"),
    MILLISECOND(1_000_000L, "1 ms"),
    SECOND(1_000_000_000L, "1 s"),
    TWO_SECONDS(2_000_000_000L, "2 s");

    private final long nanos;
    private final String label;

    TimeGranularity(long nanos, String label) {
        this.nanos = nanos;
        this.label = label;
    }

    public long nanos() {
        return nanos;
    }

    /** For people: {@code 1 ns}, {@code 1 µs}, {@code 1 ms}, {@code 1 s}, {@code 2 s}. */
    public String label() {
        return label;
    }

    /** The name as the library stores it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TimeGranularity ofKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }

    /** The coarser of the two. */
    public TimeGranularity coarser(TimeGranularity other) {
        return nanos >= other.nanos ? this : other;
    }

    /**
     * The finest granularity that explains what a file system made of a time written to it: the smallest unit to
     * which {@code written} and {@code readBack} truncate alike. A time kept as written is kept to the nanosecond; one
     * that no unit explains (a driver that rounds up) is taken for the coarsest, two seconds.
     */
    public static TimeGranularity keeping(long written, long readBack) {
        for (TimeGranularity granularity : values()) {
            if (granularity.same(written, readBack)) {
                return granularity;
            }
        }
        return TWO_SECONDS;
    }

    /** Whether two times are one as far as this granularity can tell: equal once truncated to it. */
    public boolean same(long aNanos, long bNanos) {
        return Math.floorDiv(aNanos, nanos) == Math.floorDiv(bNanos, nanos);
    }
}
