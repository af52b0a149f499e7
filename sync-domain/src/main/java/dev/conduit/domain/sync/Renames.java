package dev.conduit.domain.sync;

import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs files the sending side has newly with files only the receiving side has, so that a rename is carried out as
 * a rename rather than a copy and a delete. A pair has the same size and, when both hashes are known, the same hash;
 * otherwise the same modification time to the millisecond (a rename keeps both). Empty files are never paired (they
 * are all alike). Each receiving file is taken once, by the first sending file in plan order that fits.
 *
 * <p>Mutable by design: it is filled from one pass over the plan and then consulted by the next ones. Its memory is
 * bounded by {@link #MAX_CANDIDATES} receiving-only files; beyond that, no renames are looked for.
 */
public final class Renames {

    public static final int MAX_CANDIDATES = 100_000;

    private final Map<Direction, Map<Long, List<IndexEntry>>> bySize = new java.util.EnumMap<>(Direction.class);
    private final Set<RelativePath> taken = new HashSet<>();
    private final Map<RelativePath, IndexEntry> pairs = new HashMap<>();
    private int candidates;
    private boolean overflowed;

    /** Offers a delete of the plan: a receiving-only file may be the old name of a new sending file. */
    public void offer(SyncAction action) {
        if (!(action instanceof SyncAction.Delete delete)
            || delete.why() != DeleteReason.NOT_IN_SOURCE && delete.why() != DeleteReason.DELETED
            || !isCandidate(delete.current()) || overflowed) {
            return;
        }
        if (++candidates > MAX_CANDIDATES) {
            overflowed = true;
            bySize.clear();
            return;
        }
        bySize.computeIfAbsent(delete.direction(), direction -> new HashMap<>())
            .computeIfAbsent(delete.current().stat().size(), size -> new ArrayList<>()).add(delete.current());
    }

    /** Whether the action may be claimed: a copy of a new, non-empty file (kept aside to claim it later). */
    public static boolean mayClaim(SyncAction action) {
        return action instanceof SyncAction.Copy copy && copy.replaced().isEmpty() && isCandidate(copy.wanted());
    }

    /**
     * Pairs a new file of the sending side with a receiving-only file, if one fits and is not taken; remembers the
     * pair. Call in plan order, once per action.
     */
    public Option<SyncAction.Move> claim(SyncAction action) {
        if (!mayClaim(action)) {
            return Option.none();
        }
        SyncAction.Copy copy = (SyncAction.Copy) action;
        IndexEntry wanted = copy.wanted();
        for (IndexEntry current : bySize.getOrDefault(copy.direction(), Map.of())
            .getOrDefault(wanted.stat().size(), List.of())) {
            if (!taken.contains(current.path()) && sameFile(current, wanted)) {
                taken.add(current.path());
                pairs.put(wanted.path(), current);
                return Option.some(new SyncAction.Move(copy.direction(), current, wanted));
            }
        }
        return Option.none();
    }

    /** The action as the plan runs it: a paired copy becomes its move; a delete of a taken file disappears. */
    public Option<SyncAction> rewrite(SyncAction action) {
        if (action instanceof SyncAction.Copy copy && copy.replaced().isEmpty() && pairs.containsKey(copy.path())) {
            return Option.some(new SyncAction.Move(copy.direction(), pairs.get(copy.path()), copy.wanted()));
        }
        if (action instanceof SyncAction.Delete && taken.contains(action.path())) {
            return Option.none();
        }
        return Option.some(action);
    }

    public int pairs() {
        return pairs.size();
    }

    public boolean isEmpty() {
        return bySize.isEmpty();
    }

    private static boolean isCandidate(IndexEntry entry) {
        return entry.stat().isFile() && entry.stat().size() > 0;
    }

    private static boolean sameFile(IndexEntry current, IndexEntry wanted) {
        if (current.hash().isDefined() && wanted.hash().isDefined()) {
            return current.hash().equals(wanted.hash());
        }
        return MirrorRules.sameMtime(current, wanted);
    }
}
