package dev.conduit.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.out.IndexStore.IndexBatch;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.domain.host.RemoteHost;
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

/** The copy of a remote root's index (ADR 0039): a location of that host, its exchange position, a whole replacement. */
class RemoteCopyIT {

    @TempDir
    Path folder;

    private MyBatisIndexStore store;
    private MyBatisLocationRepository locations;
    private Location copy;
    private Location local;
    private final RemoteHost nas = RemoteHost.parse("alice@nas").get();

    @BeforeEach
    void open() {
        Library library = new Library(new LibraryFolder(folder.resolve("lib")));
        locations = new MyBatisLocationRepository(library);
        store = new MyBatisIndexStore(library);
        local = locations.register("/srv", new RootIdentity("1", "2"), Instant.EPOCH);
        copy = locations.register(Option.some(nas), "/srv", new RootIdentity("", ""), Instant.EPOCH);
    }

    private static IndexEntry file(String path) {
        return new IndexEntry(
                RelativePath.parse(path).get(),
                FileStat.file(1, 1_700_000_000_000_000_000L, 0644, Option.none()),
                Option.some(new ContentHash("0".repeat(64))),
                1);
    }

    @Test
    void aHostsRootIsItsOwnLocationFoundOnlyAsRemote() {
        assertThat(copy.id()).isNotEqualTo(local.id());
        assertThat(locations.findEnclosing("/srv/x")).contains(local);
        assertThat(locations.findRemote(nas, "/srv")).contains(copy);
        assertThat(locations.findRemote(RemoteHost.parse("bob@other").get(), "/srv"))
                .isEmpty();
        assertThat(locations.findRemote(nas, "/srv/x"))
                .as("a copy is found by its exact root")
                .isEmpty();
        assertThat(locations.register(Option.some(nas), "/srv", new RootIdentity("", ""), Instant.EPOCH))
                .as("registered once")
                .isEqualTo(copy);
    }

    @Test
    void theExchangePositionIsRememberedWithTheRootsIdentityAndForgotten() {
        assertThat(locations.peerPosition(copy.id())).isEmpty();

        locations.recordExchange(copy.id(), new PeerIndex.PeerPosition("lib-1", 42), new RootIdentity("9", "8"));

        assertThat(locations.peerPosition(copy.id())).contains(new PeerIndex.PeerPosition("lib-1", 42));
        assertThat(locations.findById(copy.id()).get().identity()).isEqualTo(new RootIdentity("9", "8"));
        assertThat(locations.peerPosition(local.id())).isEmpty();
        locations.forgetExchange(copy.id());
        assertThat(locations.peerPosition(copy.id())).isEmpty();
    }

    @Test
    void aWholeExchangeRemovesWhatItDidNotWriteAgainWithTombstones() {
        store.write(copy.id(), new IndexBatch(List.empty(), List.empty(), List.of(file("a"), file("b"), file("c"))));
        store.write(local.id(), new IndexBatch(List.empty(), List.empty(), List.of(file("a"))));
        long before = store.journalPosition(copy.id());
        store.write(copy.id(), new IndexBatch(List.empty(), List.empty(), List.of(file("b"))));

        long removed = store.removeWrittenUpTo(copy.id(), before);

        assertThat(removed).isEqualTo(2);
        assertThat(store.count(copy.id())).isEqualTo(1);
        assertThat(store.count(local.id())).as("other locations untouched").isEqualTo(1);
        assertThat(store.changedSince(copy.id(), before, 100).removed().map(RelativePath::value))
                .containsExactlyInAnyOrder("a", "c");
    }
}
