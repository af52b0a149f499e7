package dev.conduit.application.service;

import dev.conduit.application.port.in.SyncPhase;
import dev.conduit.domain.generation.Verification;

/**
 * The pipeline's verify step: a sync that did something surveys the indexes again, which the jobs kept up to date;
 * nothing may be left. A stopped sync is paused, not verified; one with nothing to do has nothing to verify.
 */
final class Verifier {

    <S extends Survey> Verification verify(Mode<S> mode, Run run, S survey) {
        if (run.stopped()) {
            return Verification.PAUSED;
        }
        if (survey.count().actions == 0) {
            return Verification.VERIFIED;
        }
        run.progress().phase(SyncPhase.VERIFYING);
        long left = mode.left(run.indexes(), survey);
        return left == 0
                ? Verification.VERIFIED
                : new Verification.Failed(left + (left == 1 ? " action" : " actions") + " left");
    }
}
