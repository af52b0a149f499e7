package dev.conduit.domain.sync;

import dev.conduit.domain.index.IndexEntry;
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

    private MirrorResolver() {
    }

    /** Phase one: directories made, files and links copied, metadata fixed; inputs in {@link Pairing#ASCENDING}. */
    public static Iterator<SyncAction> transfers(java.util.Iterator<IndexEntry> source,
                                                 java.util.Iterator<IndexEntry> target) {
        return phase(source, target, Pairing.ASCENDING, MirrorRules::transfer);
    }

    /** Phase two: deletes, children before parents; inputs in {@link Pairing#DESCENDING}. */
    public static Iterator<SyncAction> deletes(java.util.Iterator<IndexEntry> source,
                                               java.util.Iterator<IndexEntry> target) {
        return phase(source, target, Pairing.DESCENDING, (s, t) -> MirrorRules.delete(s, t).map(SyncAction.class::cast));
    }

    /** Phase three: files and links in place of deleted directories; inputs in {@link Pairing#ASCENDING}. */
    public static Iterator<SyncAction> replacements(java.util.Iterator<IndexEntry> source,
                                                    java.util.Iterator<IndexEntry> target) {
        return phase(source, target, Pairing.ASCENDING, MirrorRules::replacement);
    }

    /**
     * Every action of every phase in one pass, in {@link Pairing#ASCENDING} order rather than the order they run in:
     * for counting a plan with one read of each index.
     */
    public static Iterator<SyncAction> everyPhase(java.util.Iterator<IndexEntry> source,
                                                  java.util.Iterator<IndexEntry> target) {
        return Iterator.ofAll(new Pairing(source, target, Pairing.ASCENDING))
            .flatMap(pair -> io.vavr.collection.List.<SyncAction>empty()
                .appendAll(MirrorRules.transfer(pair.source(), pair.target()))
                .appendAll(MirrorRules.delete(pair.source(), pair.target()))
                .appendAll(MirrorRules.replacement(pair.source(), pair.target())));
    }

    /** The whole plan of two indexes small enough to hold: each is sorted here. */
    public static SyncPlan plan(Seq<IndexEntry> source, Seq<IndexEntry> target) {
        Seq<IndexEntry> up = source.sorted(Pairing.ASCENDING);
        Seq<IndexEntry> targetUp = target.sorted(Pairing.ASCENDING);
        return new SyncPlan(
            transfers(up.iterator(), targetUp.iterator()).toList(),
            deletes(up.reverseIterator(), targetUp.reverseIterator()).toList(),
            replacements(up.iterator(), targetUp.iterator()).toList());
    }

    private static Iterator<SyncAction> phase(java.util.Iterator<IndexEntry> source,
                                              java.util.Iterator<IndexEntry> target,
                                              java.util.Comparator<IndexEntry> order,
                                              BiFunction<Option<IndexEntry>, Option<IndexEntry>,
                                                  Option<SyncAction>> rule) {
        return Iterator.ofAll(new Pairing(source, target, order))
            .flatMap(pair -> rule.apply(pair.source(), pair.target()));
    }
}
