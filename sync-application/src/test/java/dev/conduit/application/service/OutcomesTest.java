package dev.conduit.application.service;

import static dev.conduit.domain.index.Entries.T0;
import static dev.conduit.domain.index.Entries.dir;
import static dev.conduit.domain.index.Entries.file;
import static dev.conduit.domain.index.Entries.hash;
import static dev.conduit.domain.index.Entries.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.fakes.InMemoryIndexStore;
import dev.conduit.application.fakes.InMemoryJobLedger;
import dev.conduit.application.fakes.InMemoryTrash;
import dev.conduit.application.fakes.ManualScheduler;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.generation.GenerationCounts;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.DeleteReason;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** What each kind of action done does to the generation's counts, the two indexes and the folders noted. */
class OutcomesTest {

    private static final Direction WAY = Direction.SOURCE_TO_TARGET;
    private static final LocationId SOURCE = new LocationId(1);
    private static final LocationId TARGET = new LocationId(2);

    private final InMemoryIndexStore store = new InMemoryIndexStore();
    private final java.util.List<RelativePath> ticks = new ArrayList<>();
    private final java.util.List<String> heard = new ArrayList<>();
    private final Outcomes outcomes = new Outcomes(
            Side.TARGET,
            new EndpointIndex(store, SOURCE, RelativePath.ROOT, FileSystemTraits.POSIX),
            new EndpointIndex(store, TARGET, RelativePath.ROOT, FileSystemTraits.POSIX),
            new InMemoryTrash(),
            new InMemoryJobLedger(new ArrayList<>(), 1),
            new SyncListener() {
                @Override
                public void done(SyncAction action, long bytes) {
                    heard.add(action.op() + " " + action.path() + " " + bytes);
                }
            },
            ticks::add,
            new ManualScheduler());

    private static IndexEntry unhashed(String path) {
        return new IndexEntry(path(path), FileStat.file(10, T0, 0644, Option.none()), Option.none(), T0);
    }

    @Test
    void eachKindOfActionIsCountedIndexedAndNotedAsItsOwn() {
        store.write(
                TARGET,
                new IndexStore.IndexBatch(
                        List.empty(),
                        List.empty(),
                        List.of(
                                file("old/name", 'a'),
                                dir("folder"),
                                file("folder/inside", 'b'),
                                unhashed("m"),
                                dir("fixed"),
                                file("gone", 'c'),
                                dir("in-the-way"))));
        IndexEntry copied = unhashed("a/copied");
        IndexEntry fixed = unhashed("m");
        store.write(SOURCE, new IndexStore.IndexBatch(List.empty(), List.empty(), List.of(copied, unhashed("m"))));

        done(new SyncAction.MakeDirectory(WAY, dir("a/made"), Option.none()), Option.some(dir("a/made")), 0);
        done(new SyncAction.Copy(WAY, copied, Option.none()), Option.some(copied.withHash(Option.some(hash('x')))), 10);
        done(new SyncAction.Move(WAY, file("old/name", 'a'), file("b/name", 'a')), Option.some(file("b/name", 'a')), 0);
        done(new SyncAction.Move(WAY, dir("folder"), dir("renamed")), Option.some(dir("renamed")), 0);
        done(new SyncAction.SetMetadata(WAY, fixed, fixed), Option.some(fixed.withHash(Option.some(hash('m')))), 0);
        done(new SyncAction.SetMetadata(WAY, dir("fixed", 0700), dir("fixed")), Option.some(dir("fixed", 0700)), 0);
        done(new SyncAction.Delete(WAY, file("gone", 'c'), DeleteReason.NOT_IN_SOURCE), Option.none(), 0);
        done(new SyncAction.Delete(WAY, dir("in-the-way"), DeleteReason.REPLACED), Option.none(), 0);
        outcomes.flush();

        assertThat(outcomes.counts())
                .as("a copy and two renames copied, one file deleted (a folder is not counted)")
                .isEqualTo(new GenerationCounts(3, 1, 0, 10, 0));
        assertThat(store.snapshot(TARGET).keySet())
                .containsExactlyInAnyOrder("a/made", "a/copied", "b/name", "renamed", "renamed/inside", "m", "fixed");
        assertThat(store.snapshot(TARGET).get("fixed").stat().mode()).isEqualTo(0700);
        assertThat(store.snapshot(SOURCE).get("a/copied").hash())
                .as("a copy teaches the sending side the hash it read")
                .contains(hash('x'));
        assertThat(store.snapshot(SOURCE).get("m").hash())
                .as("a metadata fix does not")
                .isEmpty();
        assertThat(outcomes.replacedDirectories()).containsExactly(path("in-the-way"));
        assertThat(outcomes.touchedDirectories().map(RelativePath::value))
                .startsWith("a/made")
                .containsExactlyInAnyOrder("a/made", "a", "b", "old", "renamed", "fixed");
        assertThat(heard).hasSize(8).contains("copy a/copied 10");
        assertThat(ticks).hasSize(8);
    }

    private void done(SyncAction action, Option<IndexEntry> result, long written) {
        outcomes.done(action, result, written);
    }
}
