package dev.conduit.domain.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ReservedNamesTest {

    @Property
    void everyTemporaryNameTheToolMakesIsItsOwnAndNamesItsWriter(
            @ForAll @LongRange(min = 1, max = 1L << 22) long pid,
            @ForAll @LongRange(max = 999_999_999_999_999_999L) long n) {
        String name = ReservedNames.temporary(pid, n);

        assertThat(ReservedNames.isReserved(name)).isTrue();
        assertThat(ReservedNames.temporaryWriter(name)).isEqualTo(Option.some(pid));
    }

    @Test
    void namesThatMerelyStartLikeATemporaryAreNotReserved() {
        for (String name : new String[] {
            ".conduit-tmp-",
            ".conduit-tmp-notes.txt",
            ".conduit-tmp-123-x",
            ".conduit-tmp-123",
            ".conduit-tmp-123-",
            ".conduit-tmp--4",
            ".conduit-tmp-12-3.txt",
            ".conduit-tmp-1-2-3",
            ".conduit-tmp- 1-2",
            ".conduit-tmp-1234567890123456789-1",
            ".conduit-trash2",
            "conduit-tmp-1-2"
        }) {
            assertThat(ReservedNames.isReserved(name)).as(name).isFalse();
            assertThat(ReservedNames.temporaryWriter(name)).as(name).isEmpty();
        }
    }

    @Test
    void theTrashFolderIsReserved() {
        assertThat(ReservedNames.isReserved(".conduit-trash")).isTrue();
        assertThat(ReservedNames.isTemporary(".conduit-trash")).isFalse();
    }
}
