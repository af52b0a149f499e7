package dev.conduit.domain.mirror;

import static dev.conduit.domain.index.Entries.T0;
import static dev.conduit.domain.index.Entries.dir;
import static dev.conduit.domain.index.Entries.file;
import static dev.conduit.domain.index.Entries.link;
import static dev.conduit.domain.index.Entries.xattrs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.index.Entries;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.plan.SyncPlan;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class MirrorRulesTest {

    private static List<String> ops(SyncPlan plan) {
        return plan.actions().map(action -> action.op() + " " + action.path()).toList();
    }

    @Test
    void copiesWhatOnlyTheSourceHasParentsFirst() {
        SyncPlan plan =
                MirrorResolver.plan(List.of(file("d/e/f", 'a'), dir("d/e"), dir("d"), file("top", 'b')), List.empty());
        assertThat(ops(plan)).containsExactly("mkdir d", "copy top", "mkdir d/e", "copy d/e/f");
    }

    @Test
    void deletesWhatOnlyTheTargetHasChildrenFirstAndAfterEveryTransfer() {
        SyncPlan plan = MirrorResolver.plan(
                List.of(file("new", 'n')),
                List.of(dir("old"), dir("old/sub"), file("old/sub/x", 'x'), file("old/y", 'y')));
        assertThat(ops(plan))
                .containsExactly("copy new", "delete old/sub/x", "delete old/y", "delete old/sub", "delete old");
        assertThat(plan.deletes()).allMatch(action -> action.reason().equals("not in the source"));
    }

    @Test
    void samePathDifferentContentIsCopiedSameContentIsNot() {
        SyncPlan plan = MirrorResolver.plan(
                List.of(file("same", 'a'), file("changed", 'a')), List.of(file("same", 'a'), file("changed", 'b')));
        assertThat(ops(plan)).containsExactly("copy changed");
        assertThat(plan.transfers().head().reason()).isEqualTo("changed");
    }

    @Test
    void sameHashWithAnotherTimeOrModeOnlyFixesTheMetadata() {
        SyncPlan plan = MirrorResolver.plan(
                List.of(file("t", 10, 'a', T0 + 5_000_000_000L, 0644), file("m", 10, 'a', T0, 0600)),
                List.of(file("t", 10, 'a', T0, 0644), file("m", 10, 'a', T0, 0644)));
        assertThat(ops(plan)).containsExactly("metadata m", "metadata t");
        assertThat(plan.transfers().map(SyncAction::reason)).containsExactly("permissions", "time");
    }

    @Test
    void extendedAttributesAloneAreAMetadataChangeWhereBothSidesKnowThem() {
        SyncPlan plan = MirrorResolver.plan(
                List.of(
                        xattrs(file("f", 'a'), 'a'),
                        xattrs(dir("d"), 'b'),
                        xattrs(file("g", 'a'), 'c'),
                        xattrs(file("m", 10, 'a', T0, 0600), 'a')),
                List.of(
                        xattrs(file("f", 'a'), ' '),
                        xattrs(dir("d"), 'c'),
                        file("g", 'a'),
                        xattrs(file("m", 10, 'a', T0 + 5_000_000_000L, 0644), 'b')));
        assertThat(ops(plan)).containsExactly("metadata d", "metadata f", "metadata m");
        assertThat(plan.transfers().map(SyncAction::reason))
                .containsExactly(
                        "extended attributes", "extended attributes", "time, permissions and extended attributes");
    }

    @Test
    void directoryTimesNeverCountAndLinkModesNeverCount() {
        IndexEntry later = new IndexEntry(
                Entries.path("d"), FileStat.directory(T0 + 9_000_000_000L, 0755, Option.none()), Option.none(), T0);
        assertThat(MirrorResolver.plan(List.of(later), List.of(dir("d"))).isEmpty())
                .isTrue();
        assertThat(ops(MirrorResolver.plan(List.of(dir("d", 0700)), List.of(dir("d")))))
                .containsExactly("metadata d");
        assertThat(MirrorResolver.plan(List.of(link("l", "x")), List.of(link("l", "x")))
                        .isEmpty())
                .isTrue();
        assertThat(ops(MirrorResolver.plan(List.of(link("l", "x")), List.of(link("l", "y")))))
                .containsExactly("copy l");
    }

    @Test
    void aFileReplacedByADirectoryGoesAsTheDirectoryIsMade() {
        SyncPlan plan = MirrorResolver.plan(List.of(dir("x"), file("x/in", 'a')), List.of(file("x", 'b')));
        assertThat(ops(plan)).containsExactly("mkdir x", "copy x/in");
        assertThat(plan.transfers().head().reason()).isEqualTo("replaces a file");
    }

    @Test
    void aDirectoryReplacedByAFileIsDeletedFirstThenTheFileCopied() {
        SyncPlan plan = MirrorResolver.plan(List.of(file("x", 'a')), List.of(dir("x"), file("x/in", 'b')));
        assertThat(ops(plan)).containsExactly("delete x/in", "delete x", "copy x");
        assertThat(plan.deletes().last().reason()).isEqualTo("replaced by a file in the source");
        assertThat(plan.replacements().head().reason()).isEqualTo("replaces a directory");
    }

    @Test
    void identicalTreesPlanNothing() {
        List<IndexEntry> tree = List.of(dir("a"), file("a/b", 'b'), link("a/l", "b"), file("c", 'c'));
        assertThat(MirrorResolver.plan(tree, tree).isEmpty()).isTrue();
    }

    @Test
    void refusesInputOutOfOrder() {
        java.util.Iterator<IndexEntry> unordered =
                List.of(file("b", 'b'), file("a", 'a')).iterator();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MirrorResolver.transfers(
                                unordered, List.<IndexEntry>empty().iterator())
                        .toList())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of order");
    }
}
