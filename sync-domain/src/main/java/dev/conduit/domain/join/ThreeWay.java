package dev.conduit.domain.join;

import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;
import java.util.Comparator;
import java.util.Iterator;

/**
 * The full outer join of a bidirectional conduit's baseline and its two indexes on their paths, in one pass over three
 * streams in the same order (see {@link Pairing}): each path once, with what the baseline and each side hold there.
 * Memory: one entry of each stream.
 */
public final class ThreeWay implements Iterator<ThreeWay.Triple> {

    private final MergeJoin join;

    /** What the baseline and the two sides hold at one path; at least one of them holds something. */
    public record Triple(
            RelativePath path, Option<IndexEntry> base, Option<IndexEntry> source, Option<IndexEntry> target) {}

    public ThreeWay(
            Iterator<IndexEntry> base,
            Iterator<IndexEntry> source,
            Iterator<IndexEntry> target,
            Comparator<IndexEntry> order) {
        this.join = new MergeJoin(order, base, source, target);
    }

    @Override
    public boolean hasNext() {
        return join.hasNext();
    }

    @Override
    public Triple next() {
        MergeJoin.Row row = join.next();
        Option<IndexEntry> base = row.take(0);
        Option<IndexEntry> source = row.take(1);
        Option<IndexEntry> target = row.take(2);
        return new Triple(base.orElse(source).orElse(target).get().path(), base, source, target);
    }
}
