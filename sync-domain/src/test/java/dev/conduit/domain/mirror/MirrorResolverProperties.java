package dev.conduit.domain.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.Entries;
import dev.conduit.domain.index.EntryComparison;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.join.Pairing;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.plan.SyncPlan;
import dev.conduit.domain.rename.Renames;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Carrying out a mirror plan on a model of the target, step by step in plan order, gives the source; every step is
 * possible when its turn comes (a parent exists before a child is made, a directory is empty when it is deleted);
 * and the plan of the result is empty.
 */
class MirrorResolverProperties {

    @Property(tries = 300)
    void executingThePlanMakesTheTargetEqualTheSource(
            @ForAll("trees") List<IndexEntry> source, @ForAll("trees") List<IndexEntry> target) {
        SyncPlan plan = MirrorResolver.plan(source, target);
        Map<RelativePath, IndexEntry> model = new TreeMap<>();
        target.forEach(entry -> model.put(entry.path(), entry));

        plan.actions().forEach(action -> apply(action, model));

        assertThat(summary(List.ofAll(model.values()))).isEqualTo(summary(source));
        assertThat(MirrorResolver.plan(source, List.ofAll(model.values())).isEmpty())
                .isTrue();
    }

    /**
     * Renames in the source (files and folders moved, more entries added where free) are carried out as moves where
     * {@link Renames} pairs them, the way a mirror sync runs its phases: the target ends up equal to the source, as
     * with the plain plan of copies and deletes, and with no more actions than that plan.
     */
    @Property(tries = 500)
    void renamesEndWhereCopiesAndDeletesEnd(
            @ForAll("trees") List<IndexEntry> target,
            @ForAll("moves") List<Tuple2<Integer, RelativePath>> moves,
            @ForAll("trees") List<IndexEntry> added) {
        Map<RelativePath, IndexEntry> edited = new TreeMap<>();
        target.forEach(entry -> edited.put(entry.path(), entry));
        for (Tuple2<Integer, RelativePath> move : moves) {
            if (!edited.isEmpty()) { // an entry there is, to a new name in a folder there is (or at the top)
                List<RelativePath> paths = List.ofAll(edited.keySet());
                List<RelativePath> folders =
                        paths.filter(path -> edited.get(path).isDirectory());
                RelativePath from = paths.get(move._1 % paths.size());
                int into = move._1 / paths.size() % (folders.size() + 1);
                RelativePath to =
                        into == folders.size() ? move._2 : folders.get(into).resolve(move._2);
                moveTree(edited, from, to);
            }
        }
        List<IndexEntry> source =
                consistent(List.ofAll(edited.values()).appendAll(added.take(3)).toJavaList());

        List<SyncAction> renamed = planWithRenames(source, target);
        Map<RelativePath, IndexEntry> model = new TreeMap<>();
        target.forEach(entry -> model.put(entry.path(), entry));
        renamed.forEach(action -> apply(action, model));

        Statistics.label("moves")
                .collect(renamed.filter(action -> action instanceof SyncAction.Move)
                        .map(action -> action.kind().label())
                        .distinct()
                        .sorted()
                        .mkString(" and "));
        assertThat(summary(List.ofAll(model.values()))).isEqualTo(summary(source));
        assertThat(renamed.size())
                .isLessThanOrEqualTo(
                        MirrorResolver.plan(source, target).actions().size());
    }

    /** The plan as a mirror sync runs it: departures offered, arrivals claimed in plan order, then each phase rewritten. */
    private static List<SyncAction> planWithRenames(List<IndexEntry> source, List<IndexEntry> target) {
        List<IndexEntry> up = source.sorted(Pairing.ASCENDING);
        List<IndexEntry> targetUp = target.sorted(Pairing.ASCENDING);
        Renames renames = new Renames();
        MirrorResolver.everyPhase(up.iterator(), targetUp.iterator()).forEachRemaining(renames::depart);
        if (!renames.isEmpty()) {
            MirrorResolver.transfers(up.iterator(), targetUp.iterator()).forEachRemaining(action -> {
                renames.arrive(action);
                renames.claim(action);
            });
            renames.pairFolders();
        }
        return List.<SyncAction>empty()
                .appendAll(MirrorResolver.transfers(up.iterator(), targetUp.iterator())
                        .flatMap(renames::rewrite))
                .appendAll(MirrorResolver.deletes(up.reverseIterator(), targetUp.reverseIterator())
                        .flatMap(renames::rewrite))
                .appendAll(MirrorResolver.replacements(up.iterator(), targetUp.iterator()));
    }

    /** A user's rename: the entry at {@code from}, with everything in it, to {@code to}, if that is free. */
    private static void moveTree(Map<RelativePath, IndexEntry> tree, RelativePath from, RelativePath to) {
        if (!tree.containsKey(from) || tree.containsKey(to) || from.equals(to) || from.isAncestorOf(to)) {
            return;
        }
        for (RelativePath up = to.parent(); !up.isRoot(); up = up.parent()) {
            IndexEntry there = tree.get(up);
            if (there != null && !there.isDirectory()) {
                return;
            }
        }
        for (RelativePath up = to.parent(); !up.isRoot(); up = up.parent()) {
            tree.putIfAbsent(
                    up,
                    new IndexEntry(up, FileStat.directory(Entries.T0, 0755, Option.none()), Option.none(), Entries.T0));
        }
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

    @Provide
    Arbitrary<List<Tuple2<Integer, RelativePath>>> moves() {
        Arbitrary<RelativePath> name =
                Arbitraries.of("m", "n", "a").map(raw -> RelativePath.parse(raw).get());
        return Combinators.combine(Arbitraries.integers().between(0, 1000), name)
                .as(Tuple::of)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(List::ofAll);
    }

    @Property(tries = 200)
    void streamedPhasesInIndexOrderGiveTheSamePlanAsTheSortedOne(
            @ForAll("trees") List<IndexEntry> source, @ForAll("trees") List<IndexEntry> target) {
        List<IndexEntry> up = source.sorted(Pairing.ASCENDING);
        List<IndexEntry> targetUp = target.sorted(Pairing.ASCENDING);
        List<IndexEntry> down = source.sorted(Pairing.DESCENDING);
        List<IndexEntry> targetDown = target.sorted(Pairing.DESCENDING);
        SyncPlan plan = MirrorResolver.plan(source.shuffle(), target.shuffle());
        assertThat(MirrorResolver.transfers(up.iterator(), targetUp.iterator()).toList())
                .isEqualTo(plan.transfers());
        assertThat(MirrorResolver.deletes(down.iterator(), targetDown.iterator())
                        .toList())
                .isEqualTo(plan.deletes());
        assertThat(MirrorResolver.everyPhase(up.iterator(), targetUp.iterator()).toJavaList())
                .containsExactlyInAnyOrderElementsOf(plan.actions());
    }

    private static void apply(SyncAction action, Map<RelativePath, IndexEntry> model) {
        RelativePath path = action.path();
        if (!path.parent().isRoot()) {
            IndexEntry parent = model.get(path.parent());
            assertThat(parent).as("parent of %s", path).isNotNull();
            assertThat(parent.isDirectory())
                    .as("parent of %s is a directory", path)
                    .isTrue();
        }
        action.<Void>fold(
                make -> {
                    assertThat(model.get(path))
                            .as("in the way of mkdir %s", path)
                            .isEqualTo(make.replaced().getOrNull());
                    model.put(path, make.wanted());
                    return null;
                },
                copy -> {
                    IndexEntry there = model.get(path);
                    assertThat(there == null || !there.isDirectory())
                            .as("a directory left under copy %s", path)
                            .isTrue();
                    if (!copy.replaced().exists(IndexEntry::isDirectory)) {
                        assertThat(there).isEqualTo(copy.replaced().getOrNull());
                    }
                    model.put(path, copy.wanted());
                    return null;
                },
                move -> {
                    move(move, model);
                    return null;
                },
                fix -> {
                    assertThat(model.get(path)).isEqualTo(fix.current());
                    model.put(path, fix.wanted());
                    return null;
                },
                delete -> {
                    assertThat(model.get(path)).isEqualTo(delete.current());
                    assertThat(model.keySet()).noneMatch(path::isAncestorOf);
                    model.remove(path);
                    return null;
                });
    }

    /**
     * A rename, as the copy job makes it: the entry (a folder with everything in it) goes to a free path and takes the
     * wanted metadata; a file only when its content is the wanted content.
     */
    private static void move(SyncAction.Move move, Map<RelativePath, IndexEntry> model) {
        RelativePath from = move.current().path();
        RelativePath to = move.wanted().path();
        assertThat(model.get(from)).as("move from %s", from).isEqualTo(move.current());
        assertThat(model).as("move to %s", to).doesNotContainKey(to);
        assertThat(EntryComparison.sameContent(move.current(), move.wanted()))
                .as("move %s keeps the content", to)
                .isTrue();
        Map<RelativePath, IndexEntry> below = new TreeMap<>();
        model.forEach((path, entry) -> {
            if (from.isAncestorOf(path)) {
                below.put(path, entry);
            }
        });
        model.remove(from);
        below.keySet().forEach(model::remove);
        model.put(to, move.wanted());
        below.forEach((path, entry) -> {
            RelativePath moved = to.resolve(path.relativeTo(from));
            model.put(moved, entry.at(moved));
        });
    }

    /** What a mirror must reproduce: kind, size, content, link target, mode, and time (not of directories). */
    private static List<String> summary(List<IndexEntry> entries) {
        return entries.sorted(Pairing.ASCENDING)
                .map(entry -> entry.path() + " " + entry.kind() + " "
                        + entry.stat().size() + " "
                        + entry.hash().map(ContentHash::hex).getOrElse("-") + " "
                        + entry.stat().linkTarget().getOrElse("-") + " "
                        + entry.stat().mode() + " "
                        + (entry.isDirectory()
                                ? "-"
                                : Long.toString(entry.stat().mtimeNanos() / 1_000_000)));
    }

    @Provide
    Arbitrary<List<IndexEntry>> trees() {
        Arbitrary<String> segment = Arbitraries.of("a", "b", "a-b", "é", "z");
        Arbitrary<String> path = segment.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("/", parts));
        Arbitrary<IndexEntry> entry = Combinators.combine(
                        path,
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.of('a', 'b'),
                        Arbitraries.of(0L, 1L),
                        Arbitraries.of(0644, 0600))
                .as((p, kind, content, time, mode) -> entry(p, kind, content, time, mode));
        return entry.list().ofMaxSize(14).map(MirrorResolverProperties::consistent);
    }

    private static IndexEntry entry(String raw, int kind, char content, long time, int mode) {
        RelativePath path = RelativePath.parse(raw).get();
        long mtime = Entries.T0 + time * 1_000_000_000L;
        return switch (kind) {
            case 0, 1 ->
                new IndexEntry(path, FileStat.directory(mtime, mode | 0100, Option.none()), Option.none(), Entries.T0);
            case 2 ->
                new IndexEntry(
                        path, FileStat.symlink("to-" + content, mtime, 0777, Option.none()), Option.none(), Entries.T0);
            default ->
                new IndexEntry(
                        path,
                        FileStat.file(content == 'a' ? 1 : kind, mtime, mode, Option.none()),
                        Option.some(Entries.hash(content)),
                        Entries.T0);
        };
    }

    /** A tree that can exist: the first entry at a path wins, ancestors are directories, added where missing. */
    static List<IndexEntry> consistent(java.util.List<IndexEntry> entries) {
        Map<RelativePath, IndexEntry> tree = new TreeMap<>();
        for (IndexEntry entry : entries) {
            if (tree.containsKey(entry.path())) {
                continue;
            }
            boolean blocked = false;
            for (RelativePath up = entry.path().parent(); !up.isRoot(); up = up.parent()) {
                IndexEntry above = tree.get(up);
                if (above != null && !above.isDirectory()) {
                    blocked = true;
                }
            }
            if (blocked) {
                continue;
            }
            for (RelativePath up = entry.path().parent(); !up.isRoot(); up = up.parent()) {
                tree.putIfAbsent(
                        up,
                        new IndexEntry(
                                up, FileStat.directory(Entries.T0, 0755, Option.none()), Option.none(), Entries.T0));
            }
            tree.put(entry.path(), entry);
        }
        return List.ofAll(tree.values());
    }
}
