package dev.conduit.application.service;

import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncPhase;
import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.ConflictLog;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.conflict.Conflict;
import dev.conduit.domain.conflict.ConflictNames;
import dev.conduit.domain.conflict.ConflictRecord;
import dev.conduit.domain.generation.GenerationCounts;
import dev.conduit.domain.index.CommonGround;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.join.Pairing;
import dev.conduit.domain.join.ThreeWay;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.reconcile.BidirectionalResolver;
import dev.conduit.domain.reconcile.Settlement;
import dev.conduit.domain.rename.Renames;
import io.vavr.collection.Iterator;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The bidirectional mode of the {@link SyncPipeline}: its survey walks the join of the baseline and the two indexes,
 * finding the conflicts and counting the plan; its phases run in both directions with the same jobs as a mirror
 * (conflict renames, copies, deletes, replacements); it records the conflicts, and writes what was settled to the
 * baseline in the transaction that closes the generation. Like a mirror's, the plan is streamed: never held whole.
 */
final class BidirectionalSync implements Mode<BidirectionalSync.Prepared> {

    private final IndexStore store;
    private final Baselines baselines;
    private final ConflictLog conflicts;
    private final Clock clock;

    BidirectionalSync(IndexStore store, Baselines baselines, ConflictLog conflicts, Clock clock) {
        this.store = store;
        this.baselines = baselines;
        this.conflicts = conflicts;
        this.clock = clock;
    }

    @Override
    public Prepared survey(Indexes indexes) {
        return prepare(indexes, true);
    }

    /** The plan, streamed to {@code actions} (renames first, then each phase), and its totals. */
    @Override
    public PlanReport plan(Indexes indexes, Prepared prepared, Consumer<SyncAction> actions, SyncListener listener) {
        announce(prepared, listener);
        BidirectionalResolver resolver = prepared.surveyed().resolver();
        join(
                indexes,
                prepared,
                true,
                (base, source, target) -> resolver.conflictRenames(
                                prepared.surveyed().survey(),
                                base,
                                source,
                                target,
                                clock.getZone(),
                                taken(indexes),
                                true)
                        .forEachRemaining(actions));
        for (Direction direction : Direction.values()) {
            join(
                    indexes,
                    prepared,
                    true,
                    (base, source, target) -> resolver.transfers(
                                    prepared.surveyed().survey(), base, source, target)
                            .filter(action -> action.direction() == direction)
                            .flatMap(prepared.renames()::rewrite)
                            .forEachRemaining(actions));
        }
        for (Direction direction : Direction.values()) {
            join(
                    indexes,
                    prepared,
                    false,
                    (base, source, target) -> resolver.deletes(
                                    prepared.surveyed().survey(), base, source, target)
                            .filter(action -> action.direction() == direction)
                            .flatMap(prepared.renames()::rewrite)
                            .forEachRemaining(actions));
        }
        join(
                indexes,
                prepared,
                true,
                (base, source, target) -> resolver.everyPhase(
                                prepared.surveyed().survey(), base, source, target, clock.getZone())
                        .filter(SyncAction::replacesDirectory)
                        .forEachRemaining(actions));
        return prepared.count().report(indexes.conduit(), SyncConduit.Options.DEFAULT);
    }

    @Override
    public void announce(Prepared prepared, SyncListener listener) {
        prepared.surveyed().found().forEach(listener::conflict);
    }

    @Override
    public Seq<Side> receiving() {
        return List.of(Side.values());
    }

    /** The sides whose versions lost a conflict and are kept under another name. */
    private static Seq<Side> losers(Prepared prepared) {
        return prepared.surveyed()
                .found()
                .flatMap(conflict -> conflict.settlement() instanceof Settlement.KeepBoth keepBoth
                        ? Option.some(keepBoth.loser())
                        : Option.none())
                .distinct();
    }

    @Override
    public Seq<JobRuns.Job> jobs(Prepared prepared) {
        PlanCount count = prepared.count();
        return losers(prepared)
                .map(loser -> JobRuns.Job.copy(Direction.into(loser)))
                .appendAll(List.of(Direction.values())
                        .filter(way -> count.transfersInto(way.to()))
                        .map(JobRuns.Job::copy))
                .appendAll(List.of(Direction.values())
                        .filter(way -> count.deletesInto(way.to()))
                        .map(JobRuns.Job::delete));
    }

    @Override
    public void execute(Run run, JobRuns.Planned jobs, Prepared prepared) {
        run.progress().phase(SyncPhase.COPYING);
        for (Side loser : losers(prepared)) {
            keepLosers(run, jobs, prepared, loser);
        }
        for (Direction direction : Direction.values()) {
            if (prepared.count().transfersInto(direction.to()) && !run.stopped()) {
                transfer(run, jobs, prepared, direction); // else nothing goes that way: no pass over the join
            }
        }
        run.progress().phase(SyncPhase.DELETING);
        for (Direction direction : Direction.values()) {
            if (prepared.count().deletesInto(direction.to()) && !run.stopped()) {
                delete(run, jobs, prepared, direction); // asked to stop: no delete before every copy
            }
        }
        for (Direction direction : Direction.values()) {
            replace(run, jobs, prepared, direction);
        }
    }

    /** A kept loser is renamed on its own side first. */
    private void keepLosers(Run run, JobRuns.Planned jobs, Prepared prepared, Side loser) {
        Direction direction = Direction.into(loser);
        Outcomes into = run.into(loser);
        BidirectionalResolver resolver = prepared.surveyed().resolver();
        jobs.run(
                into,
                JobRuns.Job.copy(direction),
                () -> join(
                        run.indexes(),
                        prepared,
                        true,
                        (base, source, target) -> run.copies(direction)
                                .run(
                                        run.order(direction),
                                        resolver.conflictRenames(
                                                        prepared.surveyed().survey(),
                                                        base,
                                                        source,
                                                        target,
                                                        clock.getZone(),
                                                        taken(run.indexes()),
                                                        false)
                                                .filter(action -> action.direction() == direction),
                                        into)));
    }

    private void transfer(Run run, JobRuns.Planned jobs, Prepared prepared, Direction direction) {
        Outcomes into = run.into(direction.to());
        BidirectionalResolver resolver = prepared.surveyed().resolver();
        jobs.run(
                into,
                JobRuns.Job.copy(direction),
                () -> join(
                        run.indexes(),
                        prepared,
                        true,
                        (base, source, target) -> run.copies(direction)
                                .run(
                                        run.order(direction),
                                        resolver.transfers(prepared.surveyed().survey(), base, source, target)
                                                .filter(action -> action.direction() == direction)
                                                .flatMap(prepared.renames()::rewrite),
                                        into)));
    }

    private void delete(Run run, JobRuns.Planned jobs, Prepared prepared, Direction direction) {
        Outcomes into = run.into(direction.to());
        BidirectionalResolver resolver = prepared.surveyed().resolver();
        jobs.run(
                into,
                JobRuns.Job.delete(direction),
                () -> join(
                        run.indexes(),
                        prepared,
                        false,
                        (base, source, target) -> run.deletes(direction)
                                .run(
                                        run.order(direction),
                                        resolver.deletes(prepared.surveyed().survey(), base, source, target)
                                                .filter(action -> action.direction() == direction)
                                                .flatMap(prepared.renames()::rewrite),
                                        into)));
    }

    /** The folders deleted to make room are gone: the files and links that take their place are copied now. */
    private void replace(Run run, JobRuns.Planned jobs, Prepared prepared, Direction direction) {
        Outcomes into = run.into(direction.to());
        java.util.Set<RelativePath> replaced = into.replacedDirectories();
        if (replaced.isEmpty() || run.stopped()) {
            return;
        }
        BidirectionalResolver resolver = prepared.surveyed().resolver();
        jobs.run(
                into,
                JobRuns.Job.copy(direction),
                () -> join(
                        run.indexes(),
                        prepared,
                        true,
                        (base, source, target) -> run.copies(direction)
                                .run(
                                        run.order(direction),
                                        resolver.replacements(base, source, target, direction, replaced),
                                        into)));
    }

    /** The folders the jobs touched on each side, as the sending side's index has them (when there was work). */
    @Override
    public void finishFolders(Run run, Prepared prepared) {
        if (prepared.count().actions == 0) {
            return;
        }
        for (Direction direction : Direction.values()) {
            EndpointIndex sending = run.indexes().of(direction.from()).whole();
            Seq<RelativePath> touched = run.into(direction.to()).touchedDirectories();
            java.util.Map<RelativePath, IndexEntry> entries = new HashMap<>(); // one read for all of them
            sending.entries(touched).forEach(entry -> entries.put(entry.path(), entry));
            run.into(direction.to())
                    .foldersFinished(run.copies(direction)
                            .finishDirectories(
                                    run.order(direction).to(),
                                    touched.flatMap(directory -> Option.of(entries.get(directory))
                                            .filter(IndexEntry::isDirectory)
                                            .map(entry -> new CopyJob.FinishedDirectory(
                                                    directory,
                                                    entry.stat().mode(),
                                                    entry.stat().mtimeNanos())))));
        }
    }

    @Override
    public long left(Indexes indexes, Prepared prepared) {
        return prepare(indexes, false).count().actions; // the files on each side are counted for the plan only
    }

    @Override
    public long conflicts(Prepared prepared) {
        return prepared.surveyed().found().size();
    }

    /** Every conflict found; when the sync stopped, only the pending ones (the rest is settled by the next sync). */
    @Override
    public void recordConflicts(Run run, Prepared prepared, Instant completed) {
        Seq<Conflict> found = prepared.surveyed().found();
        conflicts.record(
                run.conduit().id(),
                run.generation().number(),
                completed,
                run.stopped() ? found.filter(Conflict::isPending) : found);
    }

    /** What both sides agree on now goes to the baseline, read from the join after the sync (when anything moved). */
    @Override
    public void closeWith(Run run, Prepared prepared, Consumer<java.util.Iterator<Baselines.Change>> finish) {
        if (prepared.count().actions > 0 || prepared.count().settles > 0) {
            Indexes indexes = run.indexes();
            join(
                    indexes,
                    prepared,
                    true,
                    (base, source, target) -> finish.accept(settled(base, source, target, indexes.ground())));
        } else {
            finish.accept(java.util.Collections.emptyIterator());
        }
    }

    @Override
    public long pendingConflicts(ConduitId conduit) {
        return conflicts.countPending(conduit);
    }

    /** The surveyed resolver and every conflict it found. */
    record Surveyed(BidirectionalResolver resolver, BidirectionalResolver.Survey survey, Seq<Conflict> found) {}

    /**
     * The plan counted, its renames, and the folders where it acts or settles something, in code-point order: the
     * phases after the survey read only those folders (none: read everything — too many folders, or a folder renamed
     * as a whole, whose entries all change paths).
     */
    record Prepared(Surveyed surveyed, PlanCount count, Renames renames, Option<Seq<RelativePath>> folders)
            implements Survey {}

    /** Beyond this many folders with work in them, the phases read the whole join again. */
    static final int MAX_FOLDERS = 10_000;

    /**
     * Surveys and counts the plan: one pass over the join, and one more only when renames or pending folders ask. The
     * files on each side (each a count over a whole location) only when {@code countFiles}: a plan's delete limit
     * needs them, what is left after the jobs does not.
     */
    Prepared prepare(Indexes indexes, boolean countFiles) {
        BidirectionalResolver resolver = resolver(indexes);
        java.util.List<Conflict> found = new ArrayList<>();
        Tally first = new Tally(indexes.ground());
        BidirectionalResolver.Survey survey = join(
                indexes,
                false,
                (base, source, target) -> resolver.survey(base, source, target, found::add, clock.getZone(), first));
        Tally tally = survey.counted() ? first : recount(indexes, resolver, survey); // below a pending folder: alone
        pairRenames(indexes, resolver, survey, tally);
        Surveyed surveyed = new Surveyed(resolver, survey, List.ofAll(found).reverse()); // children first: put in order
        PlanCount total = tally.count;
        total.conflicts = surveyed.found().size();
        total.pending = surveyed.found().count(Conflict::isPending);
        if (countFiles) {
            total.targetFiles = indexes.target().countFiles();
            total.sourceFiles = indexes.source().countFiles();
        }
        boolean whole = tally.folders.size() > MAX_FOLDERS || tally.renames.folderMoves() > 0;
        return new Prepared(
                surveyed,
                total,
                tally.renames,
                whole
                        ? Option.none()
                        : Option.some(List.ofAll(tally.folders)
                                .sorted((a, b) -> RelativePath.compareCodePoints(a.value(), b.value()))));
    }

    /** Counts every phase again, triple by triple, with the resolver as the survey left it. */
    private Tally recount(Indexes indexes, BidirectionalResolver resolver, BidirectionalResolver.Survey survey) {
        Tally tally = new Tally(indexes.ground());
        return join(indexes, true, (base, source, target) -> {
            ThreeWay triples = new ThreeWay(base, source, target, Pairing.ASCENDING);
            while (triples.hasNext()) {
                ThreeWay.Triple triple = triples.next();
                tally.visit(triple, resolver.everyPhase(survey, triple, clock.getZone()));
            }
            return tally;
        });
    }

    /** A resolver that knows the answers given to pending conflicts and the conflict copies already kept. */
    private BidirectionalResolver resolver(Indexes indexes) {
        Map<RelativePath, BidirectionalResolver.Answer> answers = new HashMap<>();
        for (ConflictRecord pending : conflicts.pending(indexes.conduit().id())) {
            pending.answer()
                    .forEach(keep -> answers.put(
                            pending.path(),
                            new BidirectionalResolver.Answer(keep, pending.sourceVersion(), pending.targetVersion())));
        }
        return new BidirectionalResolver(
                indexes.conduit().settings().conflict(),
                answers,
                (path, loser) -> keptAlready(indexes, path, loser),
                indexes.ground());
    }

    /** New files claim the files gone elsewhere as renames, in plan order, as the transfers will run. */
    private void pairRenames(
            Indexes indexes, BidirectionalResolver resolver, BidirectionalResolver.Survey survey, Tally tally) {
        Renames pairs = tally.renames;
        PlanCount total = tally.count;
        if (pairs.isEmpty() || total.filesToCopy == 0) {
            return;
        }
        if (tally.claimable.size() <= Renames.MAX_CANDIDATES) {
            tally.claimable.sort(java.util.Comparator.comparing(SyncAction.Copy::wanted, Pairing.ASCENDING));
            tally.claimable.forEach(action -> pairs.claim(action).forEach(total::paired));
        } else {
            join(indexes, true, (base, source, target) -> {
                resolver.transfers(survey, base, source, target)
                        .forEachRemaining(action -> pairs.claim(action).forEach(total::paired));
                return pairs;
            });
        }
        pairs.pairFolders().forEach(total::movedFolder);
    }

    /**
     * What a survey's pass counts, triple by triple: the plan's totals, the files gone that may be renames, the new
     * files that may claim them, and the folders where the plan acts or settles something.
     */
    private static final class Tally implements BidirectionalResolver.Visitor {
        private final CommonGround ground;
        private final PlanCount count = new PlanCount();
        private final Renames renames;
        private final java.util.List<SyncAction.Copy> claimable = new ArrayList<>(); // new files, maybe renamed ones
        private final java.util.Set<RelativePath> folders = new java.util.HashSet<>();

        Tally(CommonGround ground) {
            this.ground = ground;
            this.renames = new Renames(ground);
        }

        @Override
        public void visit(ThreeWay.Triple triple, List<SyncAction> actions) {
            boolean settles = BidirectionalResolver.settled(triple, ground).isDefined();
            if ((settles || !actions.isEmpty()) && folders.size() <= MAX_FOLDERS) {
                folders.add(triple.path().parent());
            }
            for (SyncAction action : actions) {
                count.add(action);
                renames.offer(action);
                Renames.claimable(action)
                        .filter(copy -> claimable.size() <= Renames.MAX_CANDIDATES)
                        .forEach(claimable::add);
            }
            if (settles) {
                count.settles++;
            }
        }
    }

    /** The baseline's changes, read from the join after the sync: what both sides agree on now. */
    private static java.util.Iterator<Baselines.Change> settled(
            java.util.Iterator<IndexEntry> base,
            java.util.Iterator<IndexEntry> source,
            java.util.Iterator<IndexEntry> target,
            CommonGround ground) {
        return Iterator.ofAll(new ThreeWay(base, source, target, Pairing.ASCENDING))
                .flatMap(triple -> BidirectionalResolver.settled(triple, ground)
                        .map(entry -> new Baselines.Change(triple.path(), entry)));
    }

    /** Whether a path is in use on either side: a conflict name never takes one. */
    private java.util.function.Predicate<RelativePath> taken(Indexes indexes) {
        return path -> store.entry(indexes.source().location(), indexes.source().inLocation(path))
                        .isDefined()
                || store.entry(indexes.target().location(), indexes.target().inLocation(path))
                        .isDefined();
    }

    /** Whether a conflict copy of the path with the loser's content is already there, on either side. */
    private boolean keptAlready(Indexes indexes, RelativePath path, IndexEntry loser) {
        for (EndpointIndex side : List.of(indexes.source(), indexes.target())) {
            boolean found = store.children(side.location(), side.inLocation(path.parent()))
                    .map(side::relative)
                    .exists(entry -> ConflictNames.isCopyOf(entry.path(), path)
                            && entry.stat().isFile()
                            && entry.hash().isDefined()
                            && entry.hash().equals(loser.hash()));
            if (found) {
                return true;
            }
        }
        return false;
    }

    private static GenerationCounts total(Map<Side, Outcomes> outcomes) {
        GenerationCounts a = outcomes.get(Side.TARGET).counts();
        GenerationCounts b = outcomes.get(Side.SOURCE).counts();
        return new GenerationCounts(
                a.filesCopied() + b.filesCopied(),
                a.filesDeleted() + b.filesDeleted(),
                0,
                a.bytesTransferred() + b.bytesTransferred(),
                a.errors() + b.errors());
    }

    private interface Join {
        void run(IndexStore.EntryCursor base, IndexStore.EntryCursor source, IndexStore.EntryCursor target);
    }

    /** A pass over the join that makes something of it. */
    private interface Read<R> {
        R run(IndexStore.EntryCursor base, IndexStore.EntryCursor source, IndexStore.EntryCursor target);
    }

    /**
     * A pass of a phase: over the slice of what changed when the plan was resolved from one (ADR 0031), with what the
     * sync's jobs wrote since (issue 13: the folders around every changed path were read again at every pass); else
     * over the folders where the plan acts when it knows them (each folder's entries read when the pass gets there);
     * else over everything.
     */
    private void join(Indexes indexes, Prepared prepared, boolean ascending, Join pass) {
        boolean caughtUp = indexes.slice().isDefined() && indexes.slice().get().catchUp(indexes);
        if (caughtUp || prepared.folders().isEmpty()) {
            join(indexes, ascending, (base, source, target) -> {
                pass.run(base, source, target);
                return pass;
            });
            return;
        }
        Seq<RelativePath> folders =
                ascending ? prepared.folders().get() : prepared.folders().get().reverse();
        try (IndexStore.EntryCursor base = baselines.inFolders(indexes.conduit().id(), folders, ascending);
                IndexStore.EntryCursor source = indexes.source().inFolders(folders, ascending);
                IndexStore.EntryCursor target = indexes.target().inFolders(folders, ascending)) {
            pass.run(base, source, target);
        }
    }

    /** The baseline, whole or within the slice both indexes are read in (ADR 0031). */
    private IndexStore.EntryCursor base(Conduit conduit, Indexes indexes, boolean ascending) {
        if (indexes.slice().isDefined()) {
            return indexes.slice().get().base(baselines, conduit.id(), ascending);
        }
        return ascending ? baselines.ascending(conduit.id()) : baselines.descending(conduit.id());
    }

    /** What one pass over fresh cursors on the baseline and both indexes makes of them, closed after. */
    private <R> R join(Indexes indexes, boolean ascending, Read<R> pass) {
        Conduit conduit = indexes.conduit();
        try (IndexStore.EntryCursor base = base(conduit, indexes, ascending);
                IndexStore.EntryCursor source = ascending
                        ? indexes.source().ascending()
                        : indexes.source().descending();
                IndexStore.EntryCursor target = ascending
                        ? indexes.target().ascending()
                        : indexes.target().descending()) {
            return pass.run(base, source, target);
        }
    }
}
