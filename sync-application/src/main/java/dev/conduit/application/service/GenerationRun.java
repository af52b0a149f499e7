package dev.conduit.application.service;

import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.application.port.out.SyncLibrary;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.Verification;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import java.time.Clock;
import java.time.Instant;

/**
 * One generation of an accepted plan, the same for every mode: begun in the history with its progress published,
 * then the pipeline's last steps in order — execute the phases (the jobs queued first), finish the folders, verify,
 * record.
 */
final class GenerationRun {

    private final SyncLibrary library;
    private final Endpoints endpoints;
    private final JobRuns jobs;
    private final Verifier verifier = new Verifier();
    private final GenerationRecord record;
    private final Scheduler scheduler;
    private final Clock clock;

    GenerationRun(SyncLibrary library, Endpoints endpoints, Scheduler scheduler, Clock clock) {
        this.library = library;
        this.endpoints = endpoints;
        this.jobs = new JobRuns(library.jobs(), clock);
        this.record = new GenerationRecord(library.history(), clock);
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** When the sync started, and whether it is asked to stop. */
    record Start(Instant started, StopRequest stop) {}

    <S extends Survey> SyncReport run(
            Mode<S> mode, S survey, IndexRefresh.Refreshed refreshed, Start start, SyncListener listener) {
        Indexes indexes = refreshed.indexes();
        mode.announce(survey, listener);
        Generation generation = library.history().begin(indexes.conduit().id(), start.started());
        Progress progress = new Progress(
                library.history(), listener, clock, scheduler, indexes.conduit(), generation, survey.count());
        try {
            Run run = new Run(
                    indexes,
                    generation,
                    start.started(),
                    start.stop(),
                    progress,
                    outcomes(mode, indexes, progress, listener),
                    endpoints,
                    listener);
            refreshed.problems().forEach(run.into(Side.TARGET)::error);
            mode.opened(run, survey);
            execute(mode, run, survey);
            mode.finishFolders(run, survey);
            Verification verification = verifier.verify(mode, run, survey);
            return record.record(mode, run, survey, verification);
        } finally {
            progress.close();
        }
    }

    /** The jobs the plan needs are queued, then run phase by phase; those whose turn never came are cancelled. */
    private <S extends Survey> void execute(Mode<S> mode, Run run, S survey) {
        if (survey.count().actions == 0) {
            return;
        }
        JobRuns.Planned planned = jobs.plan(run.conduit().id(), run.generation(), run.stop(), mode.jobs(survey));
        mode.execute(run, planned, survey);
        planned.cancelRest();
    }

    /** What the jobs report, for each side they write into, counted by the progress. */
    private Map<Side, Outcomes> outcomes(Mode<?> mode, Indexes indexes, Progress progress, SyncListener listener) {
        return LinkedHashMap.ofEntries(mode.receiving()
                .map(receiving -> io.vavr.Tuple.of(
                        receiving,
                        progress.track(new Outcomes(
                                receiving,
                                indexes.of(receiving.other()),
                                indexes.of(receiving),
                                library.trash(),
                                library.jobs(),
                                listener,
                                progress::tick,
                                scheduler)))));
    }
}
