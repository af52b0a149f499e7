package dev.conduit.bootstrap;

import dev.conduit.adapter.cli.LiveRuntime;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.domain.conduit.Conduit;
import io.vavr.control.Either;

/**
 * The syncs that a daemon's commands and API ask for: through its running service when there is one (resolved from
 * the live index, never beside a sync the service runs of the same conduit), else straight to the use case.
 */
final class LiveSyncConduit implements SyncConduit {

    private final SyncConduit direct;
    private final LiveRuntime live;

    LiveSyncConduit(SyncConduit direct, LiveRuntime live) {
        this.direct = direct;
        this.live = live;
    }

    @Override
    public Either<Failure, SyncReport> sync(Command command) {
        return live.running().map(service -> service.sync(command)).orElseGet(() -> direct.sync(command));
    }

    @Override
    public Either<Failure, PlanReport> plan(PlanQuery query) {
        return direct.plan(query);
    }

    @Override
    public Either<Failure, Conduit> pause(String ref) {
        return direct.pause(ref);
    }
}
