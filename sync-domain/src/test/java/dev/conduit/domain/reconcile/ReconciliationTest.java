package dev.conduit.domain.reconcile;

import static dev.conduit.domain.index.Entries.T0;
import static dev.conduit.domain.index.Entries.dir;
import static dev.conduit.domain.index.Entries.file;
import static dev.conduit.domain.index.Entries.link;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.conduit.domain.conduit.ConflictPolicy;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.conflict.ConflictType;
import dev.conduit.domain.index.Entries;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.reconcile.Reconciliation.Decision;
import io.vavr.control.Option;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of the three-way reconciliation, one named case per row: the baseline, what each side holds now, the
 * policy, and what must happen.
 */
class ReconciliationTest {

    private static final Option<IndexEntry> NONE = Option.none();
    private static final long SECOND = 1_000_000_000L;

    private static Option<IndexEntry> f(char content) {
        return Option.some(file("a.txt", content));
    }

    /** A file with this content, written {@code seconds} after T0, of {@code size} bytes. */
    private static Option<IndexEntry> f(char content, long seconds, long size) {
        return Option.some(file("a.txt", size, content, T0 + seconds * SECOND, 0644));
    }

    private static Option<IndexEntry> x(Option<IndexEntry> entry, char fingerprint) {
        return entry.map(e -> Entries.xattrs(e, fingerprint));
    }

    /** The base's content ('x', 10 bytes), with these permission bits and a time {@code seconds} after T0. */
    private static Option<IndexEntry> m(int mode, long seconds) {
        return Option.some(file("a.txt", 10, 'x', T0 + seconds * SECOND, mode));
    }

    private static Option<IndexEntry> d() {
        return Option.some(dir("a.txt"));
    }

    private static Decision propagate(Direction direction) {
        return new Decision.Propagate(direction, false);
    }

    private static Decision conflict(ConflictType type, Settlement settlement) {
        return new Decision.Conflicted(type, settlement);
    }

    private static Decision winner(ConflictType type, Side side, String rule) {
        return conflict(type, new Settlement.Winner(side, rule));
    }

    private static final Decision AGREED = new Decision.Agreed();
    private static final Direction TO_TARGET = Direction.SOURCE_TO_TARGET;
    private static final Direction TO_SOURCE = Direction.TARGET_TO_SOURCE;

    private static Arguments row(
            String name,
            Option<IndexEntry> base,
            Option<IndexEntry> source,
            Option<IndexEntry> target,
            ConflictPolicy policy,
            Decision expected) {
        return Arguments.of(Named.of(name, base), source, target, policy, expected);
    }

    static Stream<Arguments> rules() {
        ConflictPolicy newest = ConflictPolicy.NEWEST_WINS;
        return Stream.of(
                row("unchanged on both sides: nothing", f('x'), f('x'), f('x'), newest, AGREED),
                row(
                        "created in the source only: copied to the target",
                        NONE,
                        f('x'),
                        NONE,
                        newest,
                        propagate(TO_TARGET)),
                row(
                        "created in the target only: copied to the source",
                        NONE,
                        NONE,
                        f('x'),
                        newest,
                        propagate(TO_SOURCE)),
                row("modified in the source only", f('x'), f('y'), f('x'), newest, propagate(TO_TARGET)),
                row("modified in the target only", f('x'), f('x'), f('y'), newest, propagate(TO_SOURCE)),
                row(
                        "deleted in the source only: deleted in the target",
                        f('x'),
                        NONE,
                        f('x'),
                        newest,
                        propagate(TO_TARGET)),
                row(
                        "deleted in the target only: deleted in the source",
                        f('x'),
                        f('x'),
                        NONE,
                        newest,
                        propagate(TO_SOURCE)),
                row("deleted on both sides: nothing", f('x'), NONE, NONE, newest, AGREED),
                row(
                        "only the time changed in the target: a metadata change, propagated",
                        f('x'),
                        f('x'),
                        f('x', 5, 10),
                        newest,
                        propagate(TO_SOURCE)),
                row(
                        "both changed to the same content at the same time: nothing",
                        f('x'),
                        f('y'),
                        f('y'),
                        newest,
                        AGREED),
                row(
                        "both changed to the same content at other times: the later time for both",
                        f('x'),
                        f('y', 1, 10),
                        f('y', 9, 10),
                        newest,
                        propagate(TO_SOURCE)),
                row(
                        "first sync, same content, different times: no conflict, the later time wins",
                        NONE,
                        f('y', 9, 10),
                        f('y', 1, 10),
                        newest,
                        propagate(TO_TARGET)),
                row(
                        "both modified differently, newest-wins: the newer target",
                        f('x'),
                        f('y', 1, 10),
                        f('z', 2, 10),
                        newest,
                        winner(ConflictType.BOTH_MODIFIED, Side.TARGET, "newest-wins")),
                row(
                        "both modified at the same time, newest-wins: the source on a tie",
                        f('x'),
                        f('y', 2, 10),
                        f('z', 2, 10),
                        newest,
                        winner(ConflictType.BOTH_MODIFIED, Side.SOURCE, "newest-wins")),
                row(
                        "both modified, source-wins: the source, though older",
                        f('x'),
                        f('y', 1, 10),
                        f('z', 2, 10),
                        ConflictPolicy.SOURCE_WINS,
                        winner(ConflictType.BOTH_MODIFIED, Side.SOURCE, "source-wins")),
                row(
                        "both modified, target-wins",
                        f('x'),
                        f('y', 2, 10),
                        f('z', 1, 10),
                        ConflictPolicy.TARGET_WINS,
                        winner(ConflictType.BOTH_MODIFIED, Side.TARGET, "target-wins")),
                row(
                        "both modified, largest-wins: the larger source",
                        f('x'),
                        f('y', 1, 20),
                        f('z', 2, 10),
                        ConflictPolicy.LARGEST_WINS,
                        winner(ConflictType.BOTH_MODIFIED, Side.SOURCE, "largest-wins")),
                row(
                        "both modified to the same size, largest-wins: falls back to the newer",
                        f('x'),
                        f('y', 1, 10),
                        f('z', 2, 10),
                        ConflictPolicy.LARGEST_WINS,
                        winner(ConflictType.BOTH_MODIFIED, Side.TARGET, "largest-wins")),
                row(
                        "both modified, keep-both: the older version is kept beside the newer",
                        f('x'),
                        f('y', 1, 10),
                        f('z', 2, 10),
                        ConflictPolicy.KEEP_BOTH,
                        conflict(ConflictType.BOTH_MODIFIED, new Settlement.KeepBoth(Side.SOURCE, "keep-both"))),
                row(
                        "both modified, ask: pending",
                        f('x'),
                        f('y'),
                        f('z'),
                        ConflictPolicy.ASK,
                        conflict(ConflictType.BOTH_MODIFIED, new Settlement.Pending())),
                row(
                        "first sync, different content: both-created",
                        NONE,
                        f('y', 1, 10),
                        f('z', 2, 10),
                        newest,
                        winner(ConflictType.BOTH_CREATED, Side.TARGET, "newest-wins")),
                row(
                        "modified in the source, deleted in the target: the modification survives",
                        f('x'),
                        f('y'),
                        NONE,
                        newest,
                        winner(ConflictType.MODIFIED_VS_DELETED, Side.SOURCE, "the modification survives")),
                row(
                        "modified-vs-deleted survives even target-wins",
                        f('x'),
                        f('y'),
                        NONE,
                        ConflictPolicy.TARGET_WINS,
                        winner(ConflictType.MODIFIED_VS_DELETED, Side.SOURCE, "the modification survives")),
                row(
                        "deleted in the source, modified in the target, source-wins: the modification survives",
                        f('x'),
                        NONE,
                        f('y'),
                        ConflictPolicy.SOURCE_WINS,
                        winner(ConflictType.MODIFIED_VS_DELETED, Side.TARGET, "the modification survives")),
                row(
                        "modified-vs-deleted with ask: pending",
                        f('x'),
                        f('y'),
                        NONE,
                        ConflictPolicy.ASK,
                        conflict(ConflictType.MODIFIED_VS_DELETED, new Settlement.Pending())),
                row(
                        "file in the source against a folder in the target: type-mismatch, the file renamed",
                        f('x'),
                        f('y'),
                        d(),
                        ConflictPolicy.SOURCE_WINS,
                        conflict(
                                ConflictType.TYPE_MISMATCH,
                                new Settlement.KeepBoth(Side.SOURCE, "the folder keeps the name"))),
                row(
                        "first sync, folder against file: type-mismatch",
                        NONE,
                        d(),
                        f('y'),
                        newest,
                        conflict(
                                ConflictType.TYPE_MISMATCH,
                                new Settlement.KeepBoth(Side.TARGET, "the folder keeps the name"))),
                row(
                        "file replaced by a folder in the target only: propagated",
                        f('x'),
                        f('x'),
                        d(),
                        newest,
                        propagate(TO_SOURCE)),
                row(
                        "a folder deleted in the source, untouched in the target: deleted",
                        d(),
                        NONE,
                        d(),
                        newest,
                        propagate(TO_TARGET)),
                row(
                        "file replaced by a link in the source only",
                        f('x'),
                        Option.some(link("a.txt", "b")),
                        f('x'),
                        newest,
                        propagate(TO_TARGET)),
                row(
                        "content left alone, both changed the permission bits differently: both-modified",
                        m(0644, 0),
                        m(0600, 0),
                        m(0640, 0),
                        newest,
                        winner(ConflictType.BOTH_MODIFIED, Side.SOURCE, "newest-wins")),
                row(
                        "content left alone, both changed the time differently, ask: pending",
                        m(0644, 0),
                        m(0644, 3),
                        m(0644, 5),
                        ConflictPolicy.ASK,
                        conflict(ConflictType.BOTH_MODIFIED, new Settlement.Pending())),
                row(
                        "content left alone, both changed the time differently, newest-wins: the later time",
                        m(0644, 0),
                        m(0644, 3),
                        m(0644, 5),
                        newest,
                        winner(ConflictType.BOTH_MODIFIED, Side.TARGET, "newest-wins")),
                row(
                        "content left alone, both changed the bits differently, target-wins",
                        m(0644, 0),
                        m(0600, 9),
                        m(0640, 1),
                        ConflictPolicy.TARGET_WINS,
                        winner(ConflictType.BOTH_MODIFIED, Side.TARGET, "target-wins")),
                row(
                        "content left alone, source changed the bits, target the time: both-modified",
                        m(0644, 0),
                        m(0600, 0),
                        m(0644, 5),
                        newest,
                        winner(ConflictType.BOTH_MODIFIED, Side.TARGET, "newest-wins")),
                row(
                        "metadata conflict under keep-both: one content, so the newer metadata for both",
                        m(0644, 0),
                        m(0600, 2),
                        m(0640, 1),
                        ConflictPolicy.KEEP_BOTH,
                        winner(
                                ConflictType.BOTH_MODIFIED,
                                Side.SOURCE,
                                "keep-both: one content, so the newer permissions and time")),
                row(
                        "both changed the bits the same way, only the target the time: the target's metadata",
                        m(0644, 0),
                        m(0600, 0),
                        m(0600, 5),
                        ConflictPolicy.ASK,
                        propagate(TO_SOURCE)),
                row(
                        "only the extended attributes changed in the target: propagated",
                        x(f('x'), 'a'),
                        x(f('x'), 'a'),
                        x(f('x'), 'b'),
                        newest,
                        propagate(TO_SOURCE)),
                row(
                        "extended attributes a side cannot hold are no change",
                        x(f('x'), 'a'),
                        f('x'),
                        x(f('x'), 'a'),
                        newest,
                        AGREED),
                row(
                        "attributes the baseline did not know, different on the two sides: the newer side's",
                        f('x'),
                        x(f('x', 0, 10), 'a'),
                        x(f('x', 0, 10), 'b'),
                        newest,
                        propagate(TO_TARGET)),
                row(
                        "the source changed the bits, the target the extended attributes: both-modified",
                        x(m(0644, 0), 'a'),
                        x(m(0600, 0), 'a'),
                        x(m(0644, 0), 'b'),
                        ConflictPolicy.ASK,
                        conflict(ConflictType.BOTH_MODIFIED, new Settlement.Pending())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void decides(
            Option<IndexEntry> base,
            Option<IndexEntry> source,
            Option<IndexEntry> target,
            ConflictPolicy policy,
            Decision expected) {
        assertEquals(expected, Reconciliation.decide(base, source, target, Reconciliation.Context.of(policy)));
    }

    @ParameterizedTest(name = "ask answered {0}")
    @MethodSource("answers")
    void anAnswerSettlesAPendingConflict(Keep keep, Settlement expected) {
        Reconciliation.Context context =
                new Reconciliation.Context(ConflictPolicy.ASK, Option.some(keep), false, false);
        Decision decided = Reconciliation.decide(f('x'), f('y', 1, 10), f('z', 2, 10), context);
        assertThat(decided).isEqualTo(conflict(ConflictType.BOTH_MODIFIED, expected));
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(Keep.SOURCE, new Settlement.Winner(Side.SOURCE, "chosen by the user")),
                Arguments.of(Keep.TARGET, new Settlement.Winner(Side.TARGET, "chosen by the user")),
                Arguments.of(Keep.BOTH, new Settlement.KeepBoth(Side.SOURCE, "chosen by the user")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void aConflictCopyIsNeverAConflictOfItsOwnTheNewerWinsQuietly(ConflictPolicy policy) {
        Reconciliation.Context context = new Reconciliation.Context(policy, Option.none(), false, true);
        assertThat(Reconciliation.decide(f('x'), f('y', 1, 10), f('z', 2, 10), context))
                .isEqualTo(new Decision.Propagate(TO_SOURCE, true));
        assertThat(Reconciliation.decide(f('x'), f('y'), NONE, context)).isEqualTo(propagate(TO_TARGET));
    }

    static Stream<ConflictPolicy> policies() {
        return Stream.of(ConflictPolicy.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void aFolderDeletedOnOneSideStaysWhenSomethingInsideSurvives(ConflictPolicy policy) {
        Reconciliation.Context keeps = new Reconciliation.Context(policy, Option.none(), true, false);
        assertThat(Reconciliation.decide(d(), NONE, d(), keeps)).isEqualTo(propagate(TO_SOURCE));
        assertThat(Reconciliation.decide(d(), d(), NONE, keeps)).isEqualTo(propagate(TO_TARGET));
        Decision replaced = Reconciliation.decide(d(), f('y'), d(), keeps);
        assertThat(replaced).isInstanceOf(Decision.Conflicted.class);
        assertThat(((Decision.Conflicted) replaced).type()).isEqualTo(ConflictType.TYPE_MISMATCH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aChangeIsAnyDifferenceFromTheBaseline(String what, Option<IndexEntry> now, boolean changed) {
        assertThat(Reconciliation.changed(f('x'), now)).as(what).isEqualTo(changed);
    }

    static Stream<Arguments> changes() {
        IndexEntry x = file("a.txt", 'x');
        return Stream.of(
                Arguments.of("the same", Option.some(x), false),
                Arguments.of("gone", NONE, true),
                Arguments.of("other content, same size and time", f('y'), true),
                Arguments.of("another size", f('x', 0, 11), true),
                Arguments.of("another time", f('x', 3, 10), true),
                Arguments.of("other permissions", Option.some(file("a.txt", 10, 'x', T0, 0600)), true),
                Arguments.of("a folder now", d(), true));
    }
}
