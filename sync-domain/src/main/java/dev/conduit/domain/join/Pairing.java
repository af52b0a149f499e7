package dev.conduit.domain.join;

import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The full outer join of two indexes on their paths, in one pass over two streams that are both in the same order:
 * each path once, with what each side holds there. Memory: one entry of each side.
 */
public final class Pairing implements Iterator<Pairing.Pair> {

    /** Directory order, the order in which the index hands out a tree: parents before their children. */
    public static final Comparator<IndexEntry> ASCENDING =
            (a, b) -> RelativePath.compareDirectoryOrder(a.path(), b.path());

    /** The reverse: children before their parents. */
    public static final Comparator<IndexEntry> DESCENDING = ASCENDING.reversed();

    private final Iterator<IndexEntry> left;
    private final Iterator<IndexEntry> right;
    private final Comparator<IndexEntry> order;
    private IndexEntry nextLeft;
    private IndexEntry nextRight;

    /** What the two sides hold at one path; at least one of them holds something. */
    public record Pair(Option<IndexEntry> source, Option<IndexEntry> target) {

        public RelativePath path() {
            return source.orElse(target).get().path();
        }
    }

    public Pairing(Iterator<IndexEntry> source, Iterator<IndexEntry> target, Comparator<IndexEntry> order) {
        this.left = source;
        this.right = target;
        this.order = order;
        this.nextLeft = advance(source, null);
        this.nextRight = advance(target, null);
    }

    @Override
    public boolean hasNext() {
        return nextLeft != null || nextRight != null;
    }

    @Override
    public Pair next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int comparison = nextLeft == null ? 1 : nextRight == null ? -1 : order.compare(nextLeft, nextRight);
        Pair pair;
        if (comparison < 0) {
            pair = new Pair(Option.some(nextLeft), Option.none());
            nextLeft = advance(left, nextLeft);
        } else if (comparison > 0) {
            pair = new Pair(Option.none(), Option.some(nextRight));
            nextRight = advance(right, nextRight);
        } else {
            pair = new Pair(Option.some(nextLeft), Option.some(nextRight));
            nextLeft = advance(left, nextLeft);
            nextRight = advance(right, nextRight);
        }
        return pair;
    }

    /** The next entry, checked to follow the one before it on its side: a join of unordered input would be wrong. */
    private IndexEntry advance(Iterator<IndexEntry> side, IndexEntry previous) {
        if (!side.hasNext()) {
            return null;
        }
        IndexEntry entry = side.next();
        if (previous != null && order.compare(previous, entry) >= 0) {
            throw new IllegalArgumentException(
                    "index stream out of order: " + entry.path() + " after " + previous.path());
        }
        return entry;
    }
}
