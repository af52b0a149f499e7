package dev.conduit.domain.rename;

import static dev.conduit.domain.index.Entries.T0;
import static dev.conduit.domain.index.Entries.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.index.Entries;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.plan.DeleteReason;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class RenamesTest {

    private static SyncAction.Delete gone(IndexEntry entry) {
        return new SyncAction.Delete(Direction.SOURCE_TO_TARGET, entry, DeleteReason.NOT_IN_SOURCE);
    }

    private static SyncAction.Copy fresh(IndexEntry entry) {
        return new SyncAction.Copy(Direction.SOURCE_TO_TARGET, entry, Option.none());
    }

    private static IndexEntry unhashed(String path, long size, long mtime) {
        return new IndexEntry(Entries.path(path), FileStat.file(size, mtime, 0644, Option.none()), Option.none(), T0);
    }

    @Test
    void aNewFileWithTheContentOfATargetOnlyFileIsAMoveAndItsDeleteGoes() {
        Renames renames = new Renames();
        renames.offer(gone(file("old/name", 'a')));
        renames.offer(gone(file("other", 'b')));

        Option<SyncAction.Move> move = renames.claim(fresh(file("new/name", 'a')));

        assertThat(move.map(m -> m.op() + " " + m.path() + " (" + m.reason() + ")"))
                .contains("move new/name (renamed from old/name)");
        assertThat(renames.rewrite(fresh(file("new/name", 'a')))).containsExactly(move.get());
        assertThat(renames.rewrite(gone(file("old/name", 'a')))).isEmpty();
        assertThat(renames.rewrite(gone(file("other", 'b')))).hasSize(1);
        assertThat(renames.pairs()).isEqualTo(1);
    }

    @Test
    void withoutBothHashesTheSizeAndTimeMustMatchAndEachTargetFileIsTakenOnce() {
        Renames renames = new Renames();
        renames.offer(gone(unhashed("was", 10, T0)));

        assertThat(renames.claim(fresh(unhashed("other-time", 10, T0 + 5_000_000))))
                .isEmpty();
        assertThat(renames.claim(fresh(unhashed("other-size", 11, T0)))).isEmpty();
        assertThat(renames.claim(fresh(unhashed("is", 10, T0 + 999)))).isNotEmpty();
        assertThat(renames.claim(fresh(unhashed("also", 10, T0)))).isEmpty();
    }

    @Test
    void knownHashesThatDifferNeverPairAndEmptyFilesNeverDo() {
        Renames renames = new Renames();
        renames.offer(gone(file("a", 'a')));
        renames.offer(gone(unhashed("empty", 0, T0)));

        assertThat(renames.claim(fresh(file("b", 'b')))).isEmpty();
        assertThat(renames.claim(fresh(unhashed("empty-too", 0, T0)))).isEmpty();
        assertThat(renames.claim(
                        new SyncAction.Copy(Direction.SOURCE_TO_TARGET, file("a", 'a'), Option.some(file("a", 'z')))))
                .as("an overwrite is not a new file")
                .isEmpty();
    }

    /**
     * A plan may copy a kept conflict loser to its first conflict name while the receiving side still holds an older
     * copy of the same content there, which the plan deletes: the same path arriving and departing is no rename.
     */
    @Test
    void aFileArrivingWhereTheSameContentDepartsIsNoRename() {
        Renames renames = new Renames();
        renames.offer(gone(file("a (conflict)", 'a')));

        assertThat(renames.claim(fresh(file("a (conflict)", 'a')))).isEmpty();
        assertThat(renames.rewrite(fresh(file("a (conflict)", 'a')))).containsExactly(fresh(file("a (conflict)", 'a')));
        assertThat(renames.rewrite(gone(file("a (conflict)", 'a')))).containsExactly(gone(file("a (conflict)", 'a')));
        assertThat(renames.pairs()).isZero();
    }

    @Test
    void aFileArrivingWhereTheSameContentDepartsMayStillBeTheRenameOfAnother() {
        Renames renames = new Renames();
        renames.offer(gone(file("here", 'a')));
        renames.offer(gone(file("there", 'a')));

        assertThat(renames.claim(fresh(file("here", 'a'))).map(SyncAction.Move::current))
                .contains(file("there", 'a'));
    }

    @Test
    void onlyTheCopyOfANewNonEmptyFileIsClaimable() {
        SyncAction.Copy fresh = fresh(file("new", 'a'));
        assertThat(Renames.claimable(fresh)).contains(fresh);
        assertThat(Renames.claimable(fresh(unhashed("empty", 0, T0)))).isEmpty();
        assertThat(Renames.claimable(
                        new SyncAction.Copy(Direction.SOURCE_TO_TARGET, file("a", 'a'), Option.some(file("a", 'z')))))
                .isEmpty();
        assertThat(Renames.claimable(gone(file("old", 'a')))).isEmpty();
        assertThat(Renames.claimable(made("dir"))).isEmpty();
    }

    private static SyncAction.MakeDirectory made(String path) {
        return new SyncAction.MakeDirectory(Direction.SOURCE_TO_TARGET, Entries.dir(path), Option.none());
    }

    /** Offers a folder {@code from} the target deletes and {@code to} the source makes, both with these files. */
    private static Renames folder(
            String from, String to, java.util.Map<String, Character> deleted, java.util.Map<String, Character> made) {
        Renames renames = new Renames();
        renames.offer(gone(Entries.dir(from)));
        deleted.forEach((name, content) -> renames.offer(gone(file(from + "/" + name, content))));
        renames.offer(made(to));
        made.forEach((name, content) -> renames.offer(fresh(file(to + "/" + name, content))));
        made.keySet().stream().sorted().forEach(name -> renames.claim(fresh(file(to + "/" + name, made.get(name)))));
        return renames;
    }

    @Test
    void aFolderWhoseEveryFileWasRenamedWithItIsOneMoveAndNothingInsideItIsDoneAlone() {
        Renames renames =
                folder("2025", "summer", java.util.Map.of("a", 'a', "b", 'b'), java.util.Map.of("a", 'a', "b", 'b'));

        io.vavr.collection.Seq<Renames.FolderMove> moves = renames.pairFolders();

        assertThat(moves).singleElement().satisfies(move -> {
            assertThat(move.move().path().value()).isEqualTo("summer");
            assertThat(move.move().current().path().value()).isEqualTo("2025");
            assertThat(move.files()).isEqualTo(2);
        });
        assertThat(renames.rewrite(made("summer"))).containsExactly(moves.head().move());
        assertThat(renames.rewrite(fresh(file("summer/a", 'a')))).isEmpty();
        assertThat(renames.rewrite(gone(file("2025/b", 'b')))).isEmpty();
        assertThat(renames.rewrite(gone(Entries.dir("2025")))).isEmpty();
        assertThat(renames.rewrite(fresh(file("elsewhere", 'c')))).hasSize(1);
    }

    /**
     * A folder renamed on one side while the other side changed a file in it that the first deleted, and the delete
     * won the conflict: the folder's other files went with it, but moving it whole would carry the loser along and skip
     * its delete (found by BidirectionalProperties, seed 8377529314906137088).
     */
    @Test
    void aFolderHoldingAConflictLoserToDeleteIsRenamedFileByFile() {
        Renames renames = new Renames();
        SyncAction.Delete loser =
                new SyncAction.Delete(Direction.SOURCE_TO_TARGET, file("2025/a", 'a'), DeleteReason.CONFLICT_LOSER);
        renames.offer(gone(Entries.dir("2025")));
        renames.offer(loser);
        renames.offer(gone(file("2025/b", 'b')));
        renames.offer(made("summer"));
        renames.offer(fresh(file("summer/b", 'b')));

        assertThat(renames.claim(fresh(file("summer/b", 'b')))).isNotEmpty();
        assertThat(renames.pairFolders()).isEmpty();
        assertThat(renames.rewrite(loser)).containsExactly(loser);
        assertThat(renames.rewrite(made("summer"))).containsExactly(made("summer"));
    }

    @Test
    void aFolderWithAFileMoreOrAFileChangedIsRenamedFileByFile() {
        assertThat(folder(
                                "2025",
                                "summer",
                                java.util.Map.of("a", 'a', "b", 'b'),
                                java.util.Map.of("a", 'a', "b", 'b', "c", 'c'))
                        .pairFolders())
                .as("a file more")
                .isEmpty();
        assertThat(folder(
                                "2025",
                                "summer",
                                java.util.Map.of("a", 'a', "b", 'b', "c", 'c'),
                                java.util.Map.of("a", 'a', "b", 'b'))
                        .pairFolders())
                .as("a file fewer")
                .isEmpty();
        assertThat(folder("2025", "summer", java.util.Map.of("a", 'a', "b", 'b'), java.util.Map.of("a", 'a', "b", 'e'))
                        .pairFolders())
                .as("a file changed")
                .isEmpty();
    }
}
