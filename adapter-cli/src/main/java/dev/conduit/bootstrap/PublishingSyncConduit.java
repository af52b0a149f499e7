package dev.conduit.bootstrap;

import dev.conduit.adapter.cli.SyncEvents;
import dev.conduit.application.port.in.EntryError;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncPhase;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conflict.Conflict;
import dev.conduit.domain.generation.SyncProgress;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.control.Either;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Every sync a daemon runs, whoever asked for it: its events go to the daemon's event stream as well as to the caller,
 * and it stops at its next safe point when the daemon stops (SIGTERM), as if paused; the next sync carries it on.
 */
final class PublishingSyncConduit implements SyncConduit {

    private final SyncConduit delegate;
    private final Consumer<Map<String, Object>> events;
    private final BooleanSupplier stopping;

    PublishingSyncConduit(SyncConduit delegate, Consumer<Map<String, Object>> events, BooleanSupplier stopping) {
        this.delegate = delegate;
        this.events = events;
        this.stopping = stopping;
    }

    @Override
    public Either<Failure, PlanReport> plan(PlanQuery query) {
        return delegate.plan(query);
    }

    @Override
    public Either<Failure, Conduit> pause(String ref) {
        return delegate.pause(ref);
    }

    @Override
    public Either<Failure, SyncReport> sync(Command command) {
        String ref = command.ref();
        Options options = command.options().alsoInterruptedBy(stopping);
        events.accept(SyncEvents.started(ref));
        Either<Failure, SyncReport> result =
                delegate.sync(new Command(ref, options, new Both(command.listener(), SyncEvents.to(ref, events))));
        events.accept(
                result.fold(failure -> SyncEvents.failed(ref, failure), report -> SyncEvents.finished(ref, report)));
        return result;
    }

    /** Tells two listeners everything, the caller's first. */
    private record Both(SyncListener first, SyncListener second) implements SyncListener {

        @Override
        public void phase(SyncPhase phase, long files, long bytes) {
            first.phase(phase, files, bytes);
            second.phase(phase, files, bytes);
        }

        @Override
        public void progress(SyncProgress progress) {
            first.progress(progress);
            second.progress(progress);
        }

        @Override
        public void scanned(IndexReport report) {
            first.scanned(report);
            second.scanned(report);
        }

        @Override
        public void done(SyncAction action, long bytes) {
            first.done(action, bytes);
            second.done(action, bytes);
        }

        @Override
        public void error(EntryError error) {
            first.error(error);
            second.error(error);
        }

        @Override
        public void conflict(Conflict conflict) {
            first.conflict(conflict);
            second.conflict(conflict);
        }
    }
}
