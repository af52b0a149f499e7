package dev.conduit.domain.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.index.CommonGround;
import dev.conduit.domain.index.Entries;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.RescanRules;
import dev.conduit.domain.index.TimeGranularity;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.reconcile.Reconciliation;
import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Owners and groups as a mirror compares them (ADR 0040): kept, an owner that differs is metadata to set, never a
 * copy; not kept (a sync that does not run as root), owners are never a difference; an owner not known on either side
 * (an index written before owners were recorded) is no difference either way.
 */
class OwnerProperties {

    @Property(tries = 500)
    void keptOwnersThatDifferAreMetadataNotCopies(
            @ForAll("entries") IndexEntry entry, @ForAll("ids") int[] source, @ForAll("ids") int[] target) {
        IndexEntry wanted = Entries.owned(entry, source[0], source[1]);
        IndexEntry current = Entries.owned(entry, target[0], target[1]);
        Option<SyncAction.Transfer> kept = transfer(wanted, current, CommonGround.FULL_WITH_OWNERS);
        boolean bothKnown = wanted.stat().ownerKnown() && current.stat().ownerKnown();
        boolean differ = source[0] != target[0] || source[1] != target[1];
        Statistics.label("owners").collect(bothKnown ? (differ ? "differ" : "same") : "unknown");

        if (bothKnown && differ) {
            assertThat(kept.get()).isInstanceOf(SyncAction.SetMetadata.class);
            assertThat(kept.get().reason()).isEqualTo("owner");
        } else {
            assertThat(kept).isEmpty();
        }
        assertThat(transfer(wanted, current, CommonGround.FULL)).isEmpty();
        IndexEntry otherBits = new IndexEntry(
                wanted.path(), wanted.stat().withMode(0700), wanted.hash(), wanted.xattrs(), wanted.indexedAtNanos());
        if (!wanted.kind().equals(dev.conduit.domain.index.EntryKind.SYMLINK)) {
            assertThat(transfer(otherBits, current, CommonGround.FULL).get().reason())
                    .as("owners not kept are not named")
                    .isEqualTo("permissions");
        }
        assertThat(Reconciliation.changed(Option.some(current), Option.some(wanted), CommonGround.FULL))
                .isFalse();
        assertThat(Reconciliation.changed(Option.some(current), Option.some(wanted), CommonGround.FULL_WITH_OWNERS))
                .isEqualTo(bothKnown && differ);
    }

    /** What a scan makes of an owner: a change when both are known and differ; learnt, not changed, when unknown. */
    @Property(tries = 300)
    void aScanSeesAnOwnerChangeOnlyWhenBothAreKnown(
            @ForAll("entries") IndexEntry entry, @ForAll("ids") int[] before, @ForAll("ids") int[] after) {
        IndexEntry was = Entries.owned(entry, before[0], before[1]);
        IndexEntry is = Entries.owned(entry, after[0], after[1]);
        boolean changed =
                was.stat().ownerKnown() && is.stat().ownerKnown() && (before[0] != after[0] || before[1] != after[1]);

        assertThat(RescanRules.classify(Option.some(was), is))
                .isEqualTo(
                        changed
                                ? dev.conduit.domain.index.IndexChange.MODIFIED
                                : dev.conduit.domain.index.IndexChange.UNCHANGED);
        assertThat(RescanRules.needsWrite(Option.some(was), is, false))
                .isEqualTo(before[0] != after[0] || before[1] != after[1]);
    }

    /** A copy still copies, owners kept or not, and carries the source's owner in its wanted entry. */
    @Property(tries = 200)
    void otherContentIsACopyWhateverTheOwners(
            @ForAll("ids") int[] source, @ForAll("ids") int[] target, @ForAll boolean kept) {
        IndexEntry wanted = Entries.owned(Entries.file("f", 'a'), source[0], source[1]);
        IndexEntry current = Entries.owned(Entries.file("f", 'b'), target[0], target[1]);
        Option<SyncAction.Transfer> action =
                transfer(wanted, current, kept ? CommonGround.FULL_WITH_OWNERS : CommonGround.FULL);

        assertThat(action.get()).isInstanceOf(SyncAction.Copy.class);
        assertThat(action.get().wanted().stat().uid()).isEqualTo(source[0]);
    }

    /** A root is as the other when its bits, time (to the common granularity) and, where kept, owner are. */
    @Property(tries = 300)
    void aRootIsMendedWhenItsBitsTimeOrKeptOwnerDiffer(
            @ForAll("ids") int[] source,
            @ForAll("ids") int[] target,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 3) int bits,
            @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 3_000_000) long later,
            @ForAll boolean kept) {
        FileStat wanted = FileStat.directory(Entries.T0, 0750, Option.none()).withOwner(source[0], source[1]);
        int mode = new int[] {0750, 0755, 0700, 01777}[bits];
        FileStat current =
                FileStat.directory(Entries.T0 + later, mode, Option.none()).withOwner(target[0], target[1]);
        CommonGround ground = kept ? CommonGround.FULL_WITH_OWNERS : CommonGround.FULL;
        boolean ownerDiffers = kept
                && wanted.ownerKnown()
                && current.ownerKnown()
                && (source[0] != target[0] || source[1] != target[1]);

        assertThat(MirrorRules.sameRoot(wanted, current, ground))
                .isEqualTo(mode == 0750 && later < 1_000_000 && !ownerDiffers);
        assertThat(MirrorRules.sameRoot(wanted, current, new CommonGround(TimeGranularity.SECOND, false, kept)))
                .as("exFAT: no bits, times to the second")
                .isEqualTo(!ownerDiffers);
    }

    private static Option<SyncAction.Transfer> transfer(IndexEntry wanted, IndexEntry current, CommonGround ground) {
        return MirrorRules.transfer(Direction.SOURCE_TO_TARGET, Option.some(wanted), Option.some(current), ground);
    }

    @Provide
    Arbitrary<IndexEntry> entries() {
        return Arbitraries.of(
                Entries.file("f", 'a'), Entries.dir("d", 0750), Entries.link("l", "target"), Entries.dir("r", 01777));
    }

    /** A user and a group id: a few known ones, often equal, and now and then not known. */
    @Provide
    Arbitrary<int[]> ids() {
        Arbitrary<Integer> id = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(FileStat.UNKNOWN_OWNER)),
                net.jqwik.api.Tuple.of(6, Arbitraries.of(0, 1234, 4321)));
        return id.list().ofSize(2).map(ids -> new int[] {ids.get(0), ids.get(1)});
    }
}
