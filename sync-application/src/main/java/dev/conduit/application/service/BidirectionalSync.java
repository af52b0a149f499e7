package dev.conduit.application.service;

import dev.conduit.application.port.in.EntryError;
import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.ConflictLog;
import dev.conduit.application.port.out.CopyJob;
import dev.conduit.application.port.out.DeleteJob;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.JobLedger;
import dev.conduit.application.port.out.SyncHistory;
import dev.conduit.application.port.out.TrashLedger;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.conflict.Conflict;
import dev.conduit.domain.conflict.ConflictNames;
import dev.conduit.domain.conflict.ConflictRecord;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.GenerationCounts;
import dev.conduit.domain.generation.Verification;
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
import io.vavr.Tuple;
import io.vavr.collection.Iterator;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A bidirectional sync, once both indexes are fresh: survey the join of the baseline and the two indexes, count the
 * plan, then run the phases in both directions with the same jobs as a mirror (conflict renames, copies, deletes,
 * replacements), verify, record the conflicts, and write what was settled to the baseline in the transaction that
 * closes the generation. Like a mirror's, the plan is streamed: it is never held whole.
 */
final class BidirectionalSync {

    private final IndexStore store;
    private final Baselines baselines;
    private final ConflictLog conflicts;
    private final CopyJob copyJob;
    private final DeleteJob deleteJob;
    private final SyncHistory history;
    private final TrashLedger ledger;
    private final Clock clock;
    private final JobLedger jobLedger;
    private final JobRuns jobs;

    BidirectionalSync(
            IndexStore store,
            Baselines baselines,
            ConflictLog conflicts,
            CopyJob copyJob,
            DeleteJob deleteJob,
            SyncHistory history,
            TrashLedger ledger,
            JobLedger jobLedger,
            JobRuns jobs,
            Clock clock) {
        this.jobLedger = jobLedger;
        this.jobs = jobs;
        this.store = store;
        this.baselines = baselines;
        this.conflicts = conflicts;
        this.copyJob = copyJob;
        this.deleteJob = deleteJob;
        this.history = history;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The plan, streamed to {@code actions} (renames first, then each phase), and its totals. */
    PlanReport plan(Indexes indexes, Consumer<SyncAction> actions, SyncListener listener) {
        Prepared prepared = prepare(indexes);
        prepared.surveyed().found().forEach(listener::conflict);
        BidirectionalResolver resolver = prepared.surveyed().resolver();
        join(
                indexes,
                prepared,
                true,
                (base, source, target) -> resolver.conflictRenames(
                                base, source, target, clock.getZone(), taken(indexes), true)
                        .forEachRemaining(actions));
        for (Direction direction : Direction.values()) {
            join(
                    indexes,
                    prepared,
                    true,
                    (base, source, target) -> resolver.transfers(base, source, target)
                            .filter(action -> action.direction() == direction)
                            .flatMap(prepared.renames()::rewrite)
                            .forEachRemaining(actions));
        }
        for (Direction direction : Direction.values()) {
            join(
                    indexes,
                    prepared,
                    false,
                    (base, source, target) -> resolver.deletes(base, source, target)
                            .filter(action -> action.direction() == direction)
                            .flatMap(prepared.renames()::rewrite)
                            .forEachRemaining(actions));
        }
        join(
                indexes,
                prepared,
                true,
                (base, source, target) -> resolver.everyPhase(base, source, target, clock.getZone())
                        .filter(action -> action instanceof SyncAction.Copy copy
                                && copy.replaced().exists(IndexEntry::isDirectory))
                        .forEachRemaining(actions));
        return prepared.count().report(indexes.conduit(), SyncConduit.Options.DEFAULT);
    }

    SyncReport run(
            Indexes indexes,
            Prepared prepared,
            Instant started,
            StopRequest stop,
            SyncListener listener,
            Seq<EntryError> scanProblems) {
        Conduit conduit = indexes.conduit();
        PlanCount count = prepared.count();
        BidirectionalResolver resolver = prepared.surveyed().resolver();
        prepared.surveyed().found().forEach(listener::conflict);
        Generation generation = history.begin(conduit.id(), started);
        Progress progress = new Progress(history, listener, clock, conduit, generation, count);
        try {
            Map<Side, Outcomes> outcomes = new HashMap<>();
            for (Side receiving : Side.values()) {
                Side sending = receiving.other();
                outcomes.put(
                        receiving,
                        progress.track(new Outcomes(
                                receiving,
                                indexes.of(sending),
                                indexes.of(receiving),
                                ledger,
                                jobLedger,
                                listener,
                                progress::tick)));
            }
            scanProblems.forEach(outcomes.get(Side.TARGET)::error);

            if (count.actions > 0) {
                Seq<Side> losers = prepared.surveyed()
                        .found()
                        .flatMap(conflict -> conflict.settlement() instanceof Settlement.KeepBoth keepBoth
                                ? Option.some(keepBoth.loser())
                                : Option.none())
                        .distinct();
                JobRuns.Planned planned = jobs.plan(
                        conduit.id(),
                        generation,
                        stop,
                        losers.map(loser -> Tuple.of("copy", Direction.into(loser)))
                                .appendAll(List.of(Direction.values())
                                        .filter(way ->
                                                count.transfersInto[way.to().ordinal()] > 0)
                                        .map(way -> Tuple.of("copy", way)))
                                .appendAll(List.of(Direction.values())
                                        .filter(way ->
                                                count.deletesInto[way.to().ordinal()] > 0)
                                        .map(way -> Tuple.of("delete", way))));
                progress.phase("copying");
                for (Side loser : losers) {
                    Direction direction = Direction.into(loser); // a kept loser is renamed on its own side first
                    Outcomes into = outcomes.get(loser);
                    planned.run(
                            into,
                            "copy",
                            direction,
                            () -> join(
                                    indexes,
                                    prepared,
                                    true,
                                    (base, source, target) -> copyJob.run(
                                            JobRuns.order(conduit, generation, direction, stop),
                                            resolver.conflictRenames(
                                                            base,
                                                            source,
                                                            target,
                                                            clock.getZone(),
                                                            taken(indexes),
                                                            false)
                                                    .filter(action -> action.direction() == direction),
                                            into)));
                }
                for (Direction direction : Direction.values()) {
                    Outcomes into = outcomes.get(direction.to());
                    if (count.transfersInto[direction.to().ordinal()] == 0 || stop.getAsBoolean()) {
                        continue; // nothing goes that way: no pass over the join
                    }
                    planned.run(
                            into,
                            "copy",
                            direction,
                            () -> join(
                                    indexes,
                                    prepared,
                                    true,
                                    (base, source, target) -> copyJob.run(
                                            JobRuns.order(conduit, generation, direction, stop),
                                            resolver.transfers(base, source, target)
                                                    .filter(action -> action.direction() == direction)
                                                    .flatMap(prepared.renames()::rewrite),
                                            into)));
                }
                progress.phase("deleting");
                for (Direction direction : Direction.values()) {
                    Outcomes into = outcomes.get(direction.to());
                    if (count.deletesInto[direction.to().ordinal()] == 0 || stop.getAsBoolean()) {
                        continue; // asked to stop: no delete before every copy
                    }
                    planned.run(
                            into,
                            "delete",
                            direction,
                            () -> join(
                                    indexes,
                                    prepared,
                                    false,
                                    (base, source, target) -> deleteJob.run(
                                            JobRuns.order(conduit, generation, direction, stop),
                                            resolver.deletes(base, source, target)
                                                    .filter(action -> action.direction() == direction)
                                                    .flatMap(prepared.renames()::rewrite)
                                                    .map(SyncAction.Delete.class::cast),
                                            into)));
                }
                for (Direction direction : Direction.values()) {
                    Outcomes into = outcomes.get(direction.to());
                    java.util.Set<RelativePath> replaced = into.replacedDirectories();
                    if (!replaced.isEmpty() && !stop.getAsBoolean()) { // the folders are gone: files take their place
                        planned.run(
                                into,
                                "copy",
                                direction,
                                () -> join(
                                        indexes,
                                        prepared,
                                        true,
                                        (base, source, target) -> copyJob.run(
                                                JobRuns.order(conduit, generation, direction, stop),
                                                resolver.replacements(base, source, target, direction, replaced),
                                                into)));
                    }
                    EndpointIndex sending = indexes.of(direction.from());
                    copyJob.finishDirectories(
                            JobRuns.order(conduit, generation, direction, stop).to(),
                            into.touchedDirectories()
                                    .flatMap(directory -> store.entry(sending.location(), sending.inLocation(directory))
                                            .filter(IndexEntry::isDirectory)
                                            .map(entry -> new CopyJob.FinishedDirectory(
                                                    directory,
                                                    entry.stat().mode(),
                                                    entry.stat().mtimeNanos()))));
                }
                planned.cancelRest();
            }

            Verification verification = Verification.VERIFIED;
            if (stop.getAsBoolean()) {
                verification = Verification.PAUSED;
            } else if (count.actions > 0) {
                progress.phase("verifying");
                long left = prepare(indexes).count().actions;
                verification = left == 0
                        ? Verification.VERIFIED
                        : new Verification.Failed(left + (left == 1 ? " action" : " actions") + " left");
            }
            progress.close(); // no snapshot after the generation is closed
            Instant completed = clock.instant();
            conflicts.record(
                    conduit.id(),
                    generation.number(),
                    completed,
                    stop.getAsBoolean()
                            ? prepared.surveyed()
                                    .found()
                                    .filter(Conflict::isPending) // the rest is settled by the next sync
                            : prepared.surveyed().found());
            GenerationCounts done = total(outcomes);
            GenerationCounts counts = new GenerationCounts(
                    done.filesCopied(),
                    done.filesDeleted(),
                    prepared.surveyed().found().size(),
                    done.bytesTransferred(),
                    done.errors());
            Seq<String> problems = outcomes.get(Side.TARGET)
                    .problems()
                    .appendAll(outcomes.get(Side.SOURCE).problems());
            Option<String> lastError = problems.lastOption();
            Verification verified = verification;
            if (count.actions > 0 || count.settles > 0) {
                join(
                        indexes,
                        prepared,
                        true,
                        (base, source, target) -> history.finish(
                                conduit.id(),
                                generation.number(),
                                completed,
                                counts,
                                verified,
                                lastError,
                                settled(base, source, target, indexes.ground())));
            } else {
                history.finish(
                        conduit.id(),
                        generation.number(),
                        completed,
                        counts,
                        verification,
                        lastError,
                        java.util.Collections.emptyIterator());
            }
            Generation finished = generation.finished(completed, counts, verification);
            return new SyncReport(
                    conduit,
                    finished,
                    problems,
                    Duration.between(started, completed),
                    conflicts.countPending(conduit.id()),
                    stop.getAsBoolean());
        } finally {
            progress.close();
        }
    }

    /** The surveyed resolver and every conflict it found. */
    record Surveyed(BidirectionalResolver resolver, Seq<Conflict> found) {}

    /**
     * The plan counted, its renames, and the folders where it acts or settles something, in code-point order: the
     * phases after the survey read only those folders (none: read everything — too many folders, or a folder renamed
     * as a whole, whose entries all change paths).
     */
    record Prepared(Surveyed surveyed, PlanCount count, Renames renames, Option<Seq<RelativePath>> folders) {}

    /** Beyond this many folders with work in them, the phases read the whole join again. */
    static final int MAX_FOLDERS = 10_000;

    /** Surveys and counts the plan: one pass over the join, and one more only when renames or pending folders ask. */
    Prepared prepare(Indexes indexes) {
        Conduit conduit = indexes.conduit();
        Map<RelativePath, BidirectionalResolver.Answer> answers = new HashMap<>();
        for (ConflictRecord pending : conflicts.pending(conduit.id())) {
            pending.answer()
                    .forEach(keep -> answers.put(
                            pending.path(),
                            new BidirectionalResolver.Answer(keep, pending.sourceVersion(), pending.targetVersion())));
        }
        BidirectionalResolver resolver = new BidirectionalResolver(
                conduit.settings().conflict(),
                answers,
                (path, loser) -> keptAlready(indexes, path, loser),
                indexes.ground());
        java.util.List<Conflict> found = new ArrayList<>();
        PlanCount[] count = {new PlanCount()};
        Renames[] renames = {new Renames(indexes.ground())};
        java.util.List<SyncAction> claimable = new ArrayList<>(); // new files that may be renamed ones
        java.util.Set<RelativePath> folders = new java.util.HashSet<>(); // where the plan acts or settles
        BidirectionalResolver.Visitor counting = (triple, actions) -> {
            boolean settles =
                    BidirectionalResolver.settled(triple, indexes.ground()).isDefined();
            if ((settles || !actions.isEmpty()) && folders.size() <= MAX_FOLDERS) {
                folders.add(triple.path().parent());
            }
            for (SyncAction action : actions) {
                count[0].add(action);
                renames[0].offer(action);
                if (Renames.mayClaim(action) && claimable.size() <= Renames.MAX_CANDIDATES) {
                    claimable.add(action);
                }
            }
            if (settles) {
                count[0].settles++;
            }
        };
        boolean[] counted = {true};
        join(
                indexes,
                false,
                (base, source, target) ->
                        counted[0] = resolver.survey(base, source, target, found::add, clock.getZone(), counting));
        if (!counted[0]) { // a pending folder: what lies below it stays alone
            count[0] = new PlanCount();
            renames[0] = new Renames(indexes.ground());
            claimable.clear();
            folders.clear();
            join(indexes, true, (base, source, target) -> {
                ThreeWay triples = new ThreeWay(base, source, target, Pairing.ASCENDING);
                while (triples.hasNext()) {
                    ThreeWay.Triple triple = triples.next();
                    counting.visit(triple, resolver.everyPhase(triple, clock.getZone()));
                }
            });
        }
        PlanCount total = count[0];
        Renames pairs = renames[0];
        if (!pairs.isEmpty() && total.filesToCopy > 0) { // claimed in plan order, as the transfers will run
            if (claimable.size() <= Renames.MAX_CANDIDATES) {
                claimable.sort((a, b) ->
                        Pairing.ASCENDING.compare(((SyncAction.Copy) a).wanted(), ((SyncAction.Copy) b).wanted()));
                claimable.forEach(action -> pairs.claim(action).forEach(total::paired));
            } else {
                join(
                        indexes,
                        true,
                        (base, source, target) -> resolver.transfers(base, source, target)
                                .forEachRemaining(action -> pairs.claim(action).forEach(total::paired)));
            }
            pairs.pairFolders().forEach(total::movedFolder);
        }
        Surveyed surveyed = new Surveyed(resolver, List.ofAll(found).reverse()); // children first: put in order
        total.conflicts = surveyed.found().size();
        total.pending = surveyed.found().count(Conflict::isPending);
        total.targetFiles = indexes.target().countFiles();
        total.sourceFiles = indexes.source().countFiles();
        boolean whole = folders.size() > MAX_FOLDERS || pairs.folderMoves() > 0;
        return new Prepared(
                surveyed,
                total,
                pairs,
                whole
                        ? Option.none()
                        : Option.some(List.ofAll(folders)
                                .sorted((a, b) -> RelativePath.compareCodePoints(a.value(), b.value()))));
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

    /**
     * A pass of a phase: over the folders where the plan acts when it knows them (each folder's entries read when the
     * pass gets there), else over everything.
     */
    private void join(Indexes indexes, Prepared prepared, boolean ascending, Join pass) {
        if (prepared.folders().isEmpty()) {
            join(indexes, ascending, pass);
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

    /** Runs one pass over fresh cursors on the baseline and both indexes, closing them after. */
    private void join(Indexes indexes, boolean ascending, Join pass) {
        Conduit conduit = indexes.conduit();
        try (IndexStore.EntryCursor base =
                        ascending ? baselines.ascending(conduit.id()) : baselines.descending(conduit.id());
                IndexStore.EntryCursor source = ascending
                        ? indexes.source().ascending()
                        : indexes.source().descending();
                IndexStore.EntryCursor target = ascending
                        ? indexes.target().ascending()
                        : indexes.target().descending()) {
            pass.run(base, source, target);
        }
    }
}
