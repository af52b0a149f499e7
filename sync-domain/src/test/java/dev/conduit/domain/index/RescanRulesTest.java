package dev.conduit.domain.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RescanRulesTest {

    private static final long SETTLED = 1_000_000_000_000_000_000L; // an mtime long before indexing
    private static final long INDEXED_AT = SETTLED + 3_600_000_000_000L; // an hour later
    private static final RelativePath PATH = RelativePath.parse("a.txt").get();
    private static final ContentHash HASH = new ContentHash("a".repeat(64));
    private static final ContentHash OTHER = new ContentHash("b".repeat(64));

    private static FileStat file(long size, long mtime, int mode, String key) {
        return FileStat.file(size, mtime, mode, Option.some(key));
    }

    private static Option<IndexEntry> indexed(FileStat stat, Option<ContentHash> hash, long indexedAt) {
        return Option.some(new IndexEntry(PATH, stat, hash, indexedAt));
    }

    /** ADR 0059: a folder's row takes the lstat after its time was set only when it is that folder, unchanged. */
    @Test
    void aFolderWhoseTimeWasSetIsRecordedOnlyWhenItIsTheFolderTheRowDescribes() {
        RelativePath folder = RelativePath.parse("docs").get();
        Xattrs tags = Xattrs.of(io.vavr.collection.HashMap.of("user.tag", new byte[] {1}));
        Option<IndexEntry> row = Option.some(new IndexEntry(
                folder,
                FileStat.directory(SETTLED, 0755, Option.some("1:7")).withCtime(SETTLED),
                Option.none(),
                Option.some(tags),
                INDEXED_AT));
        FileStat after =
                FileStat.directory(SETTLED - 5, 0755, Option.some("1:7")).withCtime(INDEXED_AT + 10);

        Option<IndexEntry> recorded = RescanRules.timesSet(row, after);

        assertThat(recorded).hasSize(1);
        assertThat(recorded.get().stat()).isEqualTo(after);
        assertThat(recorded.get().xattrs())
                .as("the row's: nothing read them again")
                .contains(tags);
        assertThat(recorded.get().indexedAtNanos()).as("the row's examination").isEqualTo(INDEXED_AT);
        assertThat(RescanRules.needsXattrs(recorded, after))
                .as("changed after that examination: the next scan reads its attributes again")
                .isTrue();
        assertThat(RescanRules.timesSet(row, FileStat.directory(SETTLED - 5, 0755, Option.some("1:8"))))
                .as("another folder in its place")
                .isEmpty();
        assertThat(RescanRules.timesSet(row, FileStat.directory(SETTLED - 5, 0755, Option.none())))
                .as("no file key to tell")
                .isEmpty();
        assertThat(RescanRules.timesSet(row, FileStat.directory(SETTLED - 5, 0700, Option.some("1:7"))))
                .as("other bits: a change, left to the scan")
                .isEmpty();
        assertThat(RescanRules.timesSet(Option.none(), after))
                .as("not in the index")
                .isEmpty();
        assertThat(RescanRules.timesSet(row, file(0, SETTLED, 0755, "1:7")))
                .as("not a folder")
                .isEmpty();
    }

    @Test
    void hashesNewFilesButNeverDirectoriesOrLinks() {
        assertThat(RescanRules.needsHash(Option.none(), file(1, SETTLED, 0644, "1:1")))
                .isTrue();
        assertThat(RescanRules.needsHash(Option.none(), FileStat.directory(SETTLED, 0755, Option.none())))
                .isFalse();
        assertThat(RescanRules.needsHash(Option.none(), FileStat.symlink("t", SETTLED, 0777, Option.none())))
                .isFalse();
    }

    @Test
    void trustsASettledFileWhoseStatIsUnchanged() {
        FileStat stat = file(10, SETTLED, 0644, "1:1");
        assertThat(RescanRules.needsHash(indexed(stat, Option.some(HASH), INDEXED_AT), stat))
                .isFalse();
    }

    @Test
    void rehashesWhenSizeMtimeOrFileKeyChanged() {
        Option<IndexEntry> before = indexed(file(10, SETTLED, 0644, "1:1"), Option.some(HASH), INDEXED_AT);
        assertThat(RescanRules.needsHash(before, file(11, SETTLED, 0644, "1:1")))
                .isTrue();
        assertThat(RescanRules.needsHash(before, file(10, SETTLED + 1, 0644, "1:1")))
                .isTrue();
        assertThat(RescanRules.needsHash(before, file(10, SETTLED, 0644, "1:2")))
                .isTrue();
        assertThat(RescanRules.needsHash(before, file(10, SETTLED, 0600, "1:1")))
                .as("mode only")
                .isFalse();
    }

    private static FileStat changedAt(FileStat stat, long ctime) {
        return new FileStat(
                stat.kind(), stat.size(), stat.mtimeNanos(), stat.mode(), stat.fileKey(), stat.linkTarget(), ctime);
    }

    @Test
    void rehashesWhenTheChangeTimeMovedEvenWithSizeAndMtimePutBack() {
        FileStat stat = changedAt(file(10, SETTLED, 0644, "1:1"), SETTLED);
        Option<IndexEntry> before = indexed(stat, Option.some(HASH), INDEXED_AT);
        assertThat(RescanRules.needsHash(before, stat)).isFalse();
        assertThat(RescanRules.needsHash(before, changedAt(stat, SETTLED + 5))).isTrue();
        assertThat(RescanRules.needsHash(indexed(file(10, SETTLED, 0644, "1:1"), Option.some(HASH), INDEXED_AT), stat))
                .as("a row written before change times were recorded is not read again for that")
                .isFalse();
    }

    @Test
    void theSameEntryHasItsKindSizeMtimeLinkTargetAndFileButNotNecessarilyItsChangeTime() {
        FileStat stat = changedAt(file(10, SETTLED, 0644, "1:1"), SETTLED);
        assertThat(RescanRules.sameEntry(stat, changedAt(stat, SETTLED + 5))).isTrue();
        assertThat(RescanRules.sameEntry(stat, file(10, SETTLED, 0600, "1:1")))
                .as("mode")
                .isTrue();
        assertThat(RescanRules.sameEntry(stat, file(11, SETTLED, 0644, "1:1"))).isFalse();
        assertThat(RescanRules.sameEntry(stat, file(10, SETTLED + 1, 0644, "1:1")))
                .isFalse();
        assertThat(RescanRules.sameEntry(stat, file(10, SETTLED, 0644, "1:2")))
                .as("another inode")
                .isFalse();
        assertThat(RescanRules.sameEntry(stat, FileStat.symlink("0123456789", SETTLED, 0777, Option.some("1:1"))))
                .isFalse();
        assertThat(RescanRules.sameEntry(
                        FileStat.symlink("a", SETTLED, 0777, Option.none()),
                        FileStat.symlink("b", SETTLED, 0777, Option.none())))
                .as("another link target")
                .isFalse();
        assertThat(RescanRules.sameEntry(
                        FileStat.directory(SETTLED, 0755, Option.none()),
                        FileStat.directory(SETTLED + 9, 0700, Option.some("1:9"))))
                .as("folders match by kind")
                .isTrue();
    }

    @Test
    void anEntryIsUntouchedOnlyWithTheSameChangeTimeLongEnoughBeforeItWasIndexed() {
        FileStat stat = changedAt(file(10, SETTLED, 0644, "1:1"), SETTLED);
        IndexEntry settled = indexed(stat, Option.some(HASH), INDEXED_AT).get();
        assertThat(RescanRules.untouchedSince(settled, stat)).isTrue();
        assertThat(RescanRules.untouchedSince(settled, changedAt(stat, SETTLED + 1)))
                .isFalse();
        assertThat(RescanRules.untouchedSince(settled, file(10, SETTLED, 0644, "1:1")))
                .as("unknown now")
                .isFalse();
        IndexEntry racy = indexed(stat, Option.some(HASH), SETTLED + RescanRules.RACY_WINDOW_NANOS)
                .get();
        assertThat(RescanRules.untouchedSince(racy, stat))
                .as("changed just before the scan")
                .isFalse();
    }

    @Test
    void rehashesWhatItCouldNotReadBefore() {
        FileStat stat = file(10, SETTLED, 0644, "1:1");
        assertThat(RescanRules.needsHash(indexed(stat, Option.none(), INDEXED_AT), stat))
                .isTrue();
    }

    @Test
    void rehashesARacyFileModifiedJustBeforeItWasIndexed() {
        long modified = INDEXED_AT - 5_000_000L; // 5 ms before the scan saw it
        FileStat stat = file(10, modified, 0644, "1:1");
        assertThat(RescanRules.needsHash(indexed(stat, Option.some(HASH), INDEXED_AT), stat))
                .isTrue();
    }

    @Test
    void classifiesWhatAPersonWouldCallAChange() {
        FileStat stat = file(10, SETTLED, 0644, "1:1");
        IndexEntry same = new IndexEntry(PATH, stat, Option.some(HASH), INDEXED_AT);
        assertThat(RescanRules.classify(Option.none(), same)).isEqualTo(IndexChange.NEW);
        assertThat(RescanRules.classify(Option.some(same), same)).isEqualTo(IndexChange.UNCHANGED);
        assertThat(RescanRules.classify(Option.some(same), new IndexEntry(PATH, stat, Option.some(OTHER), INDEXED_AT)))
                .as("same stat, other content (racy rewrite)")
                .isEqualTo(IndexChange.MODIFIED);
        assertThat(RescanRules.classify(
                        Option.some(same),
                        new IndexEntry(PATH, file(10, SETTLED, 0600, "1:1"), Option.some(HASH), INDEXED_AT)))
                .as("permission bits")
                .isEqualTo(IndexChange.MODIFIED);
        assertThat(RescanRules.classify(
                        Option.some(same),
                        new IndexEntry(PATH, file(10, SETTLED, 0644, "9:9"), Option.some(HASH), INDEXED_AT)))
                .as("another inode, same content and stat")
                .isEqualTo(IndexChange.UNCHANGED);
        assertThat(RescanRules.classify(
                        Option.some(same),
                        new IndexEntry(
                                PATH, FileStat.directory(SETTLED, 0755, Option.none()), Option.none(), INDEXED_AT)))
                .as("file became a directory")
                .isEqualTo(IndexChange.MODIFIED);
    }

    @Test
    void aDirectoryChangesOnlyWithItsPermissionsAndALinkOnlyWithItsTarget() {
        IndexEntry dir = new IndexEntry(PATH, FileStat.directory(SETTLED, 0755, Option.none()), Option.none(), 1);
        IndexEntry touched =
                new IndexEntry(PATH, FileStat.directory(SETTLED + 9, 0755, Option.none()), Option.none(), 1);
        IndexEntry locked = new IndexEntry(PATH, FileStat.directory(SETTLED, 0700, Option.none()), Option.none(), 1);
        assertThat(RescanRules.classify(Option.some(dir), touched)).isEqualTo(IndexChange.UNCHANGED);
        assertThat(RescanRules.needsWrite(Option.some(dir), touched, false)).isTrue();
        assertThat(RescanRules.classify(Option.some(dir), locked)).isEqualTo(IndexChange.MODIFIED);

        IndexEntry link = new IndexEntry(PATH, FileStat.symlink("a", SETTLED, 0777, Option.none()), Option.none(), 1);
        IndexEntry moved = new IndexEntry(PATH, FileStat.symlink("b", SETTLED, 0777, Option.none()), Option.none(), 1);
        assertThat(RescanRules.classify(Option.some(link), moved)).isEqualTo(IndexChange.MODIFIED);
    }

    @Test
    void readsTheExtendedAttributesOfNewFilesAndFoldersButNeverOfLinks() {
        assertThat(RescanRules.needsXattrs(Option.none(), file(1, SETTLED, 0644, "1:1")))
                .isTrue();
        assertThat(RescanRules.needsXattrs(Option.none(), FileStat.directory(SETTLED, 0755, Option.none())))
                .isTrue();
        assertThat(RescanRules.needsXattrs(Option.none(), FileStat.symlink("t", SETTLED, 0777, Option.none())))
                .isFalse();
    }

    @Test
    void readsThemAgainOnlyWhenTheChangeTimeOrFileKeyMovedOrTheyWereReadTooCloseToAChange() {
        FileStat stat = file(10, SETTLED, 0644, "1:1").withCtime(SETTLED);
        Option<IndexEntry> before =
                Option.some(new IndexEntry(PATH, stat, Option.some(HASH), Option.some(Xattrs.NONE), INDEXED_AT));
        assertThat(RescanRules.needsXattrs(before, stat))
                .as("settled, unchanged")
                .isFalse();
        assertThat(RescanRules.needsXattrs(before, stat.withCtime(SETTLED + 1)))
                .as("setfattr moves the ctime")
                .isTrue();
        assertThat(RescanRules.needsXattrs(
                        before, file(10, SETTLED, 0644, "1:2").withCtime(SETTLED)))
                .as("another inode")
                .isTrue();
        FileStat racy = stat.withCtime(INDEXED_AT - 5_000_000L);
        assertThat(RescanRules.needsXattrs(
                        Option.some(
                                new IndexEntry(PATH, racy, Option.some(HASH), Option.some(Xattrs.NONE), INDEXED_AT)),
                        racy))
                .as("changed 5 ms before they were read")
                .isTrue();
    }

    @Test
    void extendedAttributesAloneAreAChangeWhereBothScansKnowThem() {
        FileStat stat = file(10, SETTLED, 0644, "1:1");
        IndexEntry none = new IndexEntry(PATH, stat, Option.some(HASH), Option.some(Xattrs.NONE), INDEXED_AT);
        IndexEntry tagged =
                new IndexEntry(PATH, stat, Option.some(HASH), Option.some(new Xattrs("c".repeat(64))), INDEXED_AT);
        IndexEntry unknown = new IndexEntry(PATH, stat, Option.some(HASH), INDEXED_AT);
        assertThat(RescanRules.classify(Option.some(none), tagged)).isEqualTo(IndexChange.MODIFIED);
        assertThat(RescanRules.classify(Option.some(unknown), tagged)).isEqualTo(IndexChange.UNCHANGED);
        assertThat(RescanRules.needsWrite(Option.some(unknown), tagged, false))
                .as("what is learnt is kept")
                .isTrue();
        FileStat folder = FileStat.directory(SETTLED, 0755, Option.none());
        assertThat(RescanRules.classify(
                        Option.some(new IndexEntry(PATH, folder, Option.none(), Option.some(Xattrs.NONE), 1)),
                        new IndexEntry(PATH, folder, Option.none(), Option.some(new Xattrs("d".repeat(64))), 1)))
                .as("a folder's too")
                .isEqualTo(IndexChange.MODIFIED);
    }

    @Property
    void anUnchangedSettledEntryIsNeitherHashedNorWritten(@ForAll("stats") FileStat stat) {
        Option<ContentHash> hash = stat.isFile() ? Option.some(HASH) : Option.none();
        Option<IndexEntry> before = indexed(stat, hash, stat.mtimeNanos() + 2 * RescanRules.RACY_WINDOW_NANOS);
        IndexEntry now = new IndexEntry(PATH, stat, hash, before.get().indexedAtNanos());
        assertThat(RescanRules.needsHash(before, stat)).isFalse();
        assertThat(RescanRules.needsXattrs(before, stat))
                .isEqualTo(stat.kind() != EntryKind.SYMLINK
                        && stat.ctimeNanos() >= before.get().indexedAtNanos() - RescanRules.RACY_WINDOW_NANOS);
        assertThat(RescanRules.classify(before, now)).isEqualTo(IndexChange.UNCHANGED);
        assertThat(RescanRules.needsWrite(before, now, false)).isFalse();
    }

    @Property
    void anyChangeOfSizeOrMtimeOfAFileIsHashedAgain(@ForAll("stats") FileStat was, @ForAll("stats") FileStat is) {
        Option<IndexEntry> before = indexed(was, was.isFile() ? Option.some(HASH) : Option.none(), INDEXED_AT);
        boolean contentStatChanged = was.kind() != is.kind()
                || was.size() != is.size()
                || was.mtimeNanos() != is.mtimeNanos()
                || !was.fileKey().equals(is.fileKey());
        if (is.isFile() && contentStatChanged) {
            assertThat(RescanRules.needsHash(before, is)).isTrue();
        }
        if (!is.isFile()) {
            assertThat(RescanRules.needsHash(before, is)).isFalse();
        }
    }

    @Provide
    Arbitrary<FileStat> stats() {
        Arbitrary<Long> sizes = Arbitraries.longs().between(0, 3);
        Arbitrary<Long> mtimes = Arbitraries.longs().between(SETTLED, SETTLED + 2);
        Arbitrary<Integer> modes = Arbitraries.of(0644, 0600, 0755);
        Arbitrary<Option<String>> keys = Arbitraries.of(Option.some("1:1"), Option.some("1:2"), Option.none());
        return Arbitraries.oneOf(
                Combinators.combine(sizes, mtimes, modes, keys).as(FileStat::file),
                Combinators.combine(mtimes, modes, keys).as(FileStat::directory),
                Combinators.combine(Arbitraries.of("a", "bb"), mtimes, keys)
                        .as((t, m, k) -> FileStat.symlink(t, m, 0777, k)));
    }
}
