package dev.conduit.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.plan.Direction;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a generation and its jobs amount to once the process that ran them is known to be gone. */
class OrphanedTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final ConduitId CONDUIT = new ConduitId(1);

    private static Generation generation(Verification verification) {
        return new Generation(CONDUIT, 3, T0, Option.none(), GenerationCounts.ZERO, verification, Option.none());
    }

    private static JobRecord job(JobRecord.State state) {
        return new JobRecord(
                7,
                CONDUIT,
                3,
                "copy",
                Direction.SOURCE_TO_TARGET,
                state,
                4,
                0,
                40,
                T0,
                Option.some(T0),
                Option.none(),
                Option.none());
    }

    @Test
    void aGenerationStillPendingWasInterruptedOthersStayAsTheyEnded() {
        assertThat(generation(Verification.PENDING).orphaned().verification()).isEqualTo(Verification.INTERRUPTED);
        assertThat(generation(Verification.INTERRUPTED).verification().label()).isEqualTo("failed:interrupted");
        assertThat(generation(Verification.VERIFIED).orphaned().verification()).isEqualTo(Verification.VERIFIED);
        assertThat(generation(Verification.PAUSED).orphaned().verification()).isEqualTo(Verification.PAUSED);
    }

    @Test
    void aRunningJobFailedAQueuedOneIsCancelledFinishedOnesStay() {
        assertThat(job(JobRecord.State.RUNNING).orphaned().state()).isEqualTo(JobRecord.State.FAILED);
        assertThat(job(JobRecord.State.QUEUED).orphaned().state()).isEqualTo(JobRecord.State.CANCELLED);
        assertThat(job(JobRecord.State.RUNNING).orphaned().itemsDone())
                .as("what it did is kept")
                .isEqualTo(4);
        for (JobRecord.State ended : new JobRecord.State[] {
            JobRecord.State.COMPLETED, JobRecord.State.FAILED, JobRecord.State.PAUSED, JobRecord.State.CANCELLED
        }) {
            assertThat(job(ended).orphaned().state()).isEqualTo(ended);
        }
    }
}
