package dev.conduit.domain.limits;

import static dev.conduit.domain.index.Entries.T0;
import static dev.conduit.domain.index.Entries.dir;
import static dev.conduit.domain.index.Entries.file;
import static dev.conduit.domain.index.Entries.link;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.conduit.ConflictPolicy;
import dev.conduit.domain.index.CommonGround;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.TimeGranularity;
import dev.conduit.domain.join.Pairing;
import dev.conduit.domain.join.ThreeWay;
import dev.conduit.domain.mirror.MirrorResolver;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncPlan;
import dev.conduit.domain.reconcile.BidirectionalResolver;
import dev.conduit.domain.reconcile.Reconciliation;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** Mirrors between file systems that cannot hold the same things: compared within both, refused where needed. */
class FileSystemLimitsTest {

    /** exFAT through FUSE: times to the second, no permission bits, links or hard links, case-insensitive. */
    static final FileSystemTraits EXFAT =
            new FileSystemTraits(TimeGranularity.SECOND, false, false, false, false, false);

    static final FileSystemTraits FAT =
            new FileSystemTraits(TimeGranularity.TWO_SECONDS, false, false, false, false, false);

    private static List<String> ops(SyncPlan plan) {
        return plan.actions().map(action -> action.op() + " " + action.path()).toList();
    }

    @Test
    void theCommonGroundIsTheCoarserTimeAndBitsOnlyWhereBothKeepThem() {
        assertThat(CommonGround.of(FileSystemTraits.POSIX, FileSystemTraits.POSIX))
                .isEqualTo(CommonGround.FULL);
        assertThat(CommonGround.of(FileSystemTraits.POSIX, EXFAT))
                .isEqualTo(new CommonGround(TimeGranularity.SECOND, false));
        assertThat(CommonGround.of(FAT, EXFAT)).isEqualTo(new CommonGround(TimeGranularity.TWO_SECONDS, false));
    }

    @Test
    void ownersAreKeptOnlyWhereTheWriterMayAndBothSidesKeepPermissionBits() {
        assertThat(CommonGround.of(FileSystemTraits.POSIX, FileSystemTraits.POSIX, true))
                .isEqualTo(CommonGround.FULL_WITH_OWNERS);
        assertThat(CommonGround.of(FileSystemTraits.POSIX, FileSystemTraits.POSIX, false))
                .isEqualTo(CommonGround.FULL);
        assertThat(CommonGround.of(FileSystemTraits.POSIX, EXFAT, true).owners())
                .as("exFAT has one owner for everything, set when it is mounted")
                .isFalse();
    }

    @Test
    void aFileCopiedToFatIsNotChangedForeverByItsTimeOrBits() {
        IndexEntry source = file("f", 10, 'a', T0 + 1_999_999_999L, 0640);
        IndexEntry onFat = file("f", 10, 'a', T0, 0777); // two-second time, every bit set
        assertThat(MirrorResolver.plan(List.of(source), List.of(onFat)).isEmpty())
                .isFalse();
        assertThat(MirrorResolver.plan(List.of(source), List.of(onFat), FileSystemTraits.POSIX, FAT)
                        .isEmpty())
                .isTrue();
    }

    @Test
    void aRealChangeOfTimeBeyondTheGranularityStillCounts() {
        IndexEntry source = file("f", 10, 'a', T0 + 2_000_000_000L, 0644);
        IndexEntry onFat = file("f", 10, 'a', T0, 0777);
        assertThat(ops(MirrorResolver.plan(List.of(source), List.of(onFat), FileSystemTraits.POSIX, FAT)))
                .containsExactly("metadata f");
    }

    @Test
    void aLinkIsRefusedWhereTheTargetHasNone() {
        SyncPlan plan = MirrorResolver.plan(
                List.of(link("l", "f"), file("f", 'a')), List.empty(), FileSystemTraits.POSIX, EXFAT);
        assertThat(ops(plan)).containsExactly("copy f");
        Refusals refused = MirrorResolver.refusals(
                List.of(file("f", 'a'), link("l", "f")).iterator(),
                List.<IndexEntry>empty().iterator(),
                EXFAT);
        assertThat(refused.all().map(Refusal::path).map(Object::toString)).containsExactly("l");
        assertThat(refused.all().head().reason()).contains("cannot hold symbolic links");
    }

    @Test
    void ofTwoNamesThatDifferOnlyInCaseTheSecondIsRefusedNeverCopiedOverTheFirst() {
        List<IndexEntry> source = List.of(file("README", 'a'), file("Readme", 'b'), file("other", 'c'));
        SyncPlan plan = MirrorResolver.plan(source, List.empty(), FileSystemTraits.POSIX, EXFAT);
        assertThat(ops(plan)).containsExactly("copy README", "copy other");
        Refusals refused = MirrorResolver.refusals(
                source.iterator(), List.<IndexEntry>empty().iterator(), EXFAT);
        assertThat(refused.all().map(Refusal::path).map(Object::toString)).containsExactly("Readme");
        assertThat(refused.all().head().reason())
                .isEqualTo("its name differs only in case from README, which the"
                        + " target's file system takes for the same name; not copied (rename one of them)");
        assertThat(refused.all().head().action().op()).isEqualTo("copy");
    }

    @Test
    void theNameTheTargetAlreadyHoldsIsKept() {
        List<IndexEntry> source = List.of(file("README", 'a'), file("Readme", 'b'));
        List<IndexEntry> target = List.of(file("Readme", 'b'));
        Refusals refused = MirrorResolver.refusals(source.iterator(), target.iterator(), EXFAT);
        assertThat(refused.all().map(Refusal::path).map(Object::toString)).containsExactly("README");
        assertThat(MirrorResolver.plan(source, target, FileSystemTraits.POSIX, EXFAT)
                        .isEmpty())
                .isTrue();
    }

    @Test
    void aRefusedFolderCoversEverythingBelowIt() {
        List<IndexEntry> source = List.of(
                        dir("Docs"), file("Docs/a", 'a'), dir("docs"), file("docs/b", 'b'), link("docs/l", "b"))
                .sorted(Pairing.ASCENDING);
        Refusals refused = MirrorResolver.refusals(
                source.iterator(), List.<IndexEntry>empty().iterator(), EXFAT);
        assertThat(refused.all().map(Refusal::path).map(Object::toString)).containsExactly("docs");
        assertThat(refused.all().head().action().op()).isEqualTo("mkdir");
        assertThat(ops(MirrorResolver.plan(source, List.empty(), FileSystemTraits.POSIX, EXFAT)))
                .containsExactly("mkdir Docs", "copy Docs/a");
    }

    @Test
    void aRefusedEntryIsNotDeletedFromUnderneathEither() {
        List<IndexEntry> source = List.of(link("x", "y"));
        List<IndexEntry> target = List.of(dir("x"), file("x/kept", 'k'));
        assertThat(ops(MirrorResolver.plan(source, target, FileSystemTraits.POSIX, EXFAT)))
                .isEmpty();
    }

    @Test
    void theFindingDoesNotDependOnTheOrderOfTheJoin() {
        List<IndexEntry> source = List.of(
                        file("b", 'a'), file("B", 'b'), dir("d"), file("d/x", 'x'), file("d/X", 'y'), file("d/x2", 'z'))
                .sorted(Pairing.ASCENDING);
        Refusals.Finder up = Refusals.finder(Direction.SOURCE_TO_TARGET, EXFAT);
        source.forEach(entry -> up.offer(io.vavr.control.Option.some(entry), io.vavr.control.Option.none()));
        Refusals.Finder down = Refusals.finder(Direction.SOURCE_TO_TARGET, EXFAT);
        source.reverse()
                .forEach(entry -> down.offer(io.vavr.control.Option.some(entry), io.vavr.control.Option.none()));
        assertThat(up.done().all()).isEqualTo(down.done().all());
        assertThat(up.done().all().map(Refusal::path).map(Object::toString)).containsExactly("b", "d/x");
    }

    @Test
    void aCaseSensitiveTargetWithLinksRefusesNothingAndIsNotReadForIt() {
        assertThat(Refusals.possible(FileSystemTraits.POSIX)).isFalse();
        assertThat(MirrorResolver.refusals(
                                List.of(file("a", 'a'), file("A", 'b'), link("l", "a"))
                                        .iterator(),
                                List.<IndexEntry>empty().iterator(),
                                FileSystemTraits.POSIX)
                        .isEmpty())
                .isTrue();
    }

    @Test
    void foldingFollowsEachCharactersSimpleCase() {
        assertThat(Refusals.fold("ÄbC")).isEqualTo(Refusals.fold("äBc"));
        assertThat(Refusals.fold("straße")).isNotEqualTo(Refusals.fold("STRASSE")); // no full folding, like exFAT
    }

    @Test
    void bidirectionallyACopyOnFatAgreesWithItsBaselineAndTheSource() {
        IndexEntry source = file("f", 10, 'a', T0 + 1_500_000_000L, 0640);
        IndexEntry onFat = file("f", 10, 'a', T0, 0777);
        Option<IndexEntry> base = Option.some(source); // what the last sync recorded: the source's
        CommonGround ground = CommonGround.of(FileSystemTraits.POSIX, FAT);
        Reconciliation.Context context =
                new Reconciliation.Context(ConflictPolicy.ASK, Option.none(), false, false, ground);
        assertThat(Reconciliation.decide(base, Option.some(source), Option.some(onFat), context))
                .isInstanceOf(Reconciliation.Decision.Agreed.class);
        assertThat(Reconciliation.decide(
                        base, Option.some(source), Option.some(onFat), Reconciliation.Context.of(ConflictPolicy.ASK)))
                .isNotInstanceOf(Reconciliation.Decision.Agreed.class);
        assertThat(BidirectionalResolver.settled(
                        new ThreeWay.Triple(source.path(), base, Option.some(source), Option.some(onFat)), ground))
                .isEmpty();
    }
}
