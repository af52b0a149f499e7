package dev.conduit.application.port.out;

import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.generation.JobRecord;
import dev.conduit.domain.plan.Direction;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * The jobs of each sync and their items, in the library: what was planned, what ran, what it did, and how it ended.
 * A job goes queued → running → completed | failed | paused, or queued → cancelled.
 */
public interface JobLedger {

    /**
     * Records a job a sync's plan needs, to run in its turn.
     *
     * @param resumes the earlier job whose unfinished work it carries on, if any
     * @return its id
     */
    long queue(ConduitId conduit, long generation, String kind, Direction direction, Option<Long> resumes, Instant at);

    /** The job's turn has come: it is running. */
    void start(long job, Instant at);

    /** Records finished items of a job, in one transaction. */
    void items(long job, Seq<JobRecord.Item> items);

    void close(long job, JobRecord.State state, Instant at);

    /**
     * Closes what a killed sync of the conduit left open: running jobs become failed, queued ones cancelled. Called
     * with the conduit's lock held, so their process is gone.
     *
     * @return how many jobs there were
     */
    int closeInterrupted(ConduitId conduit, Instant at);

    /** The jobs of one generation, in the order they were planned. */
    Seq<JobRecord> jobs(ConduitId conduit, long generation);
}
