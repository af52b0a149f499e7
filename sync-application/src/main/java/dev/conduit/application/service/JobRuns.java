package dev.conduit.application.service;

import dev.conduit.application.port.out.JobLedger;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.DeletePolicy;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.JobRecord;
import dev.conduit.domain.plan.Direction;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * The copy and delete jobs of a sync, with their records in the library: queued from the plan, started in their turn,
 * closed as completed, failed, paused or, never started, cancelled.
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
    static JobOrder order(
            Conduit conduit, Generation generation, Direction direction, BooleanSupplier stop, boolean owners) {
        Path source = Path.of(conduit.source().root());
        Path target = Path.of(conduit.target().root());
        boolean intoTarget = direction == Direction.SOURCE_TO_TARGET;
        JobOrder.TrashBin bin = new JobOrder.TrashBin(conduit.id(), generation.number(), direction.to());
        return new JobOrder(
                intoTarget ? source : target,
                intoTarget ? target : source,
                conduit.settings().parallel(),
                conduit.settings().bandwidth(),
                conduit.settings().delete() == DeletePolicy.TRASH ? Option.some(bin) : Option.none(),
                Option.some(bin),
                stop,
                owners);
    }

    /**
     * Queues the jobs a sync's plan needs, each a kind and a direction, in the order they will run. A job carrying on
     * an unfinished one of the generation this sync resumes says which.
     */
    Planned plan(ConduitId conduit, Generation generation, BooleanSupplier stop, Seq<Job> needed) {
        Seq<JobRecord> unfinished = generation
                .resumedFrom()
                .map(earlier -> ledger.jobs(conduit, earlier).filter(job -> !job.finished()))
                .getOrElse(List.empty());
        Planned planned = new Planned(conduit, generation.number(), stop, unfinished);
        needed.forEach(planned::queue);
        return planned;
    }

    /** The jobs of one sync: run in their turn; those whose turn never came are cancelled at the end. */
    final class Planned {
        private final ConduitId conduit;
        private final long generation;
        private final BooleanSupplier stop;
        private Seq<JobRecord> unfinished;
        private final java.util.List<Queued> queued = new java.util.ArrayList<>();

        private Planned(ConduitId conduit, long generation, BooleanSupplier stop, Seq<JobRecord> unfinished) {
            this.conduit = conduit;
            this.generation = generation;
            this.stop = stop;
            this.unfinished = unfinished;
        }

        private Queued queue(Job wanted) {
            Option<JobRecord> carried = unfinished.find(
                    job -> job.kind().equals(wanted.kind().stored()) && job.direction() == wanted.direction());
            carried.forEach(job -> unfinished = unfinished.remove(job));
            Queued job = new Queued(
                    ledger.queue(
                            conduit,
                            generation,
                            wanted.kind().stored(),
                            wanted.direction(),
                            carried.map(JobRecord::id),
                            clock.instant()),
                    wanted);
            queued.add(job);
            return job;
        }

        /**
         * Runs the next queued job of this kind and direction (one queued on the spot if the plan had none left): it
         * is started, its items are written as they finish (by {@link Outcomes}, at least once a second), and it is
         * closed as completed, failed (some item failed) or paused.
         */
        void run(Outcomes into, Job wanted, Runnable work) {
            Queued job = queued.stream()
                    .filter(one -> one.job.equals(wanted))
                    .findFirst()
                    .orElseGet(() -> queue(wanted));
            queued.remove(job);
            ledger.start(job.id, clock.instant());
            long failedBefore = into.counts().errors();
            into.job(job.id);
            try {
                work.run();
            } catch (RuntimeException broken) { // the library or a job broke down: recorded as failed
                try {
                    into.flush();
                    ledger.close(job.id, JobRecord.State.FAILED, clock.instant());
                } catch (RuntimeException alsoBroken) { // the next sync closes it as interrupted
                    broken.addSuppressed(alsoBroken);
                }
                throw broken;
            }
            into.flush();
            JobRecord.State state = stop.getAsBoolean()
                    ? JobRecord.State.PAUSED
                    : into.counts().errors() > failedBefore ? JobRecord.State.FAILED : JobRecord.State.COMPLETED;
            ledger.close(job.id, state, clock.instant());
        }

        /** The jobs whose turn never came (the sync was asked to stop, or found nothing for them): cancelled. */
        void cancelRest() {
            for (Queued job : queued) {
                ledger.close(job.id, JobRecord.State.CANCELLED, clock.instant());
            }
            queued.clear();
        }
    }

    /** A job a plan needs: what it does, and which way. */
    record Job(JobKind kind, Direction direction) {

        static Job copy(Direction direction) {
            return new Job(JobKind.COPY, direction);
        }

        static Job delete(Direction direction) {
            return new Job(JobKind.DELETE, direction);
        }
    }

    private record Queued(long id, Job job) {}
}
