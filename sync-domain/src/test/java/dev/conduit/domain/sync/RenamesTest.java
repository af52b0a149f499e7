package dev.conduit.domain.sync;

import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import static dev.conduit.domain.sync.Entries.T0;
import static dev.conduit.domain.sync.Entries.file;
import static org.assertj.core.api.Assertions.assertThat;

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

        assertThat(renames.claim(fresh(unhashed("other-time", 10, T0 + 5_000_000)))).isEmpty();
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
        assertThat(renames.claim(new SyncAction.Copy(Direction.SOURCE_TO_TARGET, file("a", 'a'),
            Option.some(file("a", 'z'))))).as("an overwrite is not a new file").isEmpty();
    }
}
