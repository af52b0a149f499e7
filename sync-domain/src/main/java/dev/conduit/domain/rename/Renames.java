package dev.conduit.domain.rename;

import dev.conduit.domain.index.CommonGround;
import dev.conduit.domain.index.EntryComparison;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.DeleteReason;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.collection.Seq;
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
 * otherwise the same modification time as far as both sides can tell (a rename keeps both; see {@link CommonGround}). Empty files are never paired (they
 * are all alike). Each receiving file is taken once, by the first sending file in plan order that fits.
 *
 * <p>Mutable by design: it is filled from one pass over the plan and then consulted by the next ones. Its memory is
 * bounded by {@link #MAX_CANDIDATES} receiving-only files; beyond that, no renames are looked for. A folder is moved
 * as a whole only when nothing in it is deleted for another reason than a rename's (a conflict's loser, a folder a file
 * replaces): those paths are noted too, up to {@link #MAX_CANDIDATES}; beyond that, no folder is moved whole.
 */
public final class Renames {

    public static final int MAX_CANDIDATES = 100_000;

    private final Map<Direction, Map<Long, List<IndexEntry>>> bySize = new java.util.EnumMap<>(Direction.class);
    private final Set<RelativePath> taken = new HashSet<>();
    private final Map<RelativePath, IndexEntry> pairs = new HashMap<>();
    private int candidates;
    private boolean overflowed;
    /** Entries the plan makes where nothing is, and entries it deletes: the material of folder renames. */
    private final Map<RelativePath, SyncAction.Transfer> arrivals = new HashMap<>();

    private final Map<RelativePath, SyncAction.Delete> departures = new HashMap<>();
    /**
     * Entries the plan deletes for another reason (a conflict's loser, a folder a file replaces): a folder holding one
     * is not moved as a whole, which would carry it along and skip its delete.
     */
    private final Set<RelativePath> otherDeletes = new HashSet<>();

    private boolean tooManyOtherDeletes;
    /** Folders renamed as a whole: the new path and the move, the old path and the new one. */
    private final Map<RelativePath, SyncAction.Move> folders = new HashMap<>();

    private final Map<RelativePath, RelativePath> movedFrom = new HashMap<>();
    private final CommonGround ground;

    /** Renames between two POSIX file systems. */
    public Renames() {
        this(CommonGround.FULL);
    }

    /** Renames whose pairs are compared within what both sides can hold. */
    public Renames(CommonGround ground) {
        this.ground = ground;
    }

    /**
     * A folder renamed as a whole, and what it replaces in the plan: {@code files} files paired by content (already
     * counted as moves), {@code others} empty files and links, {@code subfolders} folders below it.
     */
    public record FolderMove(SyncAction.Move move, int files, int others, int subfolders) {}

    /**
     * Offers an action of the plan: a receiving-only file may be the old name of a new sending file, and a folder
     * made where nothing is may be a folder deleted elsewhere, renamed.
     */
    public void offer(SyncAction action) {
        arrive(action);
        depart(action);
    }

    /**
     * Offers an arrival only: a folder made or a file copied where nothing was. Arrivals matter only once files are
     * paired ({@link #claim}), so a caller may offer them in its claim pass and hold none when nothing departs (a
     * first sync of a million entries holds nothing here).
     */
    public void arrive(SyncAction action) {
        noteArrival(action);
    }

    /**
     * Offers a departure only: a receiving-only file or folder the plan deletes. Offer every delete: one for another
     * reason (a conflict's loser, say) keeps the folders above it from being moved whole.
     */
    public void depart(SyncAction action) {
        Option<SyncAction.Delete> departure = departure(action);
        departure.forEach(this::noteDeparture);
        if (departure.isEmpty()) {
            action.<Option<SyncAction.Delete>>fold(transfer -> Option.none(), Option::some)
                    .forEach(this::noteOtherDelete);
        }
        if (departure.isEmpty() || !isCandidate(departure.get().current()) || overflowed) {
            return;
        }
        SyncAction.Delete delete = departure.get();
        if (++candidates > MAX_CANDIDATES) {
            overflowed = true;
            bySize.clear();
            return;
        }
        bySize.computeIfAbsent(delete.direction(), direction -> new HashMap<>())
                .computeIfAbsent(delete.current().stat().size(), size -> new ArrayList<>())
                .add(delete.current());
    }

    /** Whether the action may be claimed: a copy of a new, non-empty file (kept aside to claim it later). */
    public static boolean mayClaim(SyncAction action) {
        return claimable(action).isDefined();
    }

    /** The copy of a new, non-empty file that the action is, if it is one: what {@link #claim} may pair. */
    public static Option<SyncAction.Copy> claimable(SyncAction action) {
        return action.<Option<SyncAction.Copy>>fold(
                make -> Option.none(),
                copy -> copy.replaced().isEmpty() && isCandidate(copy.wanted()) ? Option.some(copy) : Option.none(),
                move -> Option.none(),
                fix -> Option.none(),
                delete -> Option.none());
    }

    /** A folder made or a file copied where nothing was, if the action is one. */
    private static Option<SyncAction.Transfer> arrival(SyncAction action) {
        return action.<Option<SyncAction.Transfer>>fold(
                make -> make.replaced().isEmpty() ? Option.some(make) : Option.none(),
                copy -> copy.replaced().isEmpty() ? Option.some(copy) : Option.none(),
                move -> Option.none(),
                fix -> Option.none(),
                delete -> Option.none());
    }

    /** A delete of what the sending side lacks (the old name of a rename, perhaps), if the action is one. */
    private static Option<SyncAction.Delete> departure(SyncAction action) {
        return action.fold(
                transfer -> Option.none(),
                delete -> delete.why() == DeleteReason.NOT_IN_SOURCE || delete.why() == DeleteReason.DELETED
                        ? Option.some(delete)
                        : Option.none());
    }

    /**
     * Pairs a new file of the sending side with a receiving-only file, if one fits and is not taken; remembers the
     * pair. A file deleted where the new one arrives is never its pair: that is no rename (a plan may copy a kept
     * conflict loser to the first conflict name, where a copy of the same content that the plan deletes still is).
     * Call in plan order, once per action.
     */
    public Option<SyncAction.Move> claim(SyncAction action) {
        Option<SyncAction.Copy> claimable = claimable(action);
        if (claimable.isEmpty()) {
            return Option.none();
        }
        SyncAction.Copy copy = claimable.get();
        IndexEntry wanted = copy.wanted();
        for (IndexEntry current : bySize.getOrDefault(copy.direction(), Map.of())
                .getOrDefault(wanted.stat().size(), List.of())) {
            if (!taken.contains(current.path())
                    && !current.path().equals(wanted.path()) // the same path twice is not a rename
                    && sameFile(current, wanted)) {
                taken.add(current.path());
                pairs.put(wanted.path(), current);
                return Option.some(new SyncAction.Move(copy.direction(), current, wanted));
            }
        }
        return Option.none();
    }

    /**
     * The action as the plan runs it: a paired copy becomes its move; a delete of a taken file disappears; a folder
     * renamed as a whole is one move, and nothing below its new or its old path is done one by one.
     */
    public Option<SyncAction> rewrite(SyncAction action) {
        return action.fold(
                transfer -> Option.<SyncAction>narrow(rewrite(transfer)),
                delete -> Option.<SyncAction>narrow(rewrite(delete)));
    }

    /** A transfer as the plan runs it: a paired copy is a move, a folder made is the folder's move (see above). */
    public Option<SyncAction.Transfer> rewrite(SyncAction.Transfer action) {
        if (!folders.isEmpty()) {
            SyncAction.Move folder = folders.get(action.path());
            if (folder != null && action.<Boolean>fold(make -> true, copy -> false, move -> false, fix -> false)) {
                return Option.some(folder);
            }
            if (below(action.path(), folders.keySet())) {
                return Option.none();
            }
        }
        return Option.some(action.fold(
                make -> make,
                copy -> copy.replaced().isEmpty() && pairs.containsKey(copy.path())
                        ? new SyncAction.Move(copy.direction(), pairs.get(copy.path()), copy.wanted())
                        : copy,
                move -> move,
                fix -> fix));
    }

    /** A delete as the plan runs it: none for a file taken by a move, or for anything in a folder moved away. */
    public Option<SyncAction.Delete> rewrite(SyncAction.Delete action) {
        RelativePath path = action.path();
        if (!folders.isEmpty()
                && (below(path, folders.keySet()) || movedFrom.containsKey(path) || below(path, movedFrom.keySet()))) {
            return Option.none();
        }
        return taken.contains(path) ? Option.none() : Option.some(action);
    }

    public int pairs() {
        return pairs.size();
    }

    /** How many folders {@link #pairFolders} found renamed as a whole. */
    public int folderMoves() {
        return folders.size();
    }

    /**
     * Finds the folders renamed as a whole, once every file is paired ({@link #claim}): a folder made where nothing
     * was, whose every entry, by its path inside it, matches an entry of one folder the plan deletes — files paired by
     * content, empty files and links alike, each with the same permission bits and time, and nothing more on either
     * side. Such a folder is moved, not rebuilt.
     */
    public Seq<FolderMove> pairFolders() {
        if (overflowed || tooManyOtherDeletes || pairs.isEmpty()) {
            return io.vavr.collection.List.empty();
        }
        Map<RelativePath, List<RelativePath>> arriving = byTopFolder(
                arrivals.keySet(), path -> arrivals.get(path).wanted().isDirectory());
        Map<RelativePath, List<RelativePath>> departing = byTopFolder(
                departures.keySet(), path -> departures.get(path).current().isDirectory());
        Set<RelativePath> keepingOthers = foldersAbove(otherDeletes);
        java.util.List<FolderMove> found = new ArrayList<>();
        for (Map.Entry<RelativePath, List<RelativePath>> top : arriving.entrySet()) {
            RelativePath to = top.getKey();
            Option<RelativePath> from = origin(to, top.getValue());
            if (from.isEmpty() || !departing.containsKey(from.get()) || keepingOthers.contains(from.get())) {
                continue;
            }
            Option<FolderMove> move = match(to, top.getValue(), from.get(), departing.get(from.get()));
            move.forEach(folder -> {
                found.add(folder);
                folders.put(to, folder.move());
                movedFrom.put(from.get(), to);
            });
        }
        return io.vavr.collection.List.ofAll(found);
    }

    private void noteArrival(SyncAction action) {
        if (overflowed || arrivals.size() + departures.size() >= 2 * MAX_CANDIDATES) {
            return;
        }
        arrival(action).forEach(made -> arrivals.put(made.path(), made));
    }

    private void noteDeparture(SyncAction.Delete delete) {
        if (overflowed || arrivals.size() + departures.size() >= 2 * MAX_CANDIDATES) {
            return;
        }
        departures.put(delete.path(), delete);
    }

    private void noteOtherDelete(SyncAction.Delete delete) {
        if (otherDeletes.size() >= MAX_CANDIDATES) {
            tooManyOtherDeletes = true; // any folder could hold one of those not noted: none is moved as a whole
            return;
        }
        otherDeletes.add(delete.path());
    }

    /** Every folder above the paths. */
    private static Set<RelativePath> foldersAbove(Set<RelativePath> paths) {
        Set<RelativePath> above = new HashSet<>();
        for (RelativePath path : paths) {
            RelativePath up = path.parent();
            while (!up.isRoot() && above.add(up)) { // a folder already in has its own folders in too
                up = up.parent();
            }
        }
        return above;
    }

    /** The paths grouped under the top-most folder of theirs that is itself one of them. */
    private static Map<RelativePath, List<RelativePath>> byTopFolder(
            Set<RelativePath> paths, java.util.function.Predicate<RelativePath> folder) {
        Map<RelativePath, List<RelativePath>> grouped = new HashMap<>();
        for (RelativePath path : paths) {
            RelativePath top = null;
            for (RelativePath up = path; !up.isRoot(); up = up.parent()) {
                if (paths.contains(up) && folder.test(up)) {
                    top = up;
                }
            }
            if (top != null) {
                grouped.computeIfAbsent(top, key -> new ArrayList<>()).add(path);
            }
        }
        return grouped;
    }

    /** Where a new folder came from, by one of its paired files: that file's old path without the same tail. */
    private Option<RelativePath> origin(RelativePath to, List<RelativePath> below) {
        for (RelativePath path : below) {
            IndexEntry old = pairs.get(path);
            if (old != null) {
                String tail = path.relativeTo(to).value();
                String was = old.path().value();
                if (!was.endsWith("/" + tail)) {
                    return Option.none();
                }
                return RelativePath.parse(was.substring(0, was.length() - tail.length() - 1))
                        .toOption();
            }
        }
        return Option.none();
    }

    private Option<FolderMove> match(
            RelativePath to, List<RelativePath> arrived, RelativePath from, List<RelativePath> departed) {
        if (arrived.size() != departed.size() || to.equals(from) || from.isAncestorOf(to) || to.isAncestorOf(from)) {
            return Option.none();
        }
        Direction direction = arrivals.get(to).direction();
        int files = 0;
        int others = 0;
        int subfolders = 0;
        for (RelativePath path : arrived) {
            RelativePath old = from.resolve(path.relativeTo(to));
            SyncAction.Delete gone = departures.get(old);
            SyncAction.Transfer made = arrivals.get(path);
            if (gone == null || gone.direction() != direction || made.direction() != direction) {
                return Option.none();
            }
            IndexEntry wanted = made.wanted();
            IndexEntry current = gone.current();
            if (wanted.kind() != current.kind() || !EntryComparison.sameMetadata(wanted, current, ground)) {
                return Option.none();
            }
            if (wanted.isDirectory()) {
                subfolders += path.equals(to) ? 0 : 1;
            } else if (pairs.containsKey(path)) {
                if (!pairs.get(path).path().equals(old)) {
                    return Option.none();
                }
                files++;
            } else if (EntryComparison.sameContent(wanted, current, ground)
                    && (!wanted.stat().isFile() || wanted.stat().size() == 0)) {
                others++; // empty files and links: the same by what they hold
            } else {
                return Option.none();
            }
        }
        IndexEntry wanted = arrivals.get(to).wanted();
        return Option.some(new FolderMove(
                new SyncAction.Move(direction, departures.get(from).current(), wanted), files, others, subfolders));
    }

    private static boolean below(RelativePath path, Set<RelativePath> folders) {
        for (RelativePath up = path.isRoot() ? path : path.parent(); !up.isRoot(); up = up.parent()) {
            if (folders.contains(up)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return bySize.isEmpty();
    }

    private static boolean isCandidate(IndexEntry entry) {
        return entry.stat().isFile() && entry.stat().size() > 0;
    }

    private boolean sameFile(IndexEntry current, IndexEntry wanted) {
        if (current.hash().isDefined() && wanted.hash().isDefined()) {
            return current.hash().equals(wanted.hash());
        }
        return EntryComparison.sameMtime(current, wanted, ground);
    }
}
