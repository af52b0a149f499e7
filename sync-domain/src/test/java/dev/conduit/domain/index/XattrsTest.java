package dev.conduit.domain.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class XattrsTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void noAttributesAtAllAreNone() {
        assertThat(Xattrs.of(LinkedHashMap.empty())).isEqualTo(Xattrs.NONE);
        assertThat(Xattrs.NONE.isEmpty()).isTrue();
    }

    @Test
    void theSameNamesAndValuesInAnyOrderHaveOneFingerprint() {
        Map<String, byte[]> one = LinkedHashMap.of("tag", bytes("red"), "origin", bytes("https://example.org/ü"));
        Map<String, byte[]> other = LinkedHashMap.of("origin", bytes("https://example.org/ü"), "tag", bytes("red"));
        assertThat(Xattrs.of(one)).isEqualTo(Xattrs.of(other)).isNotEqualTo(Xattrs.NONE);
    }

    @Test
    void anotherValueAnotherNameOrWhereOneEndsAndTheNextBeginsMakeAnother() {
        Xattrs base = Xattrs.of(LinkedHashMap.of("ab", bytes("c")));
        assertThat(Xattrs.of(LinkedHashMap.of("ab", bytes("d")))).isNotEqualTo(base);
        assertThat(Xattrs.of(LinkedHashMap.of("a", bytes("bc")))).isNotEqualTo(base);
        assertThat(Xattrs.of(LinkedHashMap.of("ab", bytes("c"), "e", new byte[0])))
                .isNotEqualTo(base);
        assertThat(Xattrs.of(LinkedHashMap.of("ab", new byte[0]))).isNotEqualTo(Xattrs.NONE);
    }

    @Property
    void theFingerprintIsAFunctionOfTheAttributesAlone(@ForAll java.util.Map<String, byte[]> attributes) {
        Xattrs forwards = Xattrs.of(TreeMap.ofAll(attributes));
        Xattrs backwards = Xattrs.of(LinkedHashMap.ofAll(new java.util.TreeMap<>(attributes).descendingMap()));
        assertThat(forwards).isEqualTo(backwards);
        assertThat(forwards.isEmpty()).isEqualTo(attributes.isEmpty());
        assertThat(new Xattrs(forwards.fingerprint())).isEqualTo(forwards);
    }
}
