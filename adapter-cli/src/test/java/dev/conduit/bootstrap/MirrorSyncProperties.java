package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncReport;
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
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mirror syncs between random trees on the real disk with a real library: the target ends up equal to the source,
 * a second sync finds nothing to do, and no version the target held is lost — it is still there or in the trash.
 */
class MirrorSyncProperties {

    private static final SyncConduit.Options ANY_DELETES = new SyncConduit.Options(true, new DeleteLimit(100));

    @Property(tries = 30)
    void aMirrorSyncMakesTheTargetEqualTheSourceAndLosesNothing(
            @ForAll("trees") List<IndexProperties.Edit> source,
            @ForAll("trees") List<IndexProperties.Edit> target,
            @ForAll("trees") List<IndexProperties.Edit> later)
            throws IOException {
        Path work = Files.createTempDirectory("conduit-mirror-property");
        try {
            Path from = Files.createDirectory(work.resolve("source"));
            Path to = Files.createDirectory(work.resolve("target"));
            source.forEach(edit -> edit.applyTo(from));
            target.forEach(edit -> edit.applyTo(to));
            RealLibrary library = new RealLibrary(work.resolve("library"));
            library.conduits().add(from, to, Option.none(), SettingsChange.NONE).get();

            Set<String> versionsBefore = versions(to);
            SyncReport first = sync(library);
            assertThat(first.generation().counts().errors())
                    .as(first.problems().mkString("\n"))
                    .isZero();
            assertThat(first.generation().verification()).isEqualTo(Verification.VERIFIED);
            assertThat(Mirrors.view(to)).isEqualTo(Mirrors.view(from));
            assertThat(keptVersions(library, to)).containsAll(versionsBefore);

            SyncReport second = sync(library);
            assertThat(second.generation().counts().filesCopied()).isZero();
            assertThat(second.generation().counts().filesDeleted()).isZero();
            assertThat(second.generation().verification()).isEqualTo(Verification.VERIFIED);

            later.forEach(edit -> edit.applyTo(from));
            Set<String> versionsThen = versions(to);
            SyncReport third = sync(library);
            assertThat(third.generation().counts().errors())
                    .as(third.problems().mkString("\n"))
                    .isZero();
            assertThat(Mirrors.view(to)).isEqualTo(Mirrors.view(from));
            assertThat(keptVersions(library, to)).containsAll(versionsThen);
        } finally {
            IndexProperties.deleteTree(work);
        }
    }

    private static SyncReport sync(RealLibrary library) {
        return library.sync()
                .sync(new SyncConduit.Command("1", ANY_DELETES, SyncListener.NONE))
                .getOrElseThrow(failure -> new AssertionError(failure.message()));
    }

    /** Every file and link in the tree as path and content (a file's hash, a link's target). */
    private static Set<String> versions(Path root) {
        Set<String> versions = new HashSet<>();
        for (Map.Entry<String, IndexEntry> entry : DiskListing.of(root).entrySet()) {
            if (!entry.getValue().isDirectory() && !entry.getKey().startsWith(".conduit-")) {
                versions.add(entry.getKey() + " " + content(entry.getValue()));
            }
        }
        return versions;
    }

    /** The versions in the target now, and those in the trash, by the path they were trashed from. */
    private static Set<String> keptVersions(RealLibrary library, Path target) {
        Set<String> kept = versions(target);
        for (TrashedVersion version : library.trash().list(Option.none()).get()) {
            IndexEntry stored = DiskListing.of(Path.of(version.storedAt()).getParent())
                    .get(Path.of(version.storedAt()).getFileName().toString());
            kept.add(version.path() + " " + content(stored));
        }
        return kept;
    }

    private static String content(IndexEntry entry) {
        return entry.hash()
                .map(ContentHash::hex)
                .getOrElse(() -> entry.stat().linkTarget().getOrElse("-"));
    }

    @Provide
    Arbitrary<List<IndexProperties.Edit>> trees() {
        return IndexProperties.edit().list().ofMaxSize(20);
    }
}
