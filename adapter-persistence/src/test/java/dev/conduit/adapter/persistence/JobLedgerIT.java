package dev.conduit.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitName;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.generation.JobRecord;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.plan.Direction;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs of syncs and their items, against a real SQLite file. */
class JobLedgerIT {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    java.nio.file.Path folder;

    private MyBatisJobLedger jobs;
    private Conduit conduit;

    @BeforeEach
    void library() {
        Library library = new Library(new LibraryFolder(folder.resolve("lib")));
        jobs = new MyBatisJobLedger(library);
        conduit = new MyBatisConduitRepository(library)
                .add(
                        new ConduitName("docs"),
                        new Endpoint("/data/docs", new RootIdentity("1", "1:1")),
                        new Endpoint("/usb/docs", new RootIdentity("2", "2:1")),
                        ConduitSettings.DEFAULTS,
                        T0)
                .get();
    }

    private static JobRecord.Item done(String path, long bytes) {
        return new JobRecord.Item("copy", path, bytes, Option.none());
    }

    /** A job queued and started at once. */
    private long open(long generation, String kind, Direction direction, java.time.Instant at) {
        long job = jobs.queue(conduit.id(), generation, kind, direction, Option.none(), at);
        jobs.start(job, at);
        return job;
    }

    @Test
    void aJobsItemsAreRecordedInBatchesAndAddUpWhenItCloses() {
        long copy = open(1, "copy", Direction.SOURCE_TO_TARGET, T0);
        jobs.items(copy, List.of(done("a", 10), done("b", 20)));
        jobs.items(copy, List.of(new JobRecord.Item("copy", "c", 0, Option.some("permission denied"))));
        jobs.close(copy, JobRecord.State.FAILED, T0.plusSeconds(3));
        long delete = open(1, "delete", Direction.TARGET_TO_SOURCE, T0.plusSeconds(3));
        jobs.close(delete, JobRecord.State.COMPLETED, T0.plusSeconds(4));

        assertThat(jobs.jobs(conduit.id(), 1))
                .satisfiesExactly(
                        first -> {
                            assertThat(first.kind()).isEqualTo("copy");
                            assertThat(first.state()).isEqualTo(JobRecord.State.FAILED);
                            assertThat(first.itemsDone()).isEqualTo(2);
                            assertThat(first.itemsFailed()).isEqualTo(1);
                            assertThat(first.bytes()).isEqualTo(30);
                            assertThat(first.endedAt()).contains(T0.plusSeconds(3));
                        },
                        second -> {
                            assertThat(second.direction()).isEqualTo(Direction.TARGET_TO_SOURCE);
                            assertThat(second.state()).isEqualTo(JobRecord.State.COMPLETED);
                        });
        assertThat(jobs.jobs(conduit.id(), 2)).isEmpty();
    }

    @Test
    void manyItemsAreWrittenSeveralHundredAStatement() {
        long copy = open(3, "copy", Direction.SOURCE_TO_TARGET, T0);
        jobs.items(copy, List.range(0, 950).map(i -> done("f" + i, 1)));
        jobs.items(copy, List.range(0, 5).map(i -> done("g" + i, 1)));

        JobRecord recorded = jobs.jobs(conduit.id(), 3).head();
        assertThat(recorded.itemsDone()).isEqualTo(955);
        assertThat(recorded.bytes()).isEqualTo(955);
    }

    @Test
    void aJobIsQueuedFromThePlanThenStartedInItsTurn() {
        long copy = jobs.queue(conduit.id(), 1, "copy", Direction.SOURCE_TO_TARGET, Option.none(), T0);
        long delete = jobs.queue(conduit.id(), 1, "delete", Direction.SOURCE_TO_TARGET, Option.none(), T0);
        assertThat(jobs.jobs(conduit.id(), 1).map(JobRecord::state))
                .containsExactly(JobRecord.State.QUEUED, JobRecord.State.QUEUED);

        jobs.start(copy, T0.plusSeconds(1));
        jobs.close(copy, JobRecord.State.PAUSED, T0.plusSeconds(2));
        jobs.close(delete, JobRecord.State.CANCELLED, T0.plusSeconds(2));

        assertThat(jobs.jobs(conduit.id(), 1))
                .satisfiesExactly(
                        first -> {
                            assertThat(first.state()).isEqualTo(JobRecord.State.PAUSED);
                            assertThat(first.startedAt()).contains(T0.plusSeconds(1));
                        },
                        second -> {
                            assertThat(second.state()).isEqualTo(JobRecord.State.CANCELLED);
                            assertThat(second.startedAt()).as("never started").isEmpty();
                        });
        assertThatThrownBy(() -> jobs.start(copy, T0.plusSeconds(3)))
                .as("a job starts once")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void whatAKilledProcessLeftOpenIsClosedByTheNextSyncWhichCarriesItOn() {
        long killed = open(1, "copy", Direction.SOURCE_TO_TARGET, T0);
        long neverRan = jobs.queue(conduit.id(), 1, "delete", Direction.SOURCE_TO_TARGET, Option.none(), T0);
        jobs.items(killed, List.of(done("a", 5)));

        assertThat(jobs.closeInterrupted(conduit.id(), T0.plusSeconds(60))).isEqualTo(2);

        assertThat(jobs.jobs(conduit.id(), 1))
                .satisfiesExactly(
                        closed -> {
                            assertThat(closed.state()).isEqualTo(JobRecord.State.FAILED);
                            assertThat(closed.itemsDone())
                                    .as("what it had done is kept")
                                    .isEqualTo(1);
                            assertThat(closed.endedAt()).contains(T0.plusSeconds(60));
                        },
                        queued -> assertThat(queued.state()).isEqualTo(JobRecord.State.CANCELLED));
        assertThat(jobs.closeInterrupted(conduit.id(), T0.plusSeconds(61))).isZero();

        long carrying = jobs.queue(
                conduit.id(), 2, "copy", Direction.SOURCE_TO_TARGET, Option.some(killed), T0.plusSeconds(61));
        assertThat(jobs.jobs(conduit.id(), 2).head().resumes()).contains(killed);
        assertThat(jobs.jobs(conduit.id(), 1).map(JobRecord::resumes)).containsOnly(Option.none());
        assertThat(carrying).isNotEqualTo(neverRan);
    }
}
