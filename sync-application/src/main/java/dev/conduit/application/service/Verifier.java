package dev.conduit.application.service;

import dev.conduit.application.port.in.SyncPhase;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.domain.generation.Verification;

/**
 * The pipeline's verify step: a sync that did something surveys the indexes again, which the jobs kept up to date;
 * nothing may be left. A stopped sync is paused, not verified; one with nothing to do has nothing to verify. After an
 * incremental resolve only what changed since the last clean generation is surveyed again (the jobs' writes with it),
 * and what the jobs wrote is read back from disk ({@link DiskCheck}), unless the whole is asked for (ADR 0031).
 */
final class Verifier {

    private final ChangeJournal journal;
    private final DiskCheck disk;

    Verifier(ChangeJournal journal, DiskCheck disk) {
        this.journal = journal;
        this.disk = disk;
    }

    /** A verification, and the journal positions it saw: where the next sync looks for changes. */
    record Verified(Verification verification, SyncHistory.Positions at) {}

    <S extends Survey> Verified verify(
            Mode<S> mode, Run run, S survey, ChangeJournal.Resolution resolution, boolean whole) {
        if (run.stopped()) {
            return new Verified(Verification.PAUSED, resolution.at());
        }
        if (survey.count().actions == 0) {
            return new Verified(Verification.VERIFIED, resolution.at()); // the plan was the verification
        }
        run.progress().phase(SyncPhase.VERIFYING);
        SyncHistory.Positions at = journal.positions(run.indexes()); // read first: a later change is seen again
        Indexes verifying = journal.verifying(resolution, whole);
        long left = mode.left(verifying, survey);
        if (left > 0) {
            return new Verified(new Verification.Failed(left + (left == 1 ? " action" : " actions") + " left"), at);
        }
        long differ = resolution.since().isDefined() ? disk.differences(verifying, mode.receiving(), resolution) : 0;
        return new Verified(
                differ == 0
                        ? Verification.VERIFIED
                        : new Verification.Failed(
                                differ + (differ == 1 ? " entry differs" : " entries differ") + " on disk"),
                at);
    }
}
