package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncPhase;
import dev.conduit.domain.conduit.SettingsChange;
import dev.conduit.domain.plan.DeleteLimit;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random trees, synced once; the source changed; then, once the next sync has scanned and planned, folders of the
 * target swapped for links (to a folder outside the roots, or to another folder of the target) before its copies or
 * its deletes: whatever that sync does, nothing outside the roots and the library changes (ADR 0024).
 */
class LinkSwapProperties {

    private static final SyncConduit.Options ANY_DELETES = new SyncConduit.Options(true, new DeleteLimit(100));

    /** A folder of the target replaced by a link: to {@code outside} the roots, or to another folder of the target. */
    record Swap(String folder, boolean outside, String inside) {}

    @Property(tries = 20)
    void foldersSwappedForLinksRedirectNothingOutsideTheRoots(
            @ForAll("trees") List<IndexProperties.Edit> source,
            @ForAll("trees") List<IndexProperties.Edit> target,
            @ForAll("trees") List<IndexProperties.Edit> later,
            @ForAll("swaps") List<Swap> swaps,
            @ForAll("phases") String swapAt)
            throws IOException {
        Path work = Files.createTempDirectory("conduit-link-swap-property");
        try {
            Path from = Files.createDirectory(work.resolve("source"));
            Path to = Files.createDirectory(work.resolve("target"));
            Path outside = Files.createDirectory(work.resolve("outside"));
            source.forEach(edit -> edit.applyTo(from));
            target.forEach(edit -> edit.applyTo(to));
            later.forEach(edit -> edit.applyTo(outside)); // names the next sync may look for there
            RealLibrary library = new RealLibrary(work.resolve("library"));
            library.conduits().add(from, to, Option.none(), SettingsChange.NONE).get();
            sync(library, SyncListener.NONE);
            later.forEach(edit -> edit.applyTo(from));
            Map<String, Map<String, String>> before = new java.util.HashMap<>();
            sync(
                    library,
                    new SyncListener() { // the swaps land after the scans, before the jobs
                        @Override
                        public void phase(SyncPhase phase, long files, long bytes) {
                            if (phase.label().equals(swapAt) && before.isEmpty()) {
                                swap(work, to, outside, swaps);
                                before.put("", outsideTheRootsAndLibrary(work));
                            }
                        }
                    });

            net.jqwik.api.Assume.that(!before.isEmpty()); // a sync with nothing to do has no jobs to race
            assertThat(outsideTheRootsAndLibrary(work)).isEqualTo(before.get(""));
        } finally {
            IndexProperties.deleteTree(work);
        }
    }

    private static void sync(RealLibrary library, SyncListener listener) {
        library.sync()
                .sync(new SyncConduit.Command("1", ANY_DELETES, listener))
                .getOrElseThrow(failure -> new AssertionError(failure.message()));
    }

    /** Each folder of the swaps that is a folder (not below a link already) is moved out and replaced by a link. */
    private static void swap(Path work, Path to, Path outside, List<Swap> swaps) {
        try {
            int moved = 0;
            for (Swap swap : swaps) {
                Path folder = to.resolve(swap.folder());
                if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                        && folder.toRealPath().equals(to.toRealPath().resolve(swap.folder()))) {
                    Files.move(folder, work.resolve("moved-" + moved++));
                    Files.createSymbolicLink(folder, swap.outside() ? outside : to.resolve(swap.inside()));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Everything but the roots and the library: kind, content or target, mode and time of each entry. */
    private static Map<String, String> outsideTheRootsAndLibrary(Path work) {
        try {
            return listing(work);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> listing(Path work) throws IOException {
        Map<String, String> seen = new TreeMap<>();
        try (Stream<Path> all = Files.walk(work)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                Path relative = work.relativize(path);
                String top =
                        relative.getNameCount() == 0 ? "" : relative.getName(0).toString();
                if (top.isEmpty() || top.equals("source") || top.equals("target") || top.equals("library")) {
                    continue;
                }
                String what = Files.isSymbolicLink(path)
                        ? "-> " + Files.readSymbolicLink(path)
                        : Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                                ? "file " + java.util.Arrays.hashCode(Files.readAllBytes(path))
                                : "folder";
                seen.put(
                        relative.toString(),
                        what + " " + Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) + " "
                                + Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS));
            }
        }
        return seen;
    }

    @Provide
    Arbitrary<List<IndexProperties.Edit>> trees() {
        return IndexProperties.edit().list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<String> phases() {
        return Arbitraries.of("copying", "deleting");
    }

    @Provide
    Arbitrary<List<Swap>> swaps() {
        return Combinators.combine(
                        Arbitraries.of("a", "a/b", "c", "\u00e9t\u00e9"),
                        Arbitraries.of(true, false),
                        Arbitraries.of("a", "c"))
                .as(Swap::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(3);
    }
}
