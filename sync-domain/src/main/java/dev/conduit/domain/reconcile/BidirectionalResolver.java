package dev.conduit.domain.reconcile;

import dev.conduit.domain.conduit.ConflictPolicy;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.conflict.Conflict;
import dev.conduit.domain.conflict.ConflictNames;
import dev.conduit.domain.conflict.ConflictType;
import dev.conduit.domain.index.CommonGround;
import dev.conduit.domain.index.EntryComparison;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.join.Pairing;
import dev.conduit.domain.join.ThreeWay;
import dev.conduit.domain.join.ThreeWay.Triple;
import dev.conduit.domain.mirror.MirrorResolver;
import dev.conduit.domain.mirror.MirrorRules;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.DeleteReason;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.reconcile.Reconciliation.Decision;
import io.vavr.collection.Iterator;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The plan of a bidirectional sync, as the join of the baseline and both indexes (see {@link ThreeWay}), phase by
 * phase like a mirror's (see {@link MirrorResolver}) but in both directions: every action names its direction.
 *
 * <p>One fact about a path depends on others: a folder deleted on one side stays when something inside it survives
 * (changed or new on the other side, or pending). A {@link #survey} reads the join once, children before parents, to
 * find those folders, the conflicts and the pending folders whose insides nobody touches; its result, a
 * {@link Survey}, is handed to each phase, which then resolves each path on its own. Memory: the folders that stay, the pending ones, and while surveying the folders with
 * something new below them.
 *
 * <p>Phases, each a lazy stream over fresh cursors: the conflict renames (a loser kept beside the winner is renamed on
 * its own side first), transfers parents first, deletes children first, then the copies of files and links that
 * waited for a folder to make room. Each phase reads the indexes as the phases before it left them.
 */
public final class BidirectionalResolver {

    private final ConflictPolicy policy;
    private final CommonGround ground;
    private final Map<RelativePath, Answer> answers;
    private final BiPredicate<RelativePath, IndexEntry> keptAlready;

    /**
     * What a {@link #survey} found, handed to every phase: the folders that stay because of what survives inside them,
     * the pending folders whose insides nobody touches, and the paths whose loser is kept beside its winner (by the
     * loser's side). A phase cannot run without one, so the survey cannot be forgotten or run late.
     */
    public record Survey(
            Set<RelativePath> keptFolders, Set<RelativePath> pendingFolders, Map<RelativePath, Side> keptLosers) {

        /**
         * Whether the actions the survey handed out are the plan's: not when a pending folder was found, since the
         * paths below it (surveyed before it) must then be left alone; count with {@link #everyPhase} again.
         */
        public boolean counted() {
            return pendingFolders.isEmpty();
        }

        private Survey frozen() {
            return new Survey(Set.copyOf(keptFolders), Set.copyOf(pendingFolders), Map.copyOf(keptLosers));
        }
    }

    /**
     * A user's answer to a pending conflict, valid only while both sides still hold the versions it was given for.
     *
     * @param source what the source held when the user answered ({@link #fingerprint})
     * @param target what the target held
     */
    public record Answer(Keep keep, String source, String target) {}

    /**
     * @param answers     the users' answers to the conduit's pending conflicts, by path
     * @param keptAlready whether a version of a path is already kept beside it as a conflict copy with that content
     *                    (then it is not kept twice)
     */
    public BidirectionalResolver(
            ConflictPolicy policy,
            Map<RelativePath, Answer> answers,
            BiPredicate<RelativePath, IndexEntry> keptAlready) {
        this(policy, answers, keptAlready, CommonGround.FULL);
    }

    /** The same between two file systems whose common ground is {@code ground}: metadata is compared within it. */
    public BidirectionalResolver(
            ConflictPolicy policy,
            Map<RelativePath, Answer> answers,
            BiPredicate<RelativePath, IndexEntry> keptAlready,
            CommonGround ground) {
        this.policy = policy;
        this.ground = ground;
        this.answers = Map.copyOf(answers);
        this.keptAlready = keptAlready;
    }

    /** A version's identity, for checking that an answer is about what the sides hold now. */
    public static String fingerprint(Option<IndexEntry> entry) {
        if (entry.isEmpty()) {
            return "absent";
        }
        IndexEntry present = entry.get();
        return present.kind().label() + " " + present.stat().size() + " "
                + present.stat().mtimeNanos() / 1_000_000 + " "
                + present.hash()
                        .map(Object::toString)
                        .getOrElse(() -> present.stat().linkTarget().getOrElse("-"));
    }

    /**
     * Pass one, over the join in {@link Pairing#DESCENDING} order: remembers the folders that stay and the pending
     * folders, and hands out every conflict with its settlement.
     *
     * @param zone the time zone that conflict copies are named in (the caller's clock's)
     */
    public Survey survey(
            java.util.Iterator<IndexEntry> base,
            java.util.Iterator<IndexEntry> source,
            java.util.Iterator<IndexEntry> target,
            Consumer<Conflict> conflicts,
            ZoneId zone) {
        return survey(base, source, target, conflicts, zone, (triple, actions) -> {});
    }

    /** Hears each path of the survey with every action of every phase it needs (see {@link #everyPhase}). */
    public interface Visitor {
        void visit(Triple triple, List<SyncAction> actions);
    }

    /**
     * The survey, which also hands each path's actions to {@code visitor}: a path's own decision is final once the
     * paths below it are surveyed, so one pass both surveys and counts the plan.
     *
     * @return what the phases need of it; {@link Survey#counted()} says whether the actions handed out are the plan's
     */
    public Survey survey(
            java.util.Iterator<IndexEntry> base,
            java.util.Iterator<IndexEntry> source,
            java.util.Iterator<IndexEntry> target,
            Consumer<Conflict> conflicts,
            ZoneId zone,
            Visitor visitor) {
        Set<RelativePath> survivors = new HashSet<>(); // folders with something below that stays
        Set<RelativePath> keptFolders = new HashSet<>();
        Set<RelativePath> pendingFolders = new HashSet<>();
        Map<RelativePath, Side> keptLosers = new java.util.HashMap<>();
        Survey survey = new Survey(keptFolders, pendingFolders, keptLosers); // filled as the pass goes
        ThreeWay join = new ThreeWay(base, source, target, Pairing.DESCENDING);
        while (join.hasNext()) {
            Triple triple = join.next();
            RelativePath path = triple.path();
            boolean keeps = survivors.remove(path);
            if (keeps
                    && !(triple.source().exists(IndexEntry::isDirectory)
                            && triple.target().exists(IndexEntry::isDirectory))) {
                keptFolders.add(path);
            }
            Decision decision = decide(survey, triple);
            if (decision instanceof Decision.Conflicted conflicted) {
                conflicts.accept(new Conflict(
                        path, conflicted.type(), conflicted.settlement(), triple.source(), triple.target()));
                if (conflicted.settlement() instanceof Settlement.Pending
                        && conflicted.type() == ConflictType.TYPE_MISMATCH) {
                    pendingFolders.add(path);
                }
                if (conflicted.settlement() instanceof Settlement.KeepBoth keepBoth) {
                    keptLosers.put(path, keepBoth.loser());
                }
            }
            if (!path.parent().isRoot() && outlives(decision, triple)) {
                survivors.add(path.parent());
            }
            visitor.visit(triple, actionsOf(triple, decision, zone));
        }
        return survey.frozen();
    }

    /**
     * What the path needs, as the phases see it: none below a pending folder; once a kept loser has been renamed away,
     * the winner's version goes where it was.
     */
    public Decision decide(Survey survey, Triple triple) {
        RelativePath path = triple.path();
        if (blocked(survey, path)) {
            return new Decision.Conflicted(ConflictType.TYPE_MISMATCH, new Settlement.Pending());
        }
        Side renamed = survey.keptLosers().get(path);
        if (renamed != null && (renamed == Side.SOURCE ? triple.source() : triple.target()).isEmpty()) {
            return new Decision.Propagate(Direction.into(renamed), false);
        }
        Answer answer = answers.get(path);
        Option<Keep> decided = answer != null
                        && answer.source().equals(fingerprint(triple.source()))
                        && answer.target().equals(fingerprint(triple.target()))
                ? Option.some(answer.keep())
                : Option.none();
        Reconciliation.Context context = new Reconciliation.Context(
                policy, decided, survey.keptFolders().contains(path), ConflictNames.isConflictCopy(path), ground);
        Decision decision = Reconciliation.decide(triple.base(), triple.source(), triple.target(), context);
        if (decision instanceof Decision.Conflicted conflicted
                && conflicted.settlement() instanceof Settlement.KeepBoth keepBoth
                && conflicted.type() != ConflictType.TYPE_MISMATCH) {
            IndexEntry loser = (keepBoth.loser() == Side.SOURCE ? triple.source() : triple.target()).get();
            if (!loser.stat().isFile() || keptAlready.test(path, loser)) {
                Side winner = keepBoth.loser() == Side.SOURCE ? Side.TARGET : Side.SOURCE;
                return new Decision.Conflicted(
                        conflicted.type(),
                        new Settlement.Winner(
                                winner,
                                loser.stat().isFile()
                                        ? "the other version is already kept as a conflict copy"
                                        : "a link is not kept twice"));
            }
        }
        return decision;
    }

    /**
     * Phase zero, in {@link Pairing#ASCENDING} order: each loser that is kept beside its winner is renamed to its
     * conflict name on its own side. With {@code followUps}, each rename is followed by the copies the transfers will
     * make of it (for plans and counts, which do not run the rename first).
     *
     * @param taken whether a path is in use on either side (conflict names never overwrite anything)
     */
    public Iterator<SyncAction.Transfer> conflictRenames(
            Survey survey,
            java.util.Iterator<IndexEntry> base,
            java.util.Iterator<IndexEntry> source,
            java.util.Iterator<IndexEntry> target,
            ZoneId zone,
            Predicate<RelativePath> taken,
            boolean followUps) {
        Set<RelativePath> named = new HashSet<>();
        return Iterator.ofAll(new ThreeWay(base, source, target, Pairing.ASCENDING))
                .flatMap(triple -> decide(survey, triple) instanceof Decision.Conflicted conflicted
                                && conflicted.settlement() instanceof Settlement.KeepBoth keepBoth
                        ? keepBoth(triple, keepBoth.loser(), zone, taken.or(named::contains), named, followUps)
                        : List.<SyncAction.Transfer>empty());
    }

    /** Phase one: folders made, files and links copied, metadata fixed, both ways; {@link Pairing#ASCENDING}. */
    public Iterator<SyncAction.Transfer> transfers(
            Survey survey,
            java.util.Iterator<IndexEntry> base,
            java.util.Iterator<IndexEntry> source,
            java.util.Iterator<IndexEntry> target) {
        return Iterator.ofAll(new ThreeWay(base, source, target, Pairing.ASCENDING))
                .flatMap(triple -> transferOf(triple, decide(survey, triple)));
    }

    /** Phase two: deletes, children before parents, both ways; {@link Pairing#DESCENDING}. */
    public Iterator<SyncAction.Delete> deletes(
            Survey survey,
            java.util.Iterator<IndexEntry> base,
            java.util.Iterator<IndexEntry> source,
            java.util.Iterator<IndexEntry> target) {
        return Iterator.ofAll(new ThreeWay(base, source, target, Pairing.DESCENDING))
                .flatMap(triple -> deleteOf(triple, decide(survey, triple)));
    }

    /**
     * Phase three, in {@link Pairing#ASCENDING} order: the files and links that take the place of the folders the
     * delete phase removed in {@code direction} to make room for them ({@link DeleteReason#REPLACED}). Not decided
     * again: both sides now lack the path, which is what the delete did, not a user.
     */
    public Iterator<SyncAction.Transfer> replacements(
            java.util.Iterator<IndexEntry> base,
            java.util.Iterator<IndexEntry> source,
            java.util.Iterator<IndexEntry> target,
            Direction direction,
            Set<RelativePath> replaced) {
        return Iterator.ofAll(new ThreeWay(base, source, target, Pairing.ASCENDING))
                .filter(triple -> replaced.contains(triple.path()))
                .flatMap(triple -> MirrorRules.transfer(
                        direction, sending(triple, direction), receiving(triple, direction), ground));
    }

    /**
     * Every action of every phase in one pass in {@link Pairing#ASCENDING} order, a kept loser's rename with its
     * follow-up copies (its conflict name is the first candidate: names are only settled by the rename phase).
     */
    public Iterator<SyncAction> everyPhase(
            Survey survey,
            java.util.Iterator<IndexEntry> base,
            java.util.Iterator<IndexEntry> source,
            java.util.Iterator<IndexEntry> target,
            ZoneId zone) {
        return Iterator.ofAll(new ThreeWay(base, source, target, Pairing.ASCENDING))
                .flatMap(triple -> everyPhase(survey, triple, zone));
    }

    /** Every action of every phase at one path (see {@link #everyPhase(Survey, java.util.Iterator,
     * java.util.Iterator, java.util.Iterator, ZoneId)}). */
    public List<SyncAction> everyPhase(Survey survey, Triple triple, ZoneId zone) {
        return actionsOf(triple, decide(survey, triple), zone);
    }

    private List<SyncAction> actionsOf(Triple triple, Decision decision, ZoneId zone) {
        if (decision instanceof Decision.Conflicted conflicted
                && conflicted.settlement() instanceof Settlement.KeepBoth keepBoth) {
            return List.narrow(keepBoth(triple, keepBoth.loser(), zone, path -> false, new HashSet<>(), true));
        }
        return List.<SyncAction>narrow(transferOf(triple, decision))
                .appendAll(deleteOf(triple, decision))
                .appendAll(propagation(decision)
                        .flatMap(way -> MirrorRules.replacement(
                                way.direction(),
                                sending(triple, way.direction()),
                                receiving(triple, way.direction()))));
    }

    /**
     * What the baseline records for the path once a sync is over: the state both sides agree on, nothing when both
     * lack it, and no change where they still disagree (an interrupted or failed action, a pending conflict): the
     * baseline never claims more than happened.
     *
     * @return the new baseline entry (none: remove it), or none at all when the baseline stays as it is
     */
    public static Option<Option<IndexEntry>> settled(Triple triple) {
        return settled(triple, CommonGround.FULL);
    }

    /** The same between two file systems whose common ground is {@code ground}. */
    public static Option<Option<IndexEntry>> settled(Triple triple, CommonGround ground) {
        Option<IndexEntry> source = triple.source();
        Option<IndexEntry> target = triple.target();
        if (source.isEmpty() && target.isEmpty()) {
            return triple.base().isDefined() ? Option.some(Option.none()) : Option.none();
        }
        if (source.isEmpty() || target.isEmpty() || !agree(source.get(), target.get(), ground)) {
            return Option.none();
        }
        IndexEntry agreed =
                source.get().hash().isDefined() || target.get().hash().isEmpty()
                        ? source.get()
                        : source.get().withHash(target.get().hash());
        boolean same = triple.base()
                .exists(base -> !Reconciliation.changed(Option.some(base), Option.some(agreed), ground)
                        && base.hash().equals(agreed.hash())
                        && base.xattrs().equals(agreed.xattrs()));
        return same ? Option.none() : Option.some(Option.some(agreed));
    }

    private static boolean agree(IndexEntry source, IndexEntry target, CommonGround ground) {
        return EntryComparison.sameContent(source, target, ground)
                && EntryComparison.sameMetadata(source, target, ground);
    }

    private static boolean blocked(Survey survey, RelativePath path) {
        if (survey.pendingFolders().isEmpty()) {
            return false;
        }
        for (RelativePath up = path.parent(); !up.isRoot(); up = up.parent()) {
            if (survey.pendingFolders().contains(up)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the path is still there after the sync on a side that lacks it now: its folder must be there too. */
    private static boolean outlives(Decision decision, Triple triple) {
        if (triple.source().isDefined() && triple.target().isDefined()) {
            return false;
        }
        if (decision instanceof Decision.Propagate propagate) {
            return sending(triple, propagate.direction()).isDefined();
        }
        if (decision instanceof Decision.Conflicted conflicted) {
            return !(conflicted.settlement() instanceof Settlement.Winner winner)
                    || (winner.side() == Side.SOURCE ? triple.source() : triple.target()).isDefined();
        }
        return false;
    }

    /** The transfer a decision makes at the path: the mirror's rule in its direction, a loser marked as such. */
    private List<SyncAction.Transfer> transferOf(Triple triple, Decision decision) {
        return propagation(decision)
                .map(way -> MirrorRules.transfer(
                                way.direction(),
                                sending(triple, way.direction()),
                                receiving(triple, way.direction()),
                                ground)
                        .map(action -> way.loser() ? markLoser(action) : action))
                .map(List::ofAll)
                .getOrElse(List.empty());
    }

    private static List<SyncAction.Delete> deleteOf(Triple triple, Decision decision) {
        return propagation(decision)
                .map(way -> MirrorRules.delete(
                        way.direction(),
                        sending(triple, way.direction()),
                        receiving(triple, way.direction()),
                        way.loser() ? DeleteReason.CONFLICT_LOSER : DeleteReason.DELETED))
                .map(List::ofAll)
                .getOrElse(List.empty());
    }

    /** Which way the decision carries the path, and whether the receiving version lost a conflict. */
    private static Option<Decision.Propagate> propagation(Decision decision) {
        if (decision instanceof Decision.Propagate propagate) {
            return Option.some(propagate);
        }
        if (decision instanceof Decision.Conflicted conflicted
                && conflicted.settlement() instanceof Settlement.Winner winner) {
            return Option.some(new Decision.Propagate(Direction.from(winner.side()), true));
        }
        return Option.none();
    }

    private static SyncAction.Transfer markLoser(SyncAction.Transfer action) {
        return action.fold(
                make -> make,
                copy -> copy.replaced().isDefined()
                        ? new SyncAction.Copy(copy.direction(), copy.wanted(), copy.replaced(), true)
                        : copy,
                move -> move,
                fix -> fix);
    }

    /** The rename of a kept loser on its side, and with {@code followUps} the two copies that come of it. */
    private List<SyncAction.Transfer> keepBoth(
            Triple triple,
            Side loserSide,
            ZoneId zone,
            Predicate<RelativePath> taken,
            Set<RelativePath> named,
            boolean followUps) {
        Side winnerSide = loserSide == Side.SOURCE ? Side.TARGET : Side.SOURCE;
        IndexEntry loser = (loserSide == Side.SOURCE ? triple.source() : triple.target()).get();
        Option<IndexEntry> winner = winnerSide == Side.SOURCE ? triple.source() : triple.target();
        RelativePath name = ConflictNames.copyOf(triple.path(), loser.stat().mtimeNanos(), loserSide, zone, taken);
        named.add(name);
        IndexEntry kept = loser.at(name);
        List<SyncAction.Transfer> actions = List.of(new SyncAction.Move(Direction.into(loserSide), loser, kept));
        if (followUps) {
            if (winner.isDefined()) {
                actions = actions.append(
                        winner.get().isDirectory()
                                ? new SyncAction.MakeDirectory(Direction.from(winnerSide), winner.get(), Option.none())
                                : new SyncAction.Copy(Direction.from(winnerSide), winner.get(), Option.none()));
            }
            actions = actions.append(new SyncAction.Copy(Direction.from(loserSide), kept, Option.none()));
        }
        return actions;
    }

    private static Option<IndexEntry> sending(Triple triple, Direction direction) {
        return direction == Direction.SOURCE_TO_TARGET ? triple.source() : triple.target();
    }

    private static Option<IndexEntry> receiving(Triple triple, Direction direction) {
        return direction == Direction.SOURCE_TO_TARGET ? triple.target() : triple.source();
    }
}
