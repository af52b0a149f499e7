package dev.conduit.domain.plan;

import static dev.conduit.domain.index.Entries.dir;
import static dev.conduit.domain.index.Entries.file;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class SyncActionTest {

    private static final Direction WAY = Direction.SOURCE_TO_TARGET;
    private static final List<SyncAction> EVERY_KIND = List.of(
            new SyncAction.MakeDirectory(WAY, dir("d"), Option.none()),
            new SyncAction.Copy(WAY, file("f", 'a'), Option.none()),
            new SyncAction.Move(WAY, file("old", 'a'), file("new", 'a')),
            new SyncAction.SetMetadata(WAY, file("m", 'a'), file("m", 'a')),
            new SyncAction.Delete(WAY, file("gone", 'a'), DeleteReason.NOT_IN_SOURCE));

    @Test
    void theFoldAppliesTheFunctionOfTheActionsKind() {
        assertThat(EVERY_KIND.map(action -> action.fold(
                        make -> "mkdir", copy -> "copy", move -> "move", fix -> "metadata", delete -> "delete")))
                .containsExactly("mkdir", "copy", "move", "metadata", "delete")
                .isEqualTo(EVERY_KIND.map(SyncAction::op));
    }

    @Test
    void theTwoWayFoldTellsTransfersFromDeletes() {
        assertThat(EVERY_KIND.map(action -> action.fold(transfer -> "copy job", delete -> "delete job")))
                .containsExactly("copy job", "copy job", "copy job", "copy job", "delete job");
    }

    @Test
    void aTransferFoldsOverTheFourTransfers() {
        List<SyncAction.Transfer> transfers = EVERY_KIND.flatMap(
                action -> action.<Option<SyncAction.Transfer>>fold(Option::some, d -> Option.none()));
        assertThat(transfers.map(transfer -> transfer.fold(make -> 1, copy -> 2, move -> 3, fix -> 4)))
                .containsExactly(1, 2, 3, 4);
        assertThat(transfers.map(transfer -> transfer.wanted().path().value())).containsExactly("d", "f", "new", "m");
    }

    @Test
    void onlyACopyOverAFolderReplacesADirectory() {
        assertThat(EVERY_KIND.filter(SyncAction::replacesDirectory)).isEmpty();
        assertThat(new SyncAction.Copy(WAY, file("f", 'a'), Option.some(file("f", 'b'))).replacesDirectory())
                .isFalse();
        assertThat(new SyncAction.Copy(WAY, file("f", 'a'), Option.some(dir("f"))).replacesDirectory())
                .isTrue();
        assertThat(new SyncAction.MakeDirectory(WAY, dir("d"), Option.some(file("d", 'a'))).replacesDirectory())
                .isFalse();
    }
}
