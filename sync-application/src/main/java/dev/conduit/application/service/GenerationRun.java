package dev.conduit.application.service;

import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.application.port.out.SyncHistory;
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
    private final Verifier verifier;
    private final GenerationRecord record;
    private final TombstonePruning pruning;
    private final Scheduler scheduler;
    private final Clock clock;

    GenerationRun(SyncLibrary library, Endpoints endpoints, ChangeJournal journal, Scheduler scheduler, Clock clock) {
        this.library = library;
        this.endpoints = endpoints;
        this.jobs = new JobRuns(library.jobs(), clock);
        this.verifier = new Verifier(journal, new DiskCheck(library.indexes(), endpoints));
        this.record = new GenerationRecord(library.history(), clock);
        this.pruning =
                new TombstonePruning(library.conduits(), library.locations(), library.history(), library.indexes());
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * When the sync started, whether it is asked to stop, and whether its verification reads everything.
     */
    record Start(Instant started, StopRequest stop, boolean verifyAll) {}

    /**
     * @param refreshed  the scans' problems
     * @param resolution what the plan was resolved over: its indexes are those the phases read
     */
    <S extends Survey> SyncReport run(
            Mode<S> mode,
            S survey,
            IndexRefresh.Refreshed refreshed,
            ChangeJournal.Resolution resolution,
            Start start,
            SyncListener listener) {
        Indexes indexes = resolution.indexes();
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
            mode.finishFolders(run, survey); // recorded as the jobs' results are, before a peer is asked after them
            Runnable settled = survey.count().actions > 0
                    ? run.jobsRecorded(mode.receiving()) // every job ended and its results are flushed (JobRuns.run)
                    : () -> {};
            Verifier.Verified verified; // a peer's answer is taken after it: both questions in one round trip
            try {
                verified = verifier.verify(mode, run, survey, resolution, start.verifyAll());
            } finally {
                settled.run();
            }
            library.history()
                    .checkpoint(
                            indexes.conduit().id(),
                            generation.number(),
                            new SyncHistory.Checkpoint(resolution.at(), verified.at(), resolution.settings()));
            SyncReport report = record.record(mode, run, survey, verified.verification());
            if (verified.verification().equals(Verification.VERIFIED)) {
                pruning.prune(indexes);
            }
            return report;
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
