package dev.conduit.domain.index;

import static dev.conduit.domain.index.Entries.T0;
import static dev.conduit.domain.index.Entries.file;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** Whether two entries are the same: the comparisons the mirror, reconciliation and renames share. */
class EntryComparisonTest {

    @Test
    void timesAreComparedToTheMillisecond() {
        IndexEntry source = file("f", 10, 'a', T0 + 999_999, 0644);
        assertThat(EntryComparison.sameMetadata(source, file("f", 10, 'a', T0, 0644)))
                .isTrue();
        assertThat(EntryComparison.sameMetadata(source, file("f", 10, 'a', T0 + 1_000_000, 0644)))
                .isFalse();
    }

    @Test
    void withoutBothHashesSameSizeAndTimeMeanSameContent() {
        IndexEntry unhashed =
                new IndexEntry(Entries.path("f"), FileStat.file(10, T0, 0644, Option.none()), Option.none(), T0);
        assertThat(EntryComparison.sameContent(unhashed, file("f", 10, 'z', T0, 0644)))
                .isTrue();
        assertThat(EntryComparison.sameContent(unhashed, file("f", 10, 'z', T0 + 1_000_000_000L, 0644)))
                .isFalse();
        assertThat(EntryComparison.sameContent(unhashed, file("f", 11, 'z', T0, 0644)))
                .isFalse();
    }

    @Test
    void sameSizeAndTimeWithKnownHashesThatDifferIsAChange() {
        assertThat(EntryComparison.sameContent(file("f", 'a'), file("f", 'b'))).isFalse();
    }

    @Test
    void ownersAreComparedOnlyWhereKeptAndKnownOnBothSides() {
        IndexEntry mine = Entries.owned(file("f", 'a'), 1234, 100);
        IndexEntry theirs = Entries.owned(file("f", 'a'), 4321, 100);
        IndexEntry otherGroup = Entries.owned(file("f", 'a'), 1234, 200);
        IndexEntry unknown = file("f", 'a');

        assertThat(EntryComparison.sameMetadata(mine, theirs, CommonGround.FULL_WITH_OWNERS))
                .isFalse();
        assertThat(EntryComparison.sameMetadata(mine, otherGroup, CommonGround.FULL_WITH_OWNERS))
                .isFalse();
        assertThat(EntryComparison.sameMetadata(mine, theirs, CommonGround.FULL))
                .isTrue();
        assertThat(EntryComparison.sameMetadata(mine, theirs)).isTrue();
        assertThat(EntryComparison.sameMetadata(mine, unknown, CommonGround.FULL_WITH_OWNERS))
                .isTrue();
        assertThat(EntryComparison.sameContent(mine, theirs, CommonGround.FULL_WITH_OWNERS))
                .isTrue();
    }
}
