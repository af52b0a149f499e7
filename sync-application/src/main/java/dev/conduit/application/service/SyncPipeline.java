package dev.conduit.application.service;

import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.LiveIndex;
import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.Scheduler;
import dev.conduit.application.port.out.SyncLibrary;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.SyncMode;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;

/**
 * A sync, the same for both modes and any kind of endpoint, step by step:
 *
 * <ol>
 *   <li>{@link Leftovers}: close what a killed sync left open;
 *   <li>{@link RootGuard}: guard the roots (ADR 0011);
 *   <li>{@link IndexRefresh}: bring both indexes up to date, each through its endpoint;
 *   <li>{@link ChangeJournal#resolve}: read only what changed since the last clean generation, when it can (ADR 0031);
 *   <li>{@link Mode#survey}: survey and count the plan, a value handed to every later step;
 *   <li>the delete limit: a plan beyond it is refused;
 *   <li>{@link GenerationRun}: execute the mode's phases, finish the folders, verify ({@link Verifier}), record
 *       ({@link GenerationRecord}).
 * </ol>
 *
 * The mode ({@link MirrorSync}, {@link BidirectionalSync}) supplies the rules; the pipeline the order. The plan is
 * never held whole: each phase is resolved as a stream over the indexes when it runs.
 */
final class SyncPipeline {

    private final Leftovers leftovers;
    private final RootGuard roots;
    private final IndexRefresh refresh;
    private final ChangeJournal journal;
    private final GenerationRun generation;
    private final MirrorSync mirror;
    private final BidirectionalSync bidirectional;
    private final SyncLibrary library;
    private final Scheduler scheduler;
    private final Clock clock;

    SyncPipeline(SyncLibrary library, Endpoints endpoints, Scheduler scheduler, Clock clock, ScansBegun begun) {
        this.library = library;
        this.scheduler = scheduler;
        this.clock = clock;
        this.leftovers = new Leftovers(library, endpoints);
        this.roots = new RootGuard(
                library.conduits(), library.locations(), library.indexes(), endpoint -> files(endpoints, endpoint));
        this.refresh = new IndexRefresh(endpoints, library.locations(), library.indexes(), scheduler, clock, begun);
        this.journal = new ChangeJournal(library.indexes(), library.history(), library.conflicts());
        this.generation = new GenerationRun(library, endpoints, journal, scheduler, clock);
        this.mirror = new MirrorSync();
        this.bidirectional = new BidirectionalSync(library.indexes(), library.baselines(), library.conflicts(), clock);
    }

    private static FileTree files(Endpoints endpoints, dev.conduit.domain.conduit.Endpoint endpoint) {
        return endpoints.at(endpoint).files();
    }

    /** A plan: the roots looked at, the indexes refreshed, the plan surveyed and streamed; nothing changes. */
    Either<Failure, PlanReport> plan(Conduit conduit, SyncConduit.PlanQuery query) {
        return roots.look(conduit)
                .flatMap(looked -> refresh.refresh(
                        looked,
                        IndexRefresh.Purpose.PLAN,
                        query.listener(),
                        query.recorded() ? endpoint -> true : LiveIndex.NONE))
                .map(refreshed -> plan(
                        mode(conduit),
                        journal.resolve(refreshed.indexes(), query.fullResolve())
                                .indexes(),
                        query));
    }

    private <S extends Survey> PlanReport plan(Mode<S> mode, Indexes indexes, SyncConduit.PlanQuery query) {
        return mode.plan(indexes, mode.survey(indexes), query.actions(), query.listener());
    }

    /** A sync, the conduit's lock held by the caller: every step in turn. */
    Either<Failure, SyncReport> sync(Conduit conduit, SyncConduit.Command command) {
        Instant started = clock.instant();
        leftovers.close(conduit, started);
        StopRequest stop = new StopRequest(
                library.conduits(), conduit.id(), command.options().interrupted(), scheduler);
        return roots.check(conduit, command.options().force())
                .flatMap(current -> refresh.refresh(
                        current,
                        IndexRefresh.Purpose.SYNC,
                        command.listener(),
                        command.options().live()))
                .flatMap(refreshed -> surveyed(
                        mode(refreshed.indexes().conduit()),
                        refreshed,
                        journal.resolve(refreshed.indexes(), command.options().fullResolve()),
                        command,
                        new GenerationRun.Start(started, stop, command.options().verifyAll())));
    }

    /** Surveys the plan and holds it to the delete limit before the generation runs it. */
    private <S extends Survey> Either<Failure, SyncReport> surveyed(
            Mode<S> mode,
            IndexRefresh.Refreshed refreshed,
            ChangeJournal.Resolution resolution,
            SyncConduit.Command command,
            GenerationRun.Start start) {
        Indexes indexes = resolution.indexes();
        S survey = mode.survey(indexes);
        Option<String> refusal =
                survey.count().report(indexes.conduit(), command.options()).refusal();
        if (refusal.isDefined()) {
            return Either.left(Failure.refused(refusal.get()));
        }
        return Either.right(generation.run(mode, survey, refreshed, resolution, start, command.listener()));
    }

    private Mode<?> mode(Conduit conduit) {
        return conduit.settings().mode() == SyncMode.BIDIRECTIONAL ? bidirectional : mirror;
    }
}
