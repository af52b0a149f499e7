package dev.conduit.domain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.conduit.ConflictPolicy;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.conflict.Conflict;
import dev.conduit.domain.conflict.ConflictNames;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.Entries;
import dev.conduit.domain.index.EntryComparison;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.join.Pairing;
import dev.conduit.domain.join.ThreeWay;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.DeleteReason;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.rename.Renames;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two trees, a baseline and a trash in memory, synced by running the resolver's phases the way the sync service does
 * (survey, conflict renames, transfers each way, deletes each way, replacements, then the baseline), each action
 * applied to the receiving tree with the checks a job makes: a parent folder exists, the entry replaced is the one the
 * action expected, a folder is empty when it is deleted. Every version removed or overwritten goes to the trash.
 */
final class BidirectionalModel {

    final Map<RelativePath, IndexEntry> source = new TreeMap<>();
    final Map<RelativePath, IndexEntry> target = new TreeMap<>();
    final Map<RelativePath, IndexEntry> base = new TreeMap<>();
    final java.util.List<IndexEntry> trash = new ArrayList<>();
    final Map<RelativePath, BidirectionalResolver.Answer> answers = new HashMap<>();
    private long clock = Entries.T0;
    private long versions;
    /** Whether a sync pairs renames ({@link Renames}) and runs them as moves, as the sync service does. */
    private final boolean renames;
    /** How many renames the syncs ran as moves (conflict copies aside). */
    int renamed;

    BidirectionalModel() {
        this(false);
    }

    BidirectionalModel(boolean renames) {
        this.renames = renames;
    }

    Map<RelativePath, IndexEntry> side(Side side) {
        return side == Side.SOURCE ? source : target;
    }

    /** The result of one sync: its conflicts, and how many actions the next plan would have. */
    record Synced(List<Conflict> conflicts) {}

    Synced sync(ConflictPolicy policy) {
        BidirectionalResolver resolver = resolver(policy);
        java.util.List<Conflict> found = new ArrayList<>();
        Surveyed surveyed = survey(resolver, found);
        BidirectionalResolver.Survey survey = surveyed.survey();
        Renames pairs = surveyed.pairs();
        for (Direction direction : Direction.values()) {
            resolver.conflictRenames(
                            survey,
                            up(base),
                            up(source),
                            up(target),
                            ZoneOffset.UTC,
                            path -> source.containsKey(path) || target.containsKey(path),
                            false)
                    .filter(action -> action.direction() == direction)
                    .toList()
                    .forEach(action -> apply(action));
        }
        for (Direction direction : Direction.values()) {
            resolver.transfers(survey, up(base), up(source), up(target))
                    .filter(action -> action.direction() == direction)
                    .flatMap(pairs::rewrite)
                    .peek(action -> renamed += action instanceof SyncAction.Move ? 1 : 0)
                    .toList()
                    .forEach(this::apply);
        }
        Map<Direction, java.util.Set<RelativePath>> replaced = new java.util.EnumMap<>(Direction.class);
        for (Direction direction : Direction.values()) {
            replaced.put(direction, new java.util.HashSet<>());
            resolver.deletes(survey, down(base), down(source), down(target))
                    .filter(action -> action.direction() == direction)
                    .flatMap(pairs::rewrite)
                    .toList()
                    .forEach(delete -> {
                        apply(delete);
                        if (delete.why() == DeleteReason.REPLACED) {
                            replaced.get(direction).add(delete.path());
                        }
                    });
        }
        for (Direction direction : Direction.values()) {
            resolver.replacements(up(base), up(source), up(target), direction, replaced.get(direction))
                    .toList()
                    .forEach(this::apply);
        }
        List<ThreeWay.Triple> triples =
                List.ofAll(() -> new ThreeWay(up(base), up(source), up(target), Pairing.ASCENDING));
        for (ThreeWay.Triple triple : triples) {
            BidirectionalResolver.settled(triple).forEach(entry -> {
                if (entry.isDefined()) {
                    base.put(triple.path(), entry.get());
                } else {
                    base.remove(triple.path());
                }
            });
        }
        return new Synced(List.ofAll(found));
    }

    /**
     * The survey, and the renames paired as the sync service pairs them: every action offered, the new files claimed
     * in plan order, then the folders moved as a whole. Without renames, none are paired.
     */
    /** The survey, and the renames paired with it. */
    private record Surveyed(BidirectionalResolver.Survey survey, Renames pairs) {}

    private Surveyed survey(BidirectionalResolver resolver, java.util.List<Conflict> found) {
        Renames pairs = new Renames();
        java.util.List<SyncAction> claimable = new ArrayList<>();
        BidirectionalResolver.Visitor offering = (triple, actions) -> actions.forEach(action -> {
            pairs.offer(action);
            if (Renames.mayClaim(action)) {
                claimable.add(action);
            }
        });
        BidirectionalResolver.Survey survey = resolver.survey(
                down(base), down(source), down(target), found::add, ZoneOffset.UTC, renames ? offering : (t, a) -> {});
        if (!renames) {
            return new Surveyed(survey, pairs);
        }
        if (!survey.counted()) { // a pending folder: count again, leaving what lies below it alone
            Renames again = new Renames();
            claimable.clear();
            new ThreeWay(up(base), up(source), up(target), Pairing.ASCENDING)
                    .forEachRemaining(triple -> resolver.everyPhase(survey, triple, ZoneOffset.UTC)
                            .forEach(action -> {
                                again.offer(action);
                                if (Renames.mayClaim(action)) {
                                    claimable.add(action);
                                }
                            }));
            return new Surveyed(survey, claim(again, claimable));
        }
        return new Surveyed(survey, claim(pairs, claimable));
    }

    private static Renames claim(Renames pairs, java.util.List<SyncAction> claimable) {
        claimable.sort((a, b) ->
                Pairing.ASCENDING.compare(((SyncAction.Transfer) a).wanted(), ((SyncAction.Transfer) b).wanted()));
        claimable.forEach(pairs::claim);
        pairs.pairFolders();
        return pairs;
    }

    /** What a plan of the trees as they are would do: its actions and its conflicts. */
    record Plan(List<SyncAction> actions, List<Conflict> conflicts) {}

    Plan plan(ConflictPolicy policy) {
        BidirectionalResolver resolver = resolver(policy);
        java.util.List<Conflict> found = new ArrayList<>();
        BidirectionalResolver.Survey survey =
                resolver.survey(down(base), down(source), down(target), found::add, ZoneOffset.UTC);
        return new Plan(
                resolver.everyPhase(survey, up(base), up(source), up(target), ZoneOffset.UTC)
                        .toList(),
                List.ofAll(found));
    }

    private BidirectionalResolver resolver(ConflictPolicy policy) {
        return new BidirectionalResolver(
                policy,
                answers,
                (path, loser) -> List.of(source, target)
                        .exists(tree -> tree.values().stream()
                                .anyMatch(entry -> ConflictNames.isCopyOf(entry.path(), path)
                                        && entry.hash().isDefined()
                                        && entry.hash().equals(loser.hash()))));
    }

    private void apply(SyncAction action) {
        Map<RelativePath, IndexEntry> into = side(action.direction().to());
        RelativePath path = action.path();
        action.<Void>fold(
                transfer -> {
                    requireFolder(into, path);
                    return null;
                },
                delete -> null);
        action.<Void>fold(
                make -> {
                    assertThat(Option.of(into.get(path)))
                            .as("mkdir %s replaces what it expected", path)
                            .isEqualTo(make.replaced());
                    make.replaced().forEach(trash::add);
                    into.put(path, make.wanted());
                    return null;
                },
                copy -> {
                    Option<IndexEntry> expected = copy.replaced().filter(entry -> !entry.isDirectory());
                    assertThat(Option.of(into.get(path)))
                            .as("copy %s replaces what it expected", path)
                            .isEqualTo(expected);
                    expected.forEach(trash::add);
                    into.put(path, copy.wanted());
                    return null;
                },
                move -> {
                    move(into, move);
                    return null;
                },
                fix -> {
                    assertThat(into.get(path)).as("metadata of %s", path).isEqualTo(fix.current());
                    into.put(path, fix.wanted());
                    return null;
                },
                delete -> {
                    assertThat(into.get(path)).as("delete %s", path).isEqualTo(delete.current());
                    assertThat(into.keySet().stream().noneMatch(path::isAncestorOf))
                            .as("%s is empty when deleted", path)
                            .isTrue();
                    if (!delete.current().isDirectory()) {
                        trash.add(delete.current());
                    }
                    into.remove(path);
                    return null;
                });
    }

    /** A rename as the copy job makes it: a file, or a folder with everything in it, to a free path. */
    private static void move(Map<RelativePath, IndexEntry> into, SyncAction.Move move) {
        RelativePath from = move.current().path();
        RelativePath to = move.wanted().path();
        assertThat(into.get(from)).as("move from %s", from).isEqualTo(move.current());
        assertThat(into).as("move to %s", to).doesNotContainKey(to);
        assertThat(EntryComparison.sameContent(move.current(), move.wanted()))
                .as("move %s keeps the content", to)
                .isTrue();
        moveTree(into, from, to);
        into.put(to, move.wanted());
    }

    /** Everything at and below {@code from} to the same place below {@code to}. */
    private static void moveTree(Map<RelativePath, IndexEntry> tree, RelativePath from, RelativePath to) {
        Map<RelativePath, IndexEntry> moved = new TreeMap<>();
        tree.forEach((path, entry) -> {
            if (path.equals(from) || from.isAncestorOf(path)) {
                RelativePath there = path.equals(from) ? to : to.resolve(path.relativeTo(from));
                moved.put(there, entry.at(there));
            }
        });
        tree.keySet().removeIf(path -> path.equals(from) || from.isAncestorOf(path));
        tree.putAll(moved);
    }

    private static void requireFolder(Map<RelativePath, IndexEntry> tree, RelativePath path) {
        if (!path.parent().isRoot()) {
            IndexEntry parent = tree.get(path.parent());
            assertThat(parent).as("the folder of %s", path).isNotNull();
            assertThat(parent.isDirectory())
                    .as("the folder of %s is a folder", path)
                    .isTrue();
        }
    }

    // ---- edits, as a user makes them on one side -------------------------------------------------------------

    /** A new version's content, never seen before. */
    IndexEntry newFile(RelativePath path) {
        clock += 1_000_000_000L;
        versions++;
        ContentHash hash = new ContentHash(String.format("%064x", versions));
        return new IndexEntry(
                path, FileStat.file(versions % 7 + 1, clock, 0644, Option.none()), Option.some(hash), clock);
    }

    IndexEntry newFolder(RelativePath path) {
        clock += 1_000_000_000L;
        return new IndexEntry(path, FileStat.directory(clock, 0755, Option.none()), Option.none(), clock);
    }

    /** Writes a file at the path, making its folders; a folder in the way goes with everything in it. */
    void write(Side side, RelativePath path) {
        Map<RelativePath, IndexEntry> tree = side(side);
        makeFolders(tree, path.parent());
        removeTree(tree, path);
        tree.put(path, newFile(path));
    }

    void makeFolder(Side side, RelativePath path) {
        Map<RelativePath, IndexEntry> tree = side(side);
        makeFolders(tree, path);
    }

    void remove(Side side, RelativePath path) {
        removeTree(side(side), path);
    }

    void touch(Side side, RelativePath path) {
        IndexEntry entry = side(side).get(path);
        if (entry != null && entry.stat().isFile()) {
            clock += 1_000_000_000L;
            FileStat stat = entry.stat();
            side(side)
                    .put(
                            path,
                            new IndexEntry(
                                    path,
                                    FileStat.file(stat.size(), clock, stat.mode(), Option.none()),
                                    entry.hash(),
                                    clock));
        }
    }

    /** Renames a file (with its content and time) to a free path. */
    void rename(Side side, RelativePath from, RelativePath to) {
        Map<RelativePath, IndexEntry> tree = side(side);
        IndexEntry entry = tree.get(from);
        if (entry == null
                || !entry.stat().isFile()
                || tree.containsKey(to)
                || to.equals(from)
                || from.isAncestorOf(to)) {
            return;
        }
        makeFolders(tree, to.parent());
        tree.remove(from);
        tree.put(to, new IndexEntry(to, entry.stat(), entry.hash(), entry.indexedAtNanos()));
    }

    /** The path itself if the side holds it, else the next one it holds (in path order, wrapping), if any. */
    RelativePath near(Side side, RelativePath path) {
        TreeMap<RelativePath, IndexEntry> tree = (TreeMap<RelativePath, IndexEntry>) side(side);
        RelativePath next = tree.ceilingKey(path);
        return next != null ? next : tree.isEmpty() ? path : tree.firstKey();
    }

    /** Renames a file or a folder (with everything in it, contents and times kept) to a free path. */
    void move(Side side, RelativePath from, RelativePath to) {
        Map<RelativePath, IndexEntry> tree = side(side);
        if (!tree.containsKey(from) || tree.containsKey(to) || to.equals(from) || from.isAncestorOf(to)) {
            return;
        }
        for (RelativePath up = to.parent(); !up.isRoot(); up = up.parent()) {
            if (tree.containsKey(up) && !tree.get(up).isDirectory()) {
                return; // a file where a folder of the new path would go
            }
        }
        makeFolders(tree, to.parent());
        moveTree(tree, from, to);
    }

    private void makeFolders(Map<RelativePath, IndexEntry> tree, RelativePath folder) {
        if (folder.isRoot()) {
            return;
        }
        makeFolders(tree, folder.parent());
        IndexEntry there = tree.get(folder);
        if (there == null || !there.isDirectory()) {
            tree.remove(folder);
            tree.put(folder, newFolder(folder));
        }
    }

    private static void removeTree(Map<RelativePath, IndexEntry> tree, RelativePath path) {
        tree.keySet().removeIf(key -> key.equals(path) || path.isAncestorOf(key));
    }

    static java.util.Iterator<IndexEntry> up(Map<RelativePath, IndexEntry> tree) {
        return List.ofAll(tree.values()).sorted(Pairing.ASCENDING).iterator();
    }

    static java.util.Iterator<IndexEntry> down(Map<RelativePath, IndexEntry> tree) {
        return List.ofAll(tree.values()).sorted(Pairing.DESCENDING).iterator();
    }
}
