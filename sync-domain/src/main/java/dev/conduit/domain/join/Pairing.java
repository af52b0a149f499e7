package dev.conduit.domain.join;

import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;
import java.util.Comparator;
import java.util.Iterator;

/**
 * The full outer join of two indexes on their paths, in one pass over two streams that are both in the same order:
 * each path once, with what each side holds there (see {@link MergeJoin}). Memory: one entry of each side.
 */
public final class Pairing implements Iterator<Pairing.Pair> {

    /** Directory order, the order in which the index hands out a tree: parents before their children. */
    public static final Comparator<IndexEntry> ASCENDING =
            (a, b) -> RelativePath.compareDirectoryOrder(a.path(), b.path());

    /** The reverse: children before their parents. */
    public static final Comparator<IndexEntry> DESCENDING = ASCENDING.reversed();

    private final MergeJoin join;

    /** What the two sides hold at one path; at least one of them holds something. */
    public record Pair(Option<IndexEntry> source, Option<IndexEntry> target) {

        public RelativePath path() {
            return source.orElse(target).get().path();
        }
    }

    public Pairing(Iterator<IndexEntry> source, Iterator<IndexEntry> target, Comparator<IndexEntry> order) {
        this.join = new MergeJoin(order, source, target);
    }

    @Override
    public boolean hasNext() {
        return join.hasNext();
    }

    @Override
    public Pair next() {
        MergeJoin.Row row = join.next();
        return new Pair(row.take(0), row.take(1));
    }
}
