package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.JobLedger;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.generation.JobRecord;
import dev.conduit.domain.plan.Direction;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Locale;
import org.apache.ibatis.session.SqlSession;

final class MyBatisJobLedger implements JobLedger {

    private final Library library;

    @Inject
    MyBatisJobLedger(Library library) {
        this.library = library;
    }

    @Override
    public long queue(
            ConduitId conduit, long generation, String kind, Direction direction, Option<Long> resumes, Instant at) {
        return library.write(session -> {
            JobMapper jobs = mapper(session);
            jobs.queue(conduit.value(), generation, kind, direction.label(), resumes.getOrNull(), at.toEpochMilli());
            return jobs.lastId(); // the same connection, inside the same transaction
        });
    }

    @Override
    public void start(long job, Instant at) {
        library.write(session -> {
            if (mapper(session).start(job, at.toEpochMilli()) != 1) {
                throw new IllegalStateException("job " + job + " is not queued");
            }
            return null;
        });
    }

    @Override
    public void items(long job, Seq<JobRecord.Item> items) {
        if (items.isEmpty()) {
            return;
        }
        library.write(session -> {
            long last = mapper(session).lastItem(job); // items are numbered on from the job's last one
            try (BulkStatement<io.vavr.Tuple2<JobRecord.Item, Integer>> insert =
                    BulkStatement.prepare(session, JobMapper.ITEM, (statement, numbered) -> {
                        JobRecord.Item item = numbered._1();
                        statement.setLong(1, job);
                        statement.setLong(2, last + 1 + numbered._2());
                        statement.setString(3, item.op());
                        statement.setString(4, item.path());
                        statement.setLong(5, item.bytes());
                        statement.setString(6, item.failure().isDefined() ? "failed" : "done");
                        statement.setString(7, item.failure().getOrNull());
                    })) {
                items.zipWithIndex().forEach(insert::run);
            }
            return null;
        });
    }

    @Override
    public void close(long job, JobRecord.State state, Instant at) {
        library.write(session -> {
            mapper(session).close(job, state.label(), at.toEpochMilli());
            return null;
        });
    }

    @Override
    public int closeInterrupted(ConduitId conduit, Instant at) {
        return library.write(session -> mapper(session).closeInterrupted(conduit.value(), at.toEpochMilli()));
    }

    @Override
    public Seq<JobRecord> jobs(ConduitId conduit, long generation) {
        return library.read(session -> List.ofAll(mapper(session).jobs(conduit.value(), generation))
                .map(row -> new JobRecord(
                        row.id(),
                        new ConduitId(row.conduitId()),
                        row.generation(),
                        row.kind(),
                        row.direction().equals(Direction.SOURCE_TO_TARGET.label())
                                ? Direction.SOURCE_TO_TARGET
                                : Direction.TARGET_TO_SOURCE,
                        JobRecord.State.valueOf(row.state().toUpperCase(Locale.ROOT)),
                        row.itemsDone(),
                        row.itemsFailed(),
                        row.bytes(),
                        Instant.ofEpochMilli(row.createdAt()),
                        Option.of(row.startedAt()).map(Instant::ofEpochMilli),
                        Option.of(row.endedAt()).map(Instant::ofEpochMilli),
                        Option.of(row.resumes()))));
    }

    private static JobMapper mapper(SqlSession session) {
        return session.getMapper(JobMapper.class);
    }
}
