package dev.conduit.domain.join;

import dev.conduit.domain.index.IndexEntry;
import io.vavr.control.Option;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The ordered merge-join under {@link Pairing} (two streams) and {@link ThreeWay} (three): the full outer join of
 * streams that are each in {@code order}, one path at a time, reading one entry ahead on each stream. Each stream is
 * checked to come in order: a join of unordered input would be wrong.
 *
 * <p>{@link #next} moves to the next path and hands out its {@link Row}, from which each stream's entry there is taken
 * once (taking it reads that stream one further).
 */
final class MergeJoin {

    private final Comparator<IndexEntry> order;
    private final Iterator<IndexEntry>[] streams;
    private final IndexEntry[] heads;
    private IndexEntry at;
    private final Row row = this::take;

    /** One path of the join: what each stream holds there. */
    @FunctionalInterface
    interface Row {
        /** What stream {@code stream} (by its place in the constructor's arguments) holds at this path. */
        Option<IndexEntry> take(int stream);
    }

    @SafeVarargs
    MergeJoin(Comparator<IndexEntry> order, Iterator<IndexEntry>... streams) {
        this.order = order;
        this.streams = streams.clone();
        this.heads = new IndexEntry[streams.length];
        for (int i = 0; i < streams.length; i++) {
            heads[i] = advance(i, null);
        }
    }

    boolean hasNext() {
        for (IndexEntry head : heads) {
            if (head != null) {
                return true;
            }
        }
        return false;
    }

    /** Moves to the next path: the first in order of the entries read ahead. */
    Row next() {
        IndexEntry first = null;
        for (IndexEntry head : heads) {
            if (head != null && (first == null || order.compare(head, first) < 0)) {
                first = head;
            }
        }
        if (first == null) {
            throw new NoSuchElementException();
        }
        at = first;
        return row;
    }

    private Option<IndexEntry> take(int stream) {
        IndexEntry head = heads[stream];
        if (head == null || at == null || order.compare(head, at) != 0) {
            return Option.none();
        }
        heads[stream] = advance(stream, head);
        return Option.some(head);
    }

    private IndexEntry advance(int stream, IndexEntry previous) {
        Iterator<IndexEntry> entries = streams[stream];
        if (!entries.hasNext()) {
            return null;
        }
        IndexEntry entry = entries.next();
        if (previous != null && order.compare(previous, entry) >= 0) {
            throw new IllegalArgumentException(
                    "index stream out of order: " + entry.path() + " after " + previous.path());
        }
        return entry;
    }
}
