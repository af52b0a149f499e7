package dev.conduit.domain.mirror;

import dev.conduit.domain.index.CommonGround;
import dev.conduit.domain.index.EntryComparison;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.join.Pairing;
import dev.conduit.domain.limits.Limits;
import dev.conduit.domain.limits.Refusals;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.plan.SyncPlan;
import io.vavr.collection.Iterator;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.function.BiFunction;

/**
 * The plan of a mirror, as the join of the source's and the target's indexes, phase by phase. Each phase is a lazy
 * stream over two streams of index entries (see {@link Pairing}); nothing is held but the current pair, so a plan of
 * any size resolves in constant memory. Both inputs of a phase must be in the order the phase names.
 */
public final class MirrorResolver {

    private MirrorResolver() {}

    /** Phase one: directories made, files and links copied, metadata fixed; inputs in {@link Pairing#ASCENDING}. */
    public static Iterator<SyncAction.Transfer> transfers(
            java.util.Iterator<IndexEntry> source, java.util.Iterator<IndexEntry> target) {
        return transfers(source, target, Limits.NONE);
    }

    /** Phase one within the limits of the two file systems. */
    public static Iterator<SyncAction.Transfer> transfers(
            java.util.Iterator<IndexEntry> source, java.util.Iterator<IndexEntry> target, Limits limits) {
        return phase(
                source,
                target,
                Pairing.ASCENDING,
                limits,
                (s, t) -> MirrorRules.transfer(Direction.SOURCE_TO_TARGET, s, t, limits.ground()));
    }

    /** Phase two: deletes, children before parents; inputs in {@link Pairing#DESCENDING}. */
    public static Iterator<SyncAction.Delete> deletes(
            java.util.Iterator<IndexEntry> source, java.util.Iterator<IndexEntry> target) {
        return deletes(source, target, Limits.NONE);
    }

    /** Phase two within the limits: a refused entry's path is left alone on the target. */
    public static Iterator<SyncAction.Delete> deletes(
            java.util.Iterator<IndexEntry> source, java.util.Iterator<IndexEntry> target, Limits limits) {
        return phase(source, target, Pairing.DESCENDING, limits, MirrorRules::delete);
    }

    /** Phase three: files and links in place of deleted directories; inputs in {@link Pairing#ASCENDING}. */
    public static Iterator<SyncAction.Transfer> replacements(
            java.util.Iterator<IndexEntry> source, java.util.Iterator<IndexEntry> target) {
        return replacements(source, target, Limits.NONE);
    }

    /** Phase three within the limits. */
    public static Iterator<SyncAction.Transfer> replacements(
            java.util.Iterator<IndexEntry> source, java.util.Iterator<IndexEntry> target, Limits limits) {
        return phase(source, target, Pairing.ASCENDING, limits, MirrorRules::replacement);
    }

    /**
     * Every action of every phase in one pass, in {@link Pairing#ASCENDING} order rather than the order they run in:
     * for counting a plan with one read of each index.
     */
    public static Iterator<SyncAction> everyPhase(
            java.util.Iterator<IndexEntry> source, java.util.Iterator<IndexEntry> target) {
        return everyPhase(source, target, Limits.NONE);
    }

    /** Every action of every phase within the limits. */
    public static Iterator<SyncAction> everyPhase(
            java.util.Iterator<IndexEntry> source, java.util.Iterator<IndexEntry> target, Limits limits) {
        return everyPhase(source, target, limits, folder -> {});
    }

    /**
     * Every action of every phase within the limits; and, told to {@code foldersOutOfTime} in the same pass, each
     * source folder whose target folder has another modification time. Folder times never count as changes (they
     * change with every entry made in a folder), but a mirror restores them wherever they differ, whether or not its
     * plan touched the folder: after a killed, failed or concurrent sync too.
     */
    public static Iterator<SyncAction> everyPhase(
            java.util.Iterator<IndexEntry> source,
            java.util.Iterator<IndexEntry> target,
            Limits limits,
            java.util.function.Consumer<IndexEntry> foldersOutOfTime) {
        return Iterator.ofAll(new Pairing(source, target, Pairing.ASCENDING))
                .filter(pair -> !limits.refused().covers(pair.path()))
                .peek(pair -> {
                    if (pair.source().exists(IndexEntry::isDirectory)
                            && pair.target().exists(IndexEntry::isDirectory)
                            && !EntryComparison.sameMtime(
                                    pair.source().get(), pair.target().get(), limits.ground())) {
                        foldersOutOfTime.accept(pair.source().get());
                    }
                })
                .flatMap(pair -> io.vavr.collection.List.<SyncAction>empty()
                        .appendAll(MirrorRules.transfer(
                                Direction.SOURCE_TO_TARGET, pair.source(), pair.target(), limits.ground()))
                        .appendAll(MirrorRules.delete(pair.source(), pair.target()))
                        .appendAll(MirrorRules.replacement(pair.source(), pair.target())));
    }

    /**
     * What the target refuses of the source (see {@link Refusals}): one pass over the join, only when a target with
     * these traits can refuse anything.
     */
    public static Refusals refusals(
            java.util.Iterator<IndexEntry> source,
            java.util.Iterator<IndexEntry> target,
            FileSystemTraits targetTraits) {
        if (!Refusals.possible(targetTraits)) {
            return Refusals.NONE;
        }
        Refusals.Finder finder = Refusals.finder(Direction.SOURCE_TO_TARGET, targetTraits);
        new Pairing(source, target, Pairing.ASCENDING)
                .forEachRemaining(pair -> finder.offer(pair.source(), pair.target()));
        return finder.done();
    }

    /** The whole plan of two indexes small enough to hold: each is sorted here. */
    public static SyncPlan plan(Seq<IndexEntry> source, Seq<IndexEntry> target) {
        return plan(source, target, FileSystemTraits.POSIX, FileSystemTraits.POSIX);
    }

    /** The same between two file systems with these traits; the refused entries are left out. */
    public static SyncPlan plan(
            Seq<IndexEntry> source,
            Seq<IndexEntry> target,
            FileSystemTraits sourceTraits,
            FileSystemTraits targetTraits) {
        Seq<IndexEntry> up = source.sorted(Pairing.ASCENDING);
        Seq<IndexEntry> targetUp = target.sorted(Pairing.ASCENDING);
        Limits limits = new Limits(
                CommonGround.of(sourceTraits, targetTraits),
                refusals(up.iterator(), targetUp.iterator(), targetTraits));
        return new SyncPlan(
                transfers(up.iterator(), targetUp.iterator(), limits).toList(),
                deletes(up.reverseIterator(), targetUp.reverseIterator(), limits)
                        .toList(),
                replacements(up.iterator(), targetUp.iterator(), limits).toList());
    }

    private static <A extends SyncAction> Iterator<A> phase(
            java.util.Iterator<IndexEntry> source,
            java.util.Iterator<IndexEntry> target,
            java.util.Comparator<IndexEntry> order,
            Limits limits,
            BiFunction<Option<IndexEntry>, Option<IndexEntry>, Option<A>> rule) {
        return Iterator.ofAll(new Pairing(source, target, order))
                .filter(pair -> !limits.refused().covers(pair.path()))
                .flatMap(pair -> rule.apply(pair.source(), pair.target()));
    }
}
