package dev.conduit.domain.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.Entries;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.join.Pairing;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.plan.SyncPlan;
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
        if (action instanceof SyncAction.MakeDirectory make) {
            assertThat(model.get(path))
                    .as("in the way of mkdir %s", path)
                    .isEqualTo(make.replaced().getOrNull());
            model.put(path, make.wanted());
        } else if (action instanceof SyncAction.Copy copy) {
            IndexEntry there = model.get(path);
            assertThat(there == null || !there.isDirectory())
                    .as("a directory left under copy %s", path)
                    .isTrue();
            if (!copy.replaced().exists(IndexEntry::isDirectory)) {
                assertThat(there).isEqualTo(copy.replaced().getOrNull());
            }
            model.put(path, copy.wanted());
        } else if (action instanceof SyncAction.SetMetadata fix) {
            assertThat(model.get(path)).isEqualTo(fix.current());
            model.put(path, fix.wanted());
        } else if (action instanceof SyncAction.Delete delete) {
            assertThat(model.get(path)).isEqualTo(delete.current());
            assertThat(model.keySet()).noneMatch(path::isAncestorOf);
            model.remove(path);
        }
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
