package dev.conduit.domain.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration QUIET = Duration.ofSeconds(2);

    private static Schedule.Due due(Option<Instant> last, Option<Instant> changed) {
        return new Schedule.Due(last, changed, QUIET, NOW);
    }

    @Test
    void manualIsNeverDueWhateverHappened() {
        Schedule.Due due = due(Option.some(NOW.minus(Duration.ofDays(30))), Option.some(NOW.minusSeconds(60)));
        assertThat(Schedule.MANUAL.nextRun(due)).isEmpty();
        assertThat(Schedule.MANUAL.isDue(due)).isFalse();
    }

    @Test
    void anIntervalNeverRunIsDueNow() {
        Schedule every = new Schedule.Interval(Duration.ofMinutes(15));
        assertThat(every.nextRun(due(Option.none(), Option.none()))).contains(NOW);
        assertThat(every.isDue(due(Option.none(), Option.none()))).isTrue();
    }

    @Test
    void anIntervalIsDueWhenTheLastSyncIsThatOld() {
        Schedule every = new Schedule.Interval(Duration.ofMinutes(15));
        Instant last = NOW.minus(Duration.ofMinutes(10));
        assertThat(every.nextRun(due(Option.some(last), Option.none()))).contains(last.plus(Duration.ofMinutes(15)));
        assertThat(every.isDue(due(Option.some(last), Option.none()))).isFalse();
        Instant exactlyOld = NOW.minus(Duration.ofMinutes(15));
        assertThat(every.isDue(due(Option.some(exactlyOld), Option.none()))).isTrue();
    }

    @Test
    void missedIntervalsAfterASleepAreOneRunNow() {
        Schedule every = new Schedule.Interval(Duration.ofMinutes(1));
        Instant lastBeforeSleep = NOW.minus(Duration.ofHours(8));
        assertThat(every.nextRun(due(Option.some(lastBeforeSleep), Option.none())))
                .contains(NOW);
        // once it ran, the next is an interval after that run, not the next of the missed ones
        assertThat(every.nextRun(due(Option.some(NOW), Option.none()))).contains(NOW.plus(Duration.ofMinutes(1)));
    }

    @Test
    void anIntervalIgnoresChanges() {
        Schedule every = new Schedule.Interval(Duration.ofHours(1));
        Instant last = NOW.minus(Duration.ofMinutes(1));
        assertThat(every.isDue(due(Option.some(last), Option.some(NOW.minusSeconds(30)))))
                .isFalse();
    }

    @Test
    void instantWaitsForAChangeThenTheQuietPeriod() {
        Option<Instant> synced = Option.some(NOW.minusSeconds(3600));
        assertThat(Schedule.INSTANT.nextRun(due(synced, Option.none()))).isEmpty();
        Instant changed = NOW.minusSeconds(1);
        assertThat(Schedule.INSTANT.nextRun(due(synced, Option.some(changed)))).contains(changed.plus(QUIET));
        assertThat(Schedule.INSTANT.isDue(due(synced, Option.some(changed)))).isFalse();
        assertThat(Schedule.INSTANT.isDue(due(synced, Option.some(NOW.minus(QUIET)))))
                .isTrue();
        assertThat(Schedule.INSTANT.nextRun(due(synced, Option.some(NOW.minusSeconds(600)))))
                .contains(NOW);
    }

    @Test
    void anInstantConduitNeverSyncedIsDueNow() {
        assertThat(Schedule.INSTANT.nextRun(due(Option.none(), Option.none()))).contains(NOW);
    }

    @Test
    void withoutAServiceNoChangeIsKnownAndTheQuietPeriodIsTheDefault() {
        Schedule.Due due = Schedule.Due.at(Option.some(NOW.minusSeconds(10)), NOW);
        assertThat(due.changedAt()).isEmpty();
        assertThat(due.quietPeriod()).isEqualTo(Schedule.DEFAULT_QUIET_PERIOD);
        assertThat(Schedule.INSTANT.nextRun(due)).isEmpty();
    }
}
