package dev.conduit.application.service;

import dev.conduit.application.port.in.SyncReport;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.GenerationCounts;
import dev.conduit.domain.generation.Verification;
import io.vavr.collection.Seq;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The pipeline's last step: the progress stops (no snapshot after the generation is closed), the mode records what it
 * keeps beside the generation, and the generation is closed with its counts, its verification, its last error and
 * (bidirectional) the baseline's changes, in one transaction.
 */
final class GenerationRecord {

    private final SyncHistory history;
    private final Clock clock;

    GenerationRecord(SyncHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    <S extends Survey> SyncReport record(Mode<S> mode, Run run, S survey, Verification verification) {
        run.progress().close();
        Instant completed = clock.instant();
        mode.recordConflicts(run, survey, completed);
        GenerationCounts done = run.counts();
        GenerationCounts counts = new GenerationCounts(
                done.filesCopied(),
                done.filesDeleted(),
                mode.conflicts(survey),
                done.bytesTransferred(),
                done.errors());
        Seq<String> problems = run.problems();
        Generation generation = run.generation();
        mode.closeWith(
                run,
                survey,
                changes -> history.finish(
                        run.conduit().id(),
                        generation.number(),
                        completed,
                        counts,
                        verification,
                        problems.lastOption(),
                        changes));
        return new SyncReport(
                run.conduit(),
                generation.finished(completed, counts, verification),
                problems,
                Duration.between(run.started(), completed),
                mode.pendingConflicts(run.conduit().id()),
                run.stopped());
    }
}
