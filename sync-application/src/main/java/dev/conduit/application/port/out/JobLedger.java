package dev.conduit.application.port.out;

import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.sync.Direction;
import dev.conduit.domain.sync.JobRecord;
import io.vavr.collection.Seq;

import java.time.Instant;

/** The jobs of each sync and their items, in the library: what ran, what it did, and how it ended. */
public interface JobLedger {

    /** Records a job as running; returns its id. */
    long open(ConduitId conduit, long generation, String kind, Direction direction, Instant at);

    /** Records finished items of a job, in one transaction. */
    void items(long job, Seq<JobRecord.Item> items);

    void close(long job, JobRecord.State state, Instant at);

    /**
     * Marks the conduit's jobs still recorded as running as failed: called with the conduit's lock held, so their
     * process was killed.
     *
     * @return how many there were
     */
    int closeInterrupted(ConduitId conduit, Instant at);

    /** The jobs of one generation, in the order they ran. */
    Seq<JobRecord> jobs(ConduitId conduit, long generation);
}
