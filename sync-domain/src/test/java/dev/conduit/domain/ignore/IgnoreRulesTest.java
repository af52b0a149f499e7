package dev.conduit.domain.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IgnoreRulesTest {

    private static RelativePath path(String raw) {
        return RelativePath.parse(raw).get();
    }

    private static boolean ignored(String pattern, String path, boolean directory) {
        return IgnoreRules.none().with(RelativePath.ROOT, List.of(pattern)).ignores(path(path), directory);
    }

    @Nested
    class GitignoreSemantics {

        @ParameterizedTest(name = "{0} vs {1} (dir: {2}) -> {3}")
        @CsvSource(
                delimiter = '|',
                value = {
                    // a pattern without a slash matches a name at any depth
                    "*.log          | app.log              | false | true",
                    "*.log          | deep/down/app.log    | false | true",
                    "*.log          | app.log.txt          | false | false",
                    "build          | build                | true  | true",
                    "build          | src/build            | true  | true",
                    "build          | builder              | true  | false",
                    // a leading slash anchors to the root
                    "/build         | build                | true  | true",
                    "/build         | src/build            | true  | false",
                    // an inner slash anchors too
                    "doc/*.txt      | doc/a.txt            | false | true",
                    "doc/*.txt      | x/doc/a.txt          | false | false",
                    "doc/*.txt      | doc/sub/a.txt        | false | false",
                    // a trailing slash matches directories only
                    "cache/         | cache                | true  | true",
                    "cache/         | cache                | false | false",
                    "cache/         | a/cache              | true  | true",
                    // ** across directories
                    "**/tmp         | tmp                  | true  | true",
                    "**/tmp         | a/b/tmp              | true  | true",
                    "a/**/z         | a/z                  | false | true",
                    "a/**/z         | a/b/c/z              | false | true",
                    "a/**           | a/b/c                | false | true",
                    "a/**           | a                    | true  | false",
                    "**             | any/thing            | false | true",
                    // * and ? never cross a slash
                    "a*z            | a/z                  | false | false",
                    "a?c            | abc                  | false | true",
                    "a?c            | a/c                  | false | false",
                    // classes
                    "[ab].txt       | a.txt                | false | true",
                    "[!ab].txt      | c.txt                | false | true",
                    "[!ab].txt      | a.txt                | false | false",
                    "[a-c]x         | bx                   | false | true",
                    "[a-c]x         | dx                   | false | false",
                    // escapes and literal specials
                    "\\#hash        | #hash                | false | true",
                    "\\!bang        | !bang                | false | true",
                    "a\\*b          | a*b                  | false | true",
                    "a\\*b          | axb                  | false | false",
                    "[unclosed      | [unclosed            | false | true",
                    "(x)+.txt       | (x)+.txt             | false | true",
                    "(x)+.txt       | xx.txt               | false | false"
                })
        void matchesLikeGit(String pattern, String path, boolean directory, boolean expected) {
            assertThat(ignored(pattern.strip(), path.strip(), directory)).isEqualTo(expected);
        }

        @Test
        void skipsCommentsAndBlankLinesAndTrailingSpaces() {
            IgnoreRules rules = IgnoreRules.none()
                    .with(RelativePath.ROOT, List.of("# a comment", "", "   ", "trailing   ", "windows\r"));
            assertThat(rules.patterns()).hasSize(2);
            assertThat(rules.ignores(path("trailing"), false)).isTrue();
            assertThat(rules.ignores(path("windows"), false)).isTrue();
            assertThat(rules.ignores(path("# a comment"), false)).isFalse();
        }

        @Test
        void keepsAnEscapedTrailingSpace() {
            assertThat(ignored("space\\ ", "space ", false)).isTrue();
            assertThat(ignored("space\\ ", "space", false)).isFalse();
        }

        @Test
        void lastMatchWinsSoNegationReincludes() {
            IgnoreRules rules = IgnoreRules.none().with(RelativePath.ROOT, List.of("*.log", "!keep.log"));
            assertThat(rules.ignores(path("a.log"), false)).isTrue();
            assertThat(rules.ignores(path("keep.log"), false)).isFalse();
            IgnoreRules reversed = IgnoreRules.none().with(RelativePath.ROOT, List.of("!keep.log", "*.log"));
            assertThat(reversed.ignores(path("keep.log"), false)).isTrue();
        }

        @Test
        void aFileInAnIgnoredDirectoryCannotBeReincluded() {
            IgnoreRules rules = IgnoreRules.none().with(RelativePath.ROOT, List.of("build/", "!build/keep"));
            assertThat(rules.excludes(path("build/keep"), false)).isTrue();
            assertThat(rules.excludes(path("src/keep"), false)).isFalse();
        }

        @Test
        void nestedIgnoreFilesApplyOnlyBelowTheirDirectory() {
            IgnoreRules rules = IgnoreRules.none().with(path("sub"), List.of("*.tmp", "/top"));
            assertThat(rules.ignores(path("sub/a.tmp"), false)).isTrue();
            assertThat(rules.ignores(path("sub/deep/a.tmp"), false)).isTrue();
            assertThat(rules.ignores(path("a.tmp"), false)).isFalse();
            assertThat(rules.ignores(path("subway/a.tmp"), false)).isFalse();
            assertThat(rules.ignores(path("sub/top"), false)).isTrue();
            assertThat(rules.ignores(path("sub/deep/top"), false)).isFalse();
            assertThat(rules.ignores(path("top"), false)).isFalse();
        }
    }

    @Nested
    class BuiltIns {

        @Test
        void ignoreOsClutterByDefaultAndLetTheUserTakeItBack() {
            assertThat(IgnoreRules.defaults().ignores(path("a/.DS_Store"), false))
                    .isTrue();
            assertThat(IgnoreRules.defaults().ignores(path("Thumbs.db"), false)).isTrue();
            assertThat(IgnoreRules.defaults().ignores(path("desktop.ini"), false))
                    .isTrue();
            assertThat(IgnoreRules.none().ignores(path(".DS_Store"), false)).isFalse();
            assertThat(IgnoreRules.defaults()
                            .with(RelativePath.ROOT, List.of("!Thumbs.db"))
                            .ignores(path("Thumbs.db"), false))
                    .isFalse();
        }

        @Test
        void alwaysIgnoreConduitsOwnFilesWhateverThePatternsSay() {
            IgnoreRules rules = IgnoreRules.none().with(RelativePath.ROOT, List.of("!*", "!.conduit-trash/"));
            assertThat(rules.ignores(path("x/.conduit-tmp-123-4"), false)).isTrue();
            assertThat(rules.ignores(path(".conduit-trash"), true)).isTrue();
            assertThat(rules.ignores(path(".conduitignore"), false)).isFalse();
        }

        @Test
        void aUsersNameThatMerelyStartsLikeConduitsOwnIsANameLikeAnyOther() {
            IgnoreRules rules = IgnoreRules.defaults();
            assertThat(rules.ignores(path(".conduit-tmp-notes.txt"), false)).isFalse();
            assertThat(rules.ignores(path("x/.conduit-tmp-123-a.txt"), false)).isFalse();
            assertThat(rules.ignores(path(".conduit-trash-old"), true)).isFalse();
        }

        @Test
        void neverIgnoreTheRoot() {
            assertThat(IgnoreRules.none().with(RelativePath.ROOT, List.of("**")).ignores(RelativePath.ROOT, true))
                    .isFalse();
        }
    }
}
