package dev.conduit.domain.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelativePathTest {

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/etc/passwd | ABSOLUTE",
                "a//b        | EMPTY_SEGMENT",
                "a/          | EMPTY_SEGMENT",
                "./a         | DOT_SEGMENT",
                "a/../b      | DOT_SEGMENT",
                "..          | DOT_SEGMENT"
            })
    void refusesWhatIsNotARelativePath(String raw, PathError expected) {
        assertThat(RelativePath.parse(raw).getLeft()).isEqualTo(expected);
    }

    @Test
    void refusesNul() {
        assertThat(RelativePath.parse("a\0b").getLeft()).isEqualTo(PathError.NUL_CHARACTER);
    }

    @Test
    void keepsNamesExactlyAsSpelledWithoutNormalisation() {
        String nfc = "caf\u00e9";
        String nfd = "cafe\u0301";
        assertThat(RelativePath.parse(nfc).get())
                .isNotEqualTo(RelativePath.parse(nfd).get());
        assertThat(RelativePath.parse(" lead and trail ").get().value()).isEqualTo(" lead and trail ");
        assertThat(RelativePath.parse("tab\there/new\nline\\back").get().depth())
                .isEqualTo(2);
        assertThat(RelativePath.parse("...").isRight()).isTrue();
    }

    @Test
    void theEmptyStringIsTheRoot() {
        RelativePath root = RelativePath.parse("").get();
        assertThat(root.isRoot()).isTrue();
        assertThat(root.child("a").value()).isEqualTo("a");
        assertThat(root.depth()).isZero();
        assertThatThrownBy(root::parent).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void knowsItsFamily() {
        RelativePath path = RelativePath.parse("docs/old/a.txt").get();
        assertThat(path.parent().value()).isEqualTo("docs/old");
        assertThat(path.name()).isEqualTo("a.txt");
        assertThat(path.parent().parent().parent()).isEqualTo(RelativePath.ROOT);
        assertThat(RelativePath.parse("docs").get().isAncestorOf(path)).isTrue();
        assertThat(RelativePath.parse("doc").get().isAncestorOf(path)).isFalse();
        assertThat(path.isAncestorOf(path)).isFalse();
        assertThat(RelativePath.ROOT.isAncestorOf(path)).isTrue();
    }

    @Test
    void sortsADirectoryJustBeforeItsChildren() {
        assertThat(RelativePath.parse("a/b").get())
                .isLessThan(RelativePath.parse("a-b").get());
        assertThat(RelativePath.parse("a").get())
                .isLessThan(RelativePath.parse("a/b").get());
    }

    @Property
    void parsePrintsBackWhatItRead(@ForAll("paths") String raw) {
        assertThat(RelativePath.parse(raw).get().toString()).isEqualTo(raw);
    }

    @Property
    void childThenParentIsTheIdentity(@ForAll("paths") String raw, @ForAll("names") String name) {
        RelativePath path = RelativePath.parse(raw).get();
        assertThat(path.child(name).parent()).isEqualTo(path);
        assertThat(path.child(name).name()).isEqualTo(name);
        assertThat(path.isAncestorOf(path.child(name))).isTrue();
    }

    @Property
    void treeOrderPutsEveryAncestorFirstAndIsAntisymmetric(@ForAll("paths") String a, @ForAll("paths") String b) {
        RelativePath x = RelativePath.parse(a).get();
        RelativePath y = RelativePath.parse(b).get();
        assertThat(Integer.signum(x.compareTo(y))).isEqualTo(-Integer.signum(y.compareTo(x)));
        if (x.isAncestorOf(y)) {
            assertThat(x.compareTo(y)).isNegative();
        }
        assertThat(x.compareTo(y) == 0).isEqualTo(x.equals(y));
    }

    @Property
    void codePointOrderIsTheOrderOfUtf8BytesAsSqliteSortsThem(
            @ForAll("anyText") String a, @ForAll("anyText") String b) {
        int bytes = java.util.Arrays.compareUnsigned(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Integer.signum(RelativePath.compareCodePoints(a, b))).isEqualTo(Integer.signum(bytes));
    }

    /** Directory order, compared in place, is the order of (parent, name) compared as separate strings. */
    @Property
    void directoryOrderIsTheOrderOfParentThenName(
            @ForAll("codePointPaths") String a, @ForAll("codePointPaths") String b) {
        RelativePath x = RelativePath.parse(a).get();
        RelativePath y = RelativePath.parse(b).get();
        int byParent =
                RelativePath.compareCodePoints(x.parent().value(), y.parent().value());
        int expected = byParent != 0 ? byParent : RelativePath.compareCodePoints(x.name(), y.name());

        assertThat(Integer.signum(RelativePath.compareDirectoryOrder(x, y))).isEqualTo(Integer.signum(expected));
        assertThat(Integer.signum(x.compareParentWith(y)))
                .isEqualTo(
                        Integer.signum(RelativePath.compareCodePoints(x.parent().value(), y.value())));
    }

    @Test
    void directoryOrderPutsAFoldersChildrenAfterEveryEntryOfItsParent() {
        RelativePath child = RelativePath.parse("a/z").get();
        RelativePath uncle = RelativePath.parse("b").get();

        assertThat(RelativePath.compareDirectoryOrder(uncle, child)).isNegative();
        assertThat(RelativePath.compareDirectoryOrder(child, uncle)).isPositive();
        assertThat(child.compareParentWith(RelativePath.parse("a").get())).isZero();
        assertThat(child.compareParentWith(RelativePath.ROOT)).isPositive();
        assertThat(uncle.compareParentWith(RelativePath.ROOT)).isZero();
    }

    @Provide
    Arbitrary<String> codePointPaths() {
        return anyText()
                .filter(text -> !text.isEmpty() && RelativePath.parse(text).isRight());
    }

    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<String> codePoints = Arbitraries.oneOf(
                Arbitraries.chars().range('a', 'c').map(String::valueOf),
                Arbitraries.of("/", "-", "\u00e9", "\uE000", "\uFFFD", "\uD83D\uDE00", "\uD800\uDC00", "\uDBFF\uDFFF"));
        return codePoints.list().ofMaxSize(5).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings()
                .withChars("ab-./ é\t")
                .ofMinLength(1)
                .ofMaxLength(4)
                .filter(RelativePath::isValidName);
    }

    @Provide
    Arbitrary<String> paths() {
        return names().list().ofMinSize(1).ofMaxSize(4).map(segments -> String.join("/", segments));
    }
}
