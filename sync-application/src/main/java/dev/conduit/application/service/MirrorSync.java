package dev.conduit.application.service;

import dev.conduit.application.port.in.EntryError;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncPhase;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.index.CommonGround;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.limits.Limits;
import dev.conduit.domain.limits.Refusals;
import dev.conduit.domain.mirror.MirrorResolver;
import dev.conduit.domain.mirror.MirrorRules;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.rename.Renames;
import io.vavr.collection.Iterator;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.function.Consumer;

/**
 * The mirror mode of the {@link SyncPipeline}: its survey counts the plan and pairs its renames; its phases run the
 * copy job, the delete job, and the copies into folders a delete made room for; then the folders' times are finished
 * and the plan resolved again to verify. The plan is streamed: each phase is resolved from fresh cursors over the two
 * indexes when it runs, never held whole.
 */
final class MirrorSync implements Mode<MirrorSync.Prepared> {

    private static final Direction WAY = Direction.SOURCE_TO_TARGET;

    /** The plan's totals, its renames, and what both file systems allow. */
    record Prepared(PlanCount count, Renames renames, Limits limits) implements Survey {}

    @Override
    public Prepared survey(Indexes indexes) {
        return prepare(indexes);
    }

    /**
     * The plan, streamed to {@code actions} phase by phase, and its totals; first the entries the target refuses,
     * to {@code listener} as the errors they will be.
     */
    @Override
    public PlanReport plan(Indexes indexes, Prepared prepared, Consumer<SyncAction> actions, SyncListener listener) {
        Renames renames = prepared.renames();
        Limits limits = prepared.limits();
        limits.refused()
                .all()
                .forEach(refusal -> listener.error(new EntryError(
                        refusal.direction().to(), refusal.path().value(), EntryFailure.notAllowed(refusal.reason()))));
        run(
                indexes,
                (s, t) -> MirrorResolver.transfers(s, t, limits).flatMap(renames::rewrite),
                true,
                stream -> stream.forEachRemaining(actions));
        run(
                indexes,
                (s, t) -> MirrorResolver.deletes(s, t, limits).flatMap(renames::rewrite),
                false,
                stream -> stream.forEachRemaining(actions));
        run(
                indexes,
                (s, t) -> MirrorResolver.replacements(s, t, limits),
                true,
                stream -> stream.forEachRemaining(actions));
        return prepared.count().report(indexes.conduit(), SyncConduit.Options.DEFAULT);
    }

    @Override
    public Seq<Side> receiving() {
        return List.of(Side.TARGET);
    }

    /** The entries the target refuses are the generation's errors, each its job's failed item. */
    @Override
    public void opened(Run run, Prepared prepared) {
        Outcomes outcomes = run.into(Side.TARGET);
        prepared.limits()
                .refused()
                .all()
                .forEach(refusal -> outcomes.failed(refusal.action(), EntryFailure.notAllowed(refusal.reason())));
    }

    @Override
    public Seq<JobRuns.Job> jobs(Prepared prepared) {
        return List.of(JobRuns.Job.copy(WAY), JobRuns.Job.delete(WAY));
    }

    @Override
    public void execute(Run run, JobRuns.Planned jobs, Prepared prepared) {
        Outcomes outcomes = run.into(Side.TARGET);
        Limits limits = prepared.limits();
        run.progress().phase(SyncPhase.COPYING);
        // both jobs run (and are recorded) as always; a phase the survey found nothing for is not streamed from the
        // indexes again (ADR 0069)
        jobs.run(outcomes, JobRuns.Job.copy(WAY), () -> {
            if (prepared.count().transfersInto(Side.TARGET)) {
                run(
                        run.indexes(),
                        (s, t) -> MirrorResolver.transfers(s, t, limits).flatMap(prepared.renames()::rewrite),
                        true,
                        actions -> run.copies(WAY).run(run.order(WAY), actions, outcomes));
            }
        });
        if (!run.stopped()) { // asked to stop: no deletes until every copy is made
            run.progress().phase(SyncPhase.DELETING);
            jobs.run(outcomes, JobRuns.Job.delete(WAY), () -> {
                if (prepared.count().deletesInto(Side.TARGET)) {
                    run(
                            run.indexes(),
                            (s, t) -> MirrorResolver.deletes(s, t, limits),
                            false,
                            deletes -> run.deletes(WAY).run(run.order(WAY), deletes, outcomes));
                }
            });
        }
        replace(run, jobs, limits);
    }

    /** The deleted directories are gone from the index: the files and links that replace them are copied now. */
    private static void replace(Run run, JobRuns.Planned jobs, Limits limits) {
        Outcomes outcomes = run.into(Side.TARGET);
        java.util.Set<RelativePath> replaced = outcomes.replacedDirectories();
        if (replaced.isEmpty() || run.stopped()) {
            return;
        }
        jobs.run(
                outcomes,
                JobRuns.Job.copy(WAY),
                () -> run(
                        run.indexes(),
                        (s, t) -> MirrorResolver.transfers(s, t, limits) // plain copies
                                .filter(action -> replaced.contains(action.path())),
                        true,
                        actions -> run.copies(WAY).run(run.order(WAY), actions, outcomes)));
    }

    /**
     * Every folder whose time differs, touched or not, unless the sync was asked to stop; last the target's root, when
     * its bits, time or owner differ from the source root's (ADR 0040: both roots looked at, one lstat each, so a
     * sync with nothing to do and roots alike writes nothing).
     */
    @Override
    public void finishFolders(Run run, Prepared prepared) {
        if (!run.stopped()) {
            Seq<CopyJob.FinishedDirectory> folders = finishedDirectories(
                    run.indexes(), run.into(Side.TARGET).touchedDirectories(), prepared.count().foldersOutOfTime);
            run.into(Side.TARGET)
                    .foldersFinished(run.copies(WAY)
                            .finishDirectories(
                                    run.order(WAY).to(),
                                    folders.appendAll(
                                            root(run, prepared.limits().ground()))));
        }
    }

    /**
     * The target's root as the source's is, when they differ (and both can be looked at). A target root whose entry
     * would cost a round trip of its own (on another host, after this sync wrote there) is not asked: it is finished as
     * the source's root is whether it differs or not, which leaves it the same, and the finishing itself sets only a
     * folder (ADR 0062).
     */
    private static Option<CopyJob.FinishedDirectory> root(Run run, CommonGround ground) {
        Option<FileStat> source = run.root(Side.SOURCE);
        if (source.isEmpty()) {
            return Option.none();
        }
        Option<Option<FileStat>> target = run.rootAtHand(Side.TARGET);
        if (target.exists(found -> found.isEmpty() || MirrorRules.sameRoot(source.get(), found.get(), ground))) {
            return Option.none();
        }
        FileStat wanted = source.get();
        return Option.some(new CopyJob.FinishedDirectory(
                RelativePath.ROOT,
                wanted.mode(),
                wanted.mtimeNanos(),
                ground.owners() ? wanted.uid() : FileStat.UNKNOWN_OWNER,
                ground.owners() ? wanted.gid() : FileStat.UNKNOWN_OWNER));
    }

    @Override
    public long left(Indexes indexes, Prepared prepared) {
        return total(indexes, new Renames(prepared.limits().ground()), prepared.limits()).actions;
    }

    /** What the plan amounts to, in one pass over the join applying every phase's rule (the order is not needed). */
    private PlanCount total(Indexes indexes, Renames renames, Limits limits) {
        PlanCount count = new PlanCount();
        run(
                indexes,
                (s, t) -> MirrorResolver.everyPhase(s, t, limits, count::outOfTime),
                true,
                stream -> stream.forEachRemaining(action -> {
                    count.add(action);
                    renames.depart(action); // arrivals only in the claim pass: none held without departures
                }));
        count.targetFiles = indexes.target().countFiles();
        count.refused = limits.refused().all().size();
        return count;
    }

    /**
     * What the two file systems allow: the common ground of their metadata, and what the target refuses (found in
     * one more pass over the join, only when the target can refuse anything: no links, or case not told apart).
     */
    private Limits limits(Indexes indexes) {
        FileSystemTraits target = indexes.target().traits();
        if (!Refusals.possible(target)) {
            return new Limits(indexes.ground(), Refusals.NONE);
        }
        Refusals refused =
                read(indexes, (s, t) -> Iterator.of(MirrorResolver.refusals(s, t, target)), true, Iterator::next);
        return new Limits(indexes.ground(), refused);
    }

    /**
     * The plan's totals and its renames: when the receiving side has files the sending side lacks, one more pass over
     * the transfers pairs them with new files (in plan order), and the totals count each pair as one move.
     */
    private Prepared prepare(Indexes indexes) {
        Limits limits = limits(indexes);
        Renames renames = new Renames(limits.ground());
        PlanCount count = total(indexes, renames, limits);
        if (!renames.isEmpty() && count.filesToCopy > 0) {
            run(
                    indexes,
                    (s, t) -> MirrorResolver.transfers(s, t, limits),
                    true,
                    stream -> stream.forEachRemaining(action -> {
                        renames.arrive(action);
                        renames.claim(action).forEach(count::paired);
                    }));
            renames.pairFolders().forEach(count::movedFolder);
        }
        return new Prepared(count, renames, limits);
    }

    /** Streams one phase from fresh cursors over both indexes, closing them after. */
    private static <A> void run(
            Indexes indexes,
            java.util.function.BiFunction<java.util.Iterator<IndexEntry>, java.util.Iterator<IndexEntry>, Iterator<A>>
                    phase,
            boolean ascending,
            Consumer<java.util.Iterator<A>> consumer) {
        read(indexes, phase, ascending, stream -> {
            consumer.accept(stream);
            return stream;
        });
    }

    /** What {@code reader} makes of one phase streamed from fresh cursors over both indexes, closed after. */
    private static <A, R> R read(
            Indexes indexes,
            java.util.function.BiFunction<java.util.Iterator<IndexEntry>, java.util.Iterator<IndexEntry>, Iterator<A>>
                    phase,
            boolean ascending,
            java.util.function.Function<Iterator<A>, R> reader) {
        try (IndexStore.EntryCursor source = ascending
                        ? indexes.source().ascending()
                        : indexes.source().descending();
                IndexStore.EntryCursor target = ascending
                        ? indexes.target().ascending()
                        : indexes.target().descending()) {
            return reader.apply(phase.apply(source, target));
        }
    }

    /**
     * The folders whose bits and time are set last, deepest first: those the jobs touched (as the source's index has
     * them) and those found out of time by the plan (their source entries at hand).
     */
    private Seq<CopyJob.FinishedDirectory> finishedDirectories(
            Indexes indexes, Seq<RelativePath> touched, java.util.List<IndexEntry> outOfTime) {
        EndpointIndex source = indexes.source();
        java.util.Set<RelativePath> seen = new java.util.HashSet<>(touched.asJava());
        return source.entries(touched) // one read for all of them (ADR 0060), not one each
                .filter(IndexEntry::isDirectory)
                .appendAll(io.vavr.collection.List.ofAll(outOfTime).filter(entry -> seen.add(entry.path())))
                .sortBy(entry -> -entry.path().depth())
                .map(entry -> new CopyJob.FinishedDirectory(
                        entry.path(), entry.stat().mode(), entry.stat().mtimeNanos()));
    }
}
