package dev.conduit.application.fakes;

import dev.conduit.application.port.out.JobLedger;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.generation.JobRecord;
import dev.conduit.domain.plan.Direction;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The job ledger in memory: jobs numbered from {@link #firstId}, earlier generations' jobs as the test gives them, and
 * each queue, start and close in the shared journal (items are kept by job, not journalled).
 */
public final class InMemoryJobLedger implements JobLedger {

    private final java.util.List<String> journal;
    private final Map<Long, Seq<JobRecord>> earlier = new HashMap<>();
    private long next;

    /** The items each job recorded. */
    public final Map<Long, java.util.List<JobRecord.Item>> items = new HashMap<>();

    public InMemoryJobLedger(java.util.List<String> journal, long firstId) {
        this.journal = journal;
        this.next = firstId;
    }

    public InMemoryJobLedger earlier(long generation, JobRecord... jobs) {
        earlier.put(generation, List.of(jobs));
        return this;
    }

    @Override
    public synchronized long queue(
            ConduitId conduit, long generation, String kind, Direction direction, Option<Long> resumes, Instant at) {
        long id = next++;
        journal.add("queue " + id + " " + kind + " " + direction
                + resumes.map(job -> " resuming " + job).getOrElse(""));
        return id;
    }

    @Override
    public synchronized void start(long job, Instant at) {
        journal.add("start " + job);
    }

    @Override
    public synchronized void items(long job, Seq<JobRecord.Item> done) {
        items.computeIfAbsent(job, id -> new java.util.ArrayList<>()).addAll(done.asJava());
    }

    @Override
    public synchronized void close(long job, JobRecord.State state, Instant at) {
        journal.add("close " + job + " " + state);
    }

    @Override
    public synchronized int closeInterrupted(ConduitId conduit, Instant at) {
        return 0;
    }

    @Override
    public synchronized Seq<JobRecord> jobs(ConduitId conduit, long generation) {
        return earlier.getOrDefault(generation, List.empty());
    }
}
