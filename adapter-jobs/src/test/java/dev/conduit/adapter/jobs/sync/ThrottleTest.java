package dev.conduit.adapter.jobs.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.conduit.BandwidthLimit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The token bucket behind {@code --bwlimit}, on a clock of its own: no test here waits. */
class ThrottleTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MIB = 1 << 20;

    private long now = 5 * SECOND;
    private final List<Long> slept = new ArrayList<>();

    private Throttle throttle(String limit) {
        return new Throttle(BandwidthLimit.parse(limit).get(), () -> now, nanos -> {
            slept.add(nanos);
            now += nanos;
        });
    }

    @Test
    void aNewJobGetsNoBurstItsBytesTakeTheirTimeAtTheLimit() throws Exception {
        Throttle throttle = throttle("4M");

        throttle.acquire(MIB);
        throttle.acquire(MIB);

        assertThat(slept).containsExactly(SECOND / 4, SECOND / 4);
    }

    @Test
    void idleTimeEarnsABurstOfAQuarterSecondAtMost() throws Exception {
        Throttle throttle = throttle("4M");
        now += 10 * SECOND; // idle for long: the bucket holds a quarter second

        throttle.acquire(MIB);
        throttle.acquire(MIB);

        assertThat(slept).containsExactly(SECOND / 4);
    }

    @Test
    void workersShareTheLimitTheLaterWaitsForTheEarlier() throws Exception {
        Throttle throttle = new Throttle(BandwidthLimit.parse("1M").get(), () -> now, slept::add);

        throttle.acquire(MIB); // two workers at the same moment:
        throttle.acquire(MIB); // the second waits for both

        assertThat(slept).containsExactly(SECOND, 2 * SECOND);
    }

    @Test
    void overTimeTheRateIsTheLimit() throws Exception {
        Throttle throttle = throttle("10M");
        long started = now;

        for (int i = 0; i < 100; i++) {
            throttle.acquire(MIB);
        }

        assertThat(now - started).isEqualTo(10 * SECOND);
    }

    @Test
    void anUnlimitedJobNeverWaits() throws Exception {
        Throttle throttle = throttle("0");

        throttle.acquire(100 * MIB);

        assertThat(slept).isEmpty();
    }
}
