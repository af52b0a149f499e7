package dev.conduit.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyncProgressTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static SyncProgress progress(long bytesDone, long bytesTotal, long speed) {
        return new SyncProgress("copying", 0, 1, bytesDone, bytesTotal, speed, "a", NOW);
    }

    @Test
    void timeLeftIsWhatRemainsAtTheCurrentSpeedRoundedUp() {
        assertThat(progress(0, 100, 10).etaSeconds()).contains(10L);
        assertThat(progress(95, 100, 10).etaSeconds()).contains(1L);
        assertThat(progress(100, 100, 10).etaSeconds()).contains(0L);
    }

    @Test
    void thereIsNoTimeLeftToTellWithoutSpeedOrBytesToGo() {
        assertThat(progress(0, 100, 0).etaSeconds()).isEmpty();
        assertThat(progress(0, 0, 10).etaSeconds()).isEmpty();
    }

    @Test
    void countsCannotBeNegative() {
        assertThatThrownBy(() -> progress(-1, 100, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> progress(0, 100, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
