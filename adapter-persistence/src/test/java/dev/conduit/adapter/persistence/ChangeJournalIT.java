package dev.conduit.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.out.IndexStore.IndexBatch;
import dev.conduit.application.port.out.IndexStore.JournalChanges;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.Location;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change journal of a location's index (ADR 0030), on a real SQLite file. */
class ChangeJournalIT {

    @TempDir
    Path folder;

    private MyBatisIndexStore store;
    private Location location;
    private Location other;

    @BeforeEach
    void open() {
        Library library = new Library(new LibraryFolder(folder.resolve("lib")));
        MyBatisLocationRepository locations = new MyBatisLocationRepository(library);
        location = locations.register("/data", new RootIdentity("1", "2"), Instant.EPOCH);
        other = locations.register("/other", new RootIdentity("1", "3"), Instant.EPOCH);
        store = new MyBatisIndexStore(library);
    }

    private static RelativePath path(String raw) {
        return RelativePath.parse(raw).get();
    }

    private static IndexEntry file(String path, String content) {
        return new IndexEntry(
                path(path),
                FileStat.file(content.length(), 1_700_000_000_000_000_000L, 0644, Option.none()),
                Option.some(new ContentHash(String.format("%064x", content.hashCode() & 0xffffffffL))),
                1);
    }

    private static IndexEntry directory(String path) {
        return new IndexEntry(path(path), FileStat.directory(5, 0755, Option.none()), Option.none(), 1);
    }

    private void upsert(IndexEntry... entries) {
        store.write(location.id(), new IndexBatch(List.empty(), List.empty(), List.of(entries)));
    }

    private void remove(String... paths) {
        store.write(
                location.id(), new IndexBatch(List.of(paths).map(ChangeJournalIT::path), List.empty(), List.empty()));
    }

    @Test
    void theEntriesAtManyPathsAreReadTogetherInTheOrderOfThePaths() {
        upsert(directory("d"), file("d/a", "a"), file("d/b", "b"));

        assertThat(store.entries(location.id(), List.of(path("d/b"), path("d/missing"), path("d")))
                        .map(entry -> entry.path().value()))
                .containsExactly("d/b", "d");
        assertThat(store.entries(other.id(), List.of(path("d/b"))))
                .as("per location")
                .isEmpty();
    }

    @Test
    void aLearntHashIsSetOnlyOnTheUnhashedRowItWasLearntFor() {
        IndexEntry unhashed = file("a", "a").withHash(Option.none());
        IndexEntry hashedElsewhere = file("b", "b");
        IndexEntry rewritten = file("c", "c").withHash(Option.none());
        upsert(unhashed, hashedElsewhere, rewritten);
        IndexEntry newerC = new IndexEntry(
                path("c"), FileStat.file(9, 1_800_000_000_000_000_000L, 0644, Option.none()), Option.none(), 2);
        upsert(newerC);
        ContentHash learnt = new ContentHash("f".repeat(64));

        long took = store.learnHashes(
                location.id(),
                List.of(
                        unhashed.withHash(Option.some(learnt)),
                        file("b", "b").withHash(Option.some(learnt)),
                        rewritten.withHash(Option.some(learnt)),
                        file("gone", "x").withHash(Option.some(learnt))));

        assertThat(took).isEqualTo(1);
        assertThat(store.entries(location.id(), List.of(path("a"), path("b"), path("c"))))
                .as("a takes the hash; b keeps its own; c was rewritten since (newer size and time); gone stays gone")
                .containsExactly(unhashed.withHash(Option.some(learnt)), hashedElsewhere, newerC);
        assertThat(store.learnHashes(location.id(), List.of(unhashed.withHash(Option.some(learnt)))))
                .as("a second copy that learnt the same hash writes nothing")
                .isZero();
    }

    @Test
    void everyWriteMovesTheLocationOnAndItsRowsCarryThePosition() {
        assertThat(store.journalPosition(location.id())).isZero();
        upsert(directory("d"), file("d/a", "a"), file("d/b", "b"));
        long first = store.journalPosition(location.id());
        upsert(file("d/b", "b, changed"));

        assertThat(store.journalPosition(location.id())).isEqualTo(first + 1);
        assertThat(store.changedSince(location.id(), 0, 100).written().map(RelativePath::value))
                .containsExactlyInAnyOrder("d", "d/a", "d/b");
        assertThat(store.changedSince(location.id(), first, 100))
                .isEqualTo(new JournalChanges(List.of(path("d/b")), List.empty()));
        assertThat(store.journalPosition(other.id())).as("per location").isZero();
    }

    @Test
    void anEmptyBatchIsNoWriteAndNothingChangedSinceTheLastPosition() {
        upsert(file("a", "a"));
        long position = store.journalPosition(location.id());

        store.write(location.id(), new IndexBatch(List.empty(), List.empty(), List.empty()));

        assertThat(store.journalPosition(location.id())).isEqualTo(position);
        assertThat(store.changedSince(location.id(), position, 100).isEmpty()).isTrue();
    }

    @Test
    void aRemovalLeavesATombstoneUntilEveryReaderHasPassedIt() {
        upsert(directory("d"), file("d/a", "a"), file("keep", "k"));
        long before = store.journalPosition(location.id());
        remove("d");
        long removedAt = store.journalPosition(location.id());

        assertThat(store.changedSince(location.id(), before, 100))
                .isEqualTo(new JournalChanges(List.empty(), List.of(path("d"))));

        assertThat(store.forgetRemovals(location.id(), removedAt - 1))
                .as("not passed yet")
                .isZero();
        assertThat(store.forgetRemovals(location.id(), removedAt)).isEqualTo(1);
        assertThat(store.changedSince(location.id(), before, 100).isEmpty()).isTrue();
    }

    @Test
    void aMovedFolderIsARemovalOfItsOldPathAndAWriteOfEveryMovedEntry() {
        upsert(directory("old"), directory("old/sub"), file("old/sub/f", "f"), file("stay", "s"));
        long before = store.journalPosition(location.id());

        store.moveTree(location.id(), path("old"), path("new"));

        JournalChanges changes = store.changedSince(location.id(), before, 100);
        assertThat(changes.removed()).containsExactly(path("old"));
        assertThat(changes.written().map(RelativePath::value)).containsExactlyInAnyOrder("new", "new/sub", "new/sub/f");
    }

    @Test
    void moreChangesThanTheReaderWantsToHearOfAreTooMany() {
        upsert(file("a", "a"), file("b", "b"), file("c", "c"));
        remove("a");

        assertThat(store.changedSince(location.id(), 0, 2)).isEqualTo(JournalChanges.TOO_MANY);
        assertThat(store.changedSince(location.id(), 0, 3).written()).hasSize(2);
        assertThat(store.changedSince(location.id(), 0, 3).removed()).hasSize(1);
    }
}
