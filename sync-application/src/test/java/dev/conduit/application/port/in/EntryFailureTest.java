package dev.conduit.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.conduit.Side;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

class EntryFailureTest {

    @Test
    void rendersTheWordsPeopleReadInsideTheirContext() {
        EntryFailure full = EntryFailure.noSpace().in("cannot write: ");

        assertThat(full.reason()).isEqualTo("cannot write: no space left on the device");
        assertThat(full.in("renamed, but ").reason())
                .isEqualTo("renamed, but cannot write: no space left on the device");
        assertThat(EntryFailure.notUtf8(EntryFailure.NotUtf8.Of.NAME)
                        .then(" (rename it to sync it)")
                        .reason())
                .isEqualTo("name is not valid UTF-8 (rename it to sync it)");
        assertThat(EntryFailure.inTheWay("a socket").reason()).isEqualTo("a socket is in the way");
        assertThat(EntryFailure.skipped("a device").reason()).isEqualTo("skipped: a device");
        assertThat(EntryFailure.stale().reason()).isEqualTo(EntryFailure.STALE);
        assertThat(EntryFailure.sourceChanged().reason()).isEqualTo(EntryFailure.SOURCE_CHANGED);
    }

    @Test
    void keepsItsKindWhateverContextItTravelsIn() {
        EntryFailure travelled = EntryFailure.noSpace().in("cannot copy: ").then(" (the old version is in the trash)");

        assertThat(travelled).isInstanceOf(EntryFailure.NoSpace.class);
        assertThat(travelled.words()).isEqualTo(EntryFailure.NO_SPACE);
        assertThat(EntryFailure.ioError("no space left on the device")).isNotInstanceOf(EntryFailure.NoSpace.class);
    }

    @Test
    void anEntryErrorSaysSidePathAndReason() {
        EntryError error = new EntryError(
                Side.TARGET, "a/b", EntryFailure.permissionDenied().in("cannot delete: "));

        assertThat(error.describe()).isEqualTo("target a/b: cannot delete: permission denied");
        assertThat(error.reason()).isEqualTo("cannot delete: permission denied");
    }

    @Test
    void aCommandFailureIsFoldedByItsCase() {
        assertThat(kind(Failure.usage(List.of("a", "b")))).isEqualTo("usage");
        assertThat(kind(Failure.notFound("no conduit 'x'"))).isEqualTo("not-found");
        assertThat(kind(Failure.refused("no"))).isEqualTo("refused");
        assertThat(kind(Failure.busy("syncing"))).isEqualTo("busy");
        assertThat(kind(Failure.paused("the source is missing"))).isEqualTo("paused");
        assertThat(Failure.usage(List.of("a", "b")).message()).isEqualTo("a; b");
    }

    private static String kind(Failure failure) {
        return failure.fold(
                usage -> "usage", notFound -> "not-found", refused -> "refused", busy -> "busy", paused -> "paused");
    }
}
