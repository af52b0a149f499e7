package dev.conduit.adapter.jobs.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.conduit.BandwidthLimit;
import org.junit.jupiter.api.Test;

/** Which copies of a process share a bucket: those at the same limit, and only those. */
class SharedBandwidthTest {

    private final SharedBandwidth shared = new SharedBandwidth();

    private static BandwidthLimit limit(String raw) {
        return BandwidthLimit.parse(raw).get();
    }

    @Test
    void copiesAtTheSameLimitShareOneBucket() {
        assertThat(shared.throttle(limit("1M"))).isSameAs(shared.throttle(limit("1024K")));
    }

    @Test
    void copiesAtOtherLimitsKeepTheirOwn() {
        assertThat(shared.throttle(limit("1M"))).isNotSameAs(shared.throttle(limit("2M")));
    }

    @Test
    void anotherProcessSharesNothing() {
        assertThat(shared.throttle(limit("1M"))).isNotSameAs(new SharedBandwidth().throttle(limit("1M")));
    }

    @Test
    void unlimitedCopiesNeverWait() throws Exception {
        long started = System.nanoTime();
        shared.throttle(BandwidthLimit.UNLIMITED).acquire(1L << 40);
        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
    }
}
