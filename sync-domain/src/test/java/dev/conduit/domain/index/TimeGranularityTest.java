package dev.conduit.domain.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeGranularityTest {

    private static final long ODD_SECOND = 1_600_000_001_000_000_000L;
    private static final long FINE = 1_600_000_003_987_654_321L;

    @Test
    void aTimeKeptAsWrittenIsKeptToTheNanosecond() {
        assertThat(TimeGranularity.keeping(FINE, FINE)).isEqualTo(TimeGranularity.NANOSECOND);
    }

    @Test
    void truncationToAUnitShowsThatUnit() {
        assertThat(TimeGranularity.keeping(FINE, 1_600_000_003_987_654_000L)).isEqualTo(TimeGranularity.MICROSECOND);
        assertThat(TimeGranularity.keeping(FINE, 1_600_000_003_987_000_000L)).isEqualTo(TimeGranularity.MILLISECOND);
        assertThat(TimeGranularity.keeping(FINE, 1_600_000_003_000_000_000L)).isEqualTo(TimeGranularity.SECOND);
        assertThat(TimeGranularity.keeping(ODD_SECOND, ODD_SECOND - 1_000_000_000L))
                .isEqualTo(TimeGranularity.TWO_SECONDS);
    }

    @Test
    void aTenMillisecondClockIsKeptToTheSecondAsFarAsTheLadderGoes() {
        assertThat(TimeGranularity.keeping(FINE, 1_600_000_003_980_000_000L)).isEqualTo(TimeGranularity.SECOND);
    }

    @Test
    void aDriverThatRoundsUpIsTakenForTheCoarsest() {
        assertThat(TimeGranularity.keeping(ODD_SECOND, ODD_SECOND + 1_000_000_000L))
                .isEqualTo(TimeGranularity.TWO_SECONDS);
    }

    @Test
    void timesAreTheSameWhenTheyTruncateAlike() {
        assertThat(TimeGranularity.TWO_SECONDS.same(ODD_SECOND, ODD_SECOND - 1_000_000_000L))
                .isTrue();
        assertThat(TimeGranularity.TWO_SECONDS.same(ODD_SECOND, ODD_SECOND + 1_000_000_000L))
                .isFalse();
        assertThat(TimeGranularity.SECOND.same(FINE, 1_600_000_003_000_000_000L))
                .isTrue();
        assertThat(TimeGranularity.MILLISECOND.same(FINE, 1_600_000_003_000_000_000L))
                .isFalse();
    }

    @Test
    void theCoarserOfTwoWins() {
        assertThat(TimeGranularity.NANOSECOND.coarser(TimeGranularity.TWO_SECONDS))
                .isEqualTo(TimeGranularity.TWO_SECONDS);
        assertThat(TimeGranularity.SECOND.coarser(TimeGranularity.MILLISECOND)).isEqualTo(TimeGranularity.SECOND);
    }

    @Test
    void storedKeysReadBack() {
        for (TimeGranularity granularity : TimeGranularity.values()) {
            assertThat(TimeGranularity.ofKey(granularity.key())).isEqualTo(granularity);
        }
    }
}
