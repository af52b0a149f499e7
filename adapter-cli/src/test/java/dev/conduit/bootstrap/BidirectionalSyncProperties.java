package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.domain.conduit.ConflictPolicy;
import dev.conduit.domain.conduit.SettingsChange;
import dev.conduit.domain.generation.Verification;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.plan.DeleteLimit;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Bidirectional syncs of random trees on the real disk with a real library: rounds of random edits on both sides
 * (files, folders, deletes, permission and time changes, links), each followed by a sync. After each: both sides are
 * identical, the sync is verified and the next one does nothing, and no version either side held is lost: each
 * content is still on a side or in the trash.
 */
class BidirectionalSyncProperties {

    private static final SyncConduit.Options ANY_DELETES = new SyncConduit.Options(true, new DeleteLimit(100));

    /** An edit and the side it is made on. */
    record Sided(boolean onSource, IndexProperties.Edit edit) {}

    @Property(tries = 60)
    void bothSidesEndUpIdenticalAndNoVersionIsLost(
            @ForAll("policies") ConflictPolicy policy, @ForAll("rounds") List<List<Sided>> rounds) throws IOException {
        Path work = Files.createTempDirectory("conduit-bidirectional-property");
        try {
            Path source = Files.createDirectory(work.resolve("source"));
            Path target = Files.createDirectory(work.resolve("target"));
            Files.writeString(source.resolve("anchor"), "never empty");
            RealLibrary library = new RealLibrary(work.resolve("library"));
            library.conduits()
                    .add(
                            source,
                            target,
                            Option.none(),
                            new SettingsChange(
                                    Option.some("bidirectional"),
                                    Option.none(),
                                    Option.some(policy.label()),
                                    Option.none(),
                                    Option.none(),
                                    Option.none(),
                                    Option.none(),
                                    Option.none()))
                    .get();
            for (List<Sided> round : rounds) {
                round.forEach(sided -> sided.edit().applyTo(sided.onSource() ? source : target));
                Set<String> before = contents(source);
                before.addAll(contents(target));

                SyncReport synced = sync(library);

                assertThat(synced.generation().counts().errors())
                        .as(synced.problems().mkString("\n"))
                        .isZero();
                assertThat(synced.generation().verification()).isEqualTo(Verification.VERIFIED);
                assertThat(Mirrors.view(target)).isEqualTo(Mirrors.view(source));
                assertThat(kept(library, source, target)).containsAll(before);
                SyncReport again = sync(library);
                assertThat(again.generation().counts().filesCopied()
                                + again.generation().counts().filesDeleted()
                                + again.generation().counts().conflicts())
                        .as("the sync after")
                        .isZero();
            }
        } finally {
            IndexProperties.deleteTree(work);
        }
    }

    private static SyncReport sync(RealLibrary library) {
        return library.sync()
                .sync(new SyncConduit.Command("1", ANY_DELETES, SyncListener.NONE))
                .getOrElseThrow(failure -> new AssertionError(failure.message()));
    }

    /** The content of every file and link in the tree: a file's hash, a link's target. */
    private static Set<String> contents(Path root) {
        Set<String> contents = new HashSet<>();
        for (Map.Entry<String, IndexEntry> entry : DiskListing.of(root).entrySet()) {
            if (!entry.getValue().isDirectory() && !entry.getKey().startsWith(".conduit-")) {
                contents.add(content(entry.getValue()));
            }
        }
        return contents;
    }

    private static Set<String> kept(RealLibrary library, Path source, Path target) {
        Set<String> kept = contents(source);
        kept.addAll(contents(target));
        for (TrashedVersion version : library.trash().list(Option.none()).get()) {
            Path stored = Path.of(version.storedAt());
            IndexEntry entry =
                    DiskListing.of(stored.getParent()).get(stored.getFileName().toString());
            if (entry != null) {
                kept.add(content(entry));
            }
        }
        return kept;
    }

    private static String content(IndexEntry entry) {
        return entry.hash()
                .map(ContentHash::hex)
                .getOrElse(() -> "link " + entry.stat().linkTarget().getOrElse("-"));
    }

    @Provide
    Arbitrary<ConflictPolicy> policies() {
        return Arbitraries.of(
                ConflictPolicy.NEWEST_WINS,
                ConflictPolicy.SOURCE_WINS,
                ConflictPolicy.TARGET_WINS,
                ConflictPolicy.LARGEST_WINS,
                ConflictPolicy.KEEP_BOTH);
    }

    @Provide
    Arbitrary<List<List<Sided>>> rounds() {
        Arbitrary<Sided> sided = Combinators.combine(
                        Arbitraries.of(true, false),
                        IndexProperties.edit().filter(edit -> !(edit instanceof IndexProperties.RewriteWithinTick)))
                .as(Sided::new);
        return sided.list().ofMinSize(1).ofMaxSize(12).list().ofMinSize(1).ofMaxSize(3);
    }
}
