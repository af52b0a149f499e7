package dev.conduit.application.service;

import dev.conduit.application.port.out.JobLedger;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.DeletePolicy;
import dev.conduit.domain.sync.Generation;
import io.vavr.control.Option;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.sync.Direction;
import dev.conduit.domain.sync.JobRecord;

import java.nio.file.Path;
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

    /**
     * What a job of one direction works on: the roots that way round, the conduit's workers and bandwidth, the trash
     * of the receiving side (none when the conduit deletes for good, but a conflict's loser always goes to the trash
     * first), and the stop request.
     */
    static JobOrder order(Conduit conduit, Generation generation, Direction direction, BooleanSupplier stop) {
        Path source = Path.of(conduit.source().root());
        Path target = Path.of(conduit.target().root());
        boolean intoTarget = direction == Direction.SOURCE_TO_TARGET;
        JobOrder.TrashBin bin = new JobOrder.TrashBin(conduit.id(), generation.number(), direction.to());
        return new JobOrder(intoTarget ? source : target, intoTarget ? target : source,
            conduit.settings().parallel(), conduit.settings().bandwidth(),
            conduit.settings().delete() == DeletePolicy.TRASH ? Option.some(bin) : Option.none(),
            Option.some(bin), stop);
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
