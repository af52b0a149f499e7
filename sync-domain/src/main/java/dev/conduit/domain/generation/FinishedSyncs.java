package dev.conduit.domain.generation;

import io.vavr.control.Option;

/**
 * The syncs that came to an end in some span of time (completed, verified or not, failed, or killed; not one still
 * running or paused as asked), and what they moved.
 *
 * @param syncs           syncs that came to an end
 * @param verified        of those, the ones whose generation was verified
 * @param filesSynced     files copied and deleted
 * @param conflicts       conflicts met
 * @param errors          entries that failed
 * @param averageDuration from start to end, over the syncs that have both (a killed one has no end)
 */
public record FinishedSyncs(
        long syncs,
        long verified,
        long filesSynced,
        long bytesTransferred,
        long conflicts,
        long errors,
        java.time.Duration averageDuration) {

    public static final FinishedSyncs NONE = new FinishedSyncs(0, 0, 0, 0, 0, 0, java.time.Duration.ZERO);

    public FinishedSyncs {
        if (syncs < 0
                || verified < 0
                || verified > syncs
                || filesSynced < 0
                || bytesTransferred < 0
                || conflicts < 0
                || errors < 0
                || averageDuration == null
                || averageDuration.isNegative()) {
            throw new IllegalArgumentException("counts of finished syncs are positive, the verified ones among them");
        }
    }

    /** Verified syncs among those that came to an end, in percent (the design asks for 99.9 % or more); none. */
    public Option<Double> successRate() {
        return syncs == 0 ? Option.none() : Option.some(100.0 * verified / syncs);
    }
}
