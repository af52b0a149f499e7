package dev.conduit.application.service;

import dev.conduit.application.port.out.JobLedger;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.sync.Direction;
import dev.conduit.domain.sync.JobRecord;

import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * Runs a copy or delete job with its record in the library: opened as running, its items written as they finish
 * (by {@link Outcomes}, at least once a second), and closed as completed, failed (some item failed) or paused.
 */
final class JobRuns {

    private final JobLedger ledger;
    private final Clock clock;

    JobRuns(JobLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    void run(Outcomes into, ConduitId conduit, long generation, String kind, Direction direction,
             BooleanSupplier stop, Runnable work) {
        long job = ledger.open(conduit, generation, kind, direction, clock.instant());
        long failedBefore = into.counts().errors();
        into.job(job);
        try {
            work.run();
        } finally {
            into.flush();
            JobRecord.State state = stop.getAsBoolean() ? JobRecord.State.PAUSED
                : into.counts().errors() > failedBefore ? JobRecord.State.FAILED : JobRecord.State.COMPLETED;
            ledger.close(job, state, clock.instant());
        }
    }
}
