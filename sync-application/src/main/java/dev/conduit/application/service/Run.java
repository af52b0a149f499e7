package dev.conduit.application.service;

import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.GenerationCounts;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.Direction;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One generation under way, as the steps after the survey see it: the fresh indexes, the generation, the stop request,
 * the progress, the outcomes of each receiving side, and the endpoints the jobs write into.
 */
record Run(
        Indexes indexes,
        Generation generation,
        Instant started,
        StopRequest stop,
        Progress progress,
        Map<Side, Outcomes> outcomes,
        Endpoints endpoints,
        SyncListener listener) {

    Conduit conduit() {
        return indexes.conduit();
    }

    boolean stopped() {
        return stop.getAsBoolean();
    }

    /** What the jobs report about the side they write into. */
    Outcomes into(Side receiving) {
        return outcomes.get(receiving).get();
    }

    /** What a job of this direction works on. */
    JobOrder order(Direction direction) {
        return JobRuns.order(
                conduit(), generation, direction, stop, indexes.ground().owners());
    }

    CopyJob copies(Direction direction) {
        return endpoints.copies(endpoint(direction.from()), endpoint(direction.to()));
    }

    DeleteJob deletes(Direction direction) {
        return endpoints.at(endpoint(direction.to())).deletes();
    }

    /** What a side's root is now (one lstat through its endpoint), if it can be looked at and is a folder. */
    Option<FileStat> root(Side side) {
        Endpoint endpoint = endpoint(side);
        return endpoints
                .at(endpoint)
                .files()
                .examine(Path.of(endpoint.root()), RelativePath.ROOT)
                .fold(
                        found -> Option.some(found.stat()).filter(FileStat::isDirectory),
                        unsupported -> Option.none(),
                        unreadable -> Option.none());
    }

    /**
     * What a side's root is now, when that can be known without a round trip of its own
     * ({@code FileTree.examineRootAtHand}): none when it would have to be asked; some of none when it is not a folder
     * or cannot be looked at.
     */
    Option<Option<FileStat>> rootAtHand(Side side) {
        Endpoint endpoint = endpoint(side);
        return endpoints
                .at(endpoint)
                .files()
                .examineRootAtHand(Path.of(endpoint.root()))
                .map(listed -> listed.fold(
                        found -> Option.some(found.stat()).filter(FileStat::isDirectory),
                        unsupported -> Option.<FileStat>none(),
                        unreadable -> Option.<FileStat>none()));
    }

    /** The jobs are done and their results recorded: each remote side's copy may skip the peer's record of them. */
    Runnable jobsRecorded(io.vavr.collection.Seq<Side> receiving) {
        Seq<Runnable> answers = receiving
                .map(this::endpoint)
                .filter(Endpoint::isRemote)
                .map(endpoint -> endpoints.at(endpoint).jobsRecorded(endpoint.root()))
                .toList();
        return () -> answers.forEach(Runnable::run);
    }

    private Endpoint endpoint(Side side) {
        return side == Side.SOURCE ? conduit().source() : conduit().target();
    }

    /** The counts of every side's jobs together (the conflicts are the mode's to add). */
    GenerationCounts counts() {
        return outcomes.values().map(Outcomes::counts).foldLeft(GenerationCounts.ZERO, GenerationCounts::plus);
    }

    /** The problems met, the target's first. */
    Seq<String> problems() {
        return List.of(Side.TARGET, Side.SOURCE)
                .flatMap(side -> outcomes.get(side).map(Outcomes::problems).getOrElse(List.empty()));
    }
}
