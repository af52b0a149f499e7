package dev.conduit.domain.join;

import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The full outer join of a bidirectional conduit's baseline and its two indexes on their paths, in one pass over three
 * streams in the same order (see {@link Pairing}): each path once, with what the baseline and each side hold there.
 * Memory: one entry of each stream.
 */
public final class ThreeWay implements Iterator<ThreeWay.Triple> {

    private final Side base;
    private final Side source;
    private final Side target;
    private final Comparator<IndexEntry> order;

    /** What the baseline and the two sides hold at one path; at least one of them holds something. */
    public record Triple(
            RelativePath path, Option<IndexEntry> base, Option<IndexEntry> source, Option<IndexEntry> target) {}

    public ThreeWay(
            Iterator<IndexEntry> base,
            Iterator<IndexEntry> source,
            Iterator<IndexEntry> target,
            Comparator<IndexEntry> order) {
        this.order = order;
        this.base = new Side(base);
        this.source = new Side(source);
        this.target = new Side(target);
    }

    @Override
    public boolean hasNext() {
        return base.next != null || source.next != null || target.next != null;
    }

    @Override
    public Triple next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        IndexEntry first = first(first(base.next, source.next), target.next);
        return new Triple(first.path(), base.takeIf(first), source.takeIf(first), target.takeIf(first));
    }

    private IndexEntry first(IndexEntry a, IndexEntry b) {
        if (a == null) {
            return b;
        }
        return b == null || order.compare(a, b) <= 0 ? a : b;
    }

    /** One stream with the entry it has read ahead, checked to come in order. */
    private final class Side {
        private final Iterator<IndexEntry> entries;
        private IndexEntry next;

        Side(Iterator<IndexEntry> entries) {
            this.entries = entries;
            this.next = entries.hasNext() ? entries.next() : null;
        }

        Option<IndexEntry> takeIf(IndexEntry at) {
            if (next == null || order.compare(next, at) != 0) {
                return Option.none();
            }
            IndexEntry taken = next;
            next = entries.hasNext() ? entries.next() : null;
            if (next != null && order.compare(taken, next) >= 0) {
                throw new IllegalArgumentException(
                        "index stream out of order: " + next.path() + " after " + taken.path());
            }
            return Option.some(taken);
        }
    }
}
