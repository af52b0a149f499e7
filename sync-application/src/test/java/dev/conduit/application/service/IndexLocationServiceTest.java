package dev.conduit.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.fakes.InMemoryFileTree;
import dev.conduit.application.fakes.InMemoryIndexStore;
import dev.conduit.application.fakes.InMemoryLocations;
import dev.conduit.application.fakes.ManualScheduler;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexListener;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.in.ScanProblem;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.LocationId;
import dev.conduit.domain.index.RootFileSystem;
import dev.conduit.domain.index.TimeGranularity;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IndexLocationServiceTest {

    private static final Path ROOT = Path.of("/data/photos");
    private static final LocationId FIRST = new LocationId(1);

    private final InMemoryFileTree disk = new InMemoryFileTree();
    private final InMemoryIndexStore store = new InMemoryIndexStore();
    private final InMemoryLocations locations = new InMemoryLocations();
    private final java.util.List<Path> probed = new java.util.ArrayList<>();
    private final java.util.List<Path> probedReading = new java.util.ArrayList<>();
    private FileSystemTraits probedTraits = FileSystemTraits.POSIX;
    private final IndexLocationService service = new IndexLocationService(
            disk,
            new dev.conduit.application.port.out.FileSystemProbe() {
                @Override
                public Either<EntryFailure, FileSystemTraits> probe(Path root) {
                    probed.add(root);
                    return probedTraits == null
                            ? Either.left(EntryFailure.ioError("read-only file system"))
                            : Either.right(probedTraits);
                }

                @Override
                public Either<EntryFailure, FileSystemTraits> probeReading(Path root) {
                    probedReading.add(root);
                    return Either.left(EntryFailure.refused("only read"));
                }
            },
            locations,
            store,
            new FakeClock(disk),
            new ManualScheduler());

    private IndexReport scan(String... ignores) {
        return service.index(new IndexLocation.Command(ROOT, List.of(ignores), true, IndexListener.NONE))
                .get();
    }

    private Map<String, IndexEntry> index() {
        return store.snapshot(FIRST);
    }

    @Test
    void aFirstScanIndexesEveryEntryWithItsKindStatAndHash() {
        disk.file("a.txt", "alpha")
                .directory("empty")
                .file("docs/b.txt", "beta")
                .symlink("link", "docs/b.txt");
        IndexReport report = scan();

        assertThat(report.created()).isEqualTo(5);
        assertThat(index()).containsOnlyKeys("a.txt", "empty", "docs", "docs/b.txt", "link");
        assertThat(index().get("a.txt").hash()).contains(InMemoryFileTree.sha256("alpha"));
        assertThat(index().get("docs").kind()).isEqualTo(EntryKind.DIRECTORY);
        assertThat(index().get("link").stat().linkTarget()).contains("docs/b.txt");
        assertThat(index().get("link").hash()).isEmpty();
        assertThat(report.filesHashed()).isEqualTo(2);
        assertThat(report.bytesHashed()).isEqualTo(9);
    }

    @Test
    void aScanThatLeavesNewFilesToTheirCopyHashesNothingNewAndTheNextScanCatchesUp() {
        disk.file("a.txt", "alpha").file("b.txt", "beta");
        disk.settle();

        IndexReport lazy = service.index(new IndexLocation.Command(ROOT, List.empty(), true, IndexListener.NONE, false))
                .get();

        assertThat(disk.takeHashed()).isEmpty();
        assertThat(lazy.created()).isEqualTo(2);
        assertThat(index().get("a.txt").hash()).isEmpty();
        disk.settle();
        service.index(new IndexLocation.Command(ROOT, List.empty(), true, IndexListener.NONE, false));
        assertThat(disk.takeHashed())
                .as("recorded without a hash by an earlier scan: read now, even by a scan that leaves new files")
                .containsExactlyInAnyOrder("a.txt", "b.txt");
        assertThat(index().get("a.txt").hash()).contains(InMemoryFileTree.sha256("alpha"));
    }

    /** ADR 0049: a full scan holds its location's lease, and reads the index only once it holds it. */
    @Nested
    class Leases {

        private final java.util.List<String> events = new java.util.ArrayList<>();

        /** While this scan waits, another one of the same location runs to its end, as another process's would. */
        private final dev.conduit.application.port.out.ScanLeases anotherScanFirst = location -> {
            events.add("waited for " + location.root());
            IndexReport other = new IndexLocationService(
                            disk, noProbe(), locations, store, new FakeClock(disk), new ManualScheduler())
                    .index(new IndexLocation.Command(ROOT, List.empty(), true, IndexListener.NONE))
                    .get();
            events.add("the other scan recorded " + other.created());
            return () -> events.add("let go");
        };

        private final IndexLocationService leased = new IndexLocationService(
                disk, noProbe(), locations, store, new FakeClock(disk), new ManualScheduler(), anotherScanFirst);

        @Test
        void aScanThatWaitedForAnotherOfItsLocationFindsWhatThatOneRecordedAndWritesNothing() {
            disk.file("a.txt", "alpha").file("docs/b.txt", "beta").directory("empty");
            disk.settle();

            IndexReport report = leased.index(new IndexLocation.Command(ROOT, List.empty(), true, IndexListener.NONE))
                    .get();

            assertThat(events).containsExactly("waited for " + ROOT, "the other scan recorded 4", "let go");
            assertThat(report.created())
                    .as("found as the other scan recorded them")
                    .isZero();
            assertThat(report.unchanged()).isEqualTo(4);
            assertThat(index()).containsOnlyKeys("a.txt", "docs", "docs/b.txt", "empty");
        }

        @Test
        void aScanThatWaitedLeavesToItsCopyTheHashesTheOtherScanLeftToOne() {
            disk.file("a.txt", "alpha").file("docs/b.txt", "beta");
            disk.settle();
            dev.conduit.application.port.out.ScanLeases anotherSyncFirst = location -> {
                new IndexLocationService(disk, noProbe(), locations, store, new FakeClock(disk), new ManualScheduler())
                        .index(new IndexLocation.Command(ROOT, List.empty(), true, IndexListener.NONE, false));
                events.add("the other sync's scan hashed " + disk.takeHashed());
                return () -> {};
            };

            new IndexLocationService(
                            disk,
                            noProbe(),
                            locations,
                            store,
                            new FakeClock(disk),
                            new ManualScheduler(),
                            anotherSyncFirst)
                    .index(new IndexLocation.Command(ROOT, List.empty(), true, IndexListener.NONE, false))
                    .get();

            assertThat(events).containsExactly("the other sync's scan hashed []");
            assertThat(disk.takeHashed())
                    .as("recorded unhashed while this scan waited, and unchanged: left to the copy, as new files are")
                    .isEmpty();
            assertThat(index().get("docs/b.txt").hash()).isEmpty();
        }

        @Test
        void aScanThatWaitedStillReadsAFileChangedSinceTheOtherRecordedIt() {
            disk.file("a.txt", "alpha");
            disk.settle();
            dev.conduit.application.port.out.ScanLeases anotherSyncFirst = location -> {
                new IndexLocationService(disk, noProbe(), locations, store, new FakeClock(disk), new ManualScheduler())
                        .index(new IndexLocation.Command(ROOT, List.empty(), true, IndexListener.NONE, false));
                disk.settle();
                disk.file("a.txt", "alpha, longer");
                disk.settle();
                return () -> {};
            };

            new IndexLocationService(
                            disk,
                            noProbe(),
                            locations,
                            store,
                            new FakeClock(disk),
                            new ManualScheduler(),
                            anotherSyncFirst)
                    .index(new IndexLocation.Command(ROOT, List.empty(), true, IndexListener.NONE, false))
                    .get();

            assertThat(disk.takeHashed()).containsExactly("a.txt");
        }

        @Test
        void aShallowScanOfAFewFoldersTakesNoLease() {
            disk.file("docs/b.txt", "beta");
            scan();

            leased.index(new IndexLocation.Command(ROOT, List.empty(), true, IndexListener.NONE)
                    .onlyIn(List.of(RelativePath.parse("docs").get())));

            assertThat(events).isEmpty();
        }

        /** Another process scans the location throughout: a plan's lease is never free (ADR 0050). */
        private final dev.conduit.application.port.out.ScanLeases scannedElsewhere =
                new dev.conduit.application.port.out.ScanLeases() {
                    @Override
                    public Lease await(dev.conduit.domain.index.Location location) {
                        events.add("waited for " + location.root());
                        return () -> {};
                    }

                    @Override
                    public io.vavr.control.Option<Lease> ifFree(dev.conduit.domain.index.Location location) {
                        events.add("asked for " + location.root());
                        return io.vavr.control.Option.none();
                    }

                    @Override
                    public void planningAsRecorded(dev.conduit.domain.index.Location location) {
                        events.add("told: as recorded");
                    }
                };

        @Test
        void aPlanBesideAnotherScanOfAnIndexedLocationTakesTheIndexAsRecordedAndSaysSo() {
            disk.file("a.txt", "alpha");
            scan();
            disk.file("b.txt", "beta");
            IndexLocationService planning = new IndexLocationService(
                    disk, noProbe(), locations, store, new FakeClock(disk), new ManualScheduler(), scannedElsewhere);

            IndexReport report = planning.index(
                            new IndexLocation.Command(ROOT, List.empty(), true, IndexListener.NONE).forPlan())
                    .get();

            assertThat(events).containsExactly("asked for " + ROOT, "told: as recorded");
            assertThat(report.created() + report.unchanged())
                    .as("nothing examined")
                    .isZero();
            assertThat(index()).as("the index as recorded").containsOnlyKeys("a.txt");
        }

        @Test
        void aPlanOfALocationNeverIndexedWaitsAndScansAsASyncDoes() {
            disk.file("a.txt", "alpha");
            IndexLocationService planning = new IndexLocationService(
                    disk, noProbe(), locations, store, new FakeClock(disk), new ManualScheduler(), scannedElsewhere);

            IndexReport report = planning.index(
                            new IndexLocation.Command(ROOT, List.empty(), true, IndexListener.NONE).forPlan())
                    .get();

            assertThat(events).containsExactly("asked for " + ROOT, "waited for " + ROOT);
            assertThat(report.created()).isEqualTo(1);
        }

        @Test
        void aSyncBesideAnotherScanWaitsForIt() {
            disk.file("a.txt", "alpha");
            scan();
            IndexLocationService syncing = new IndexLocationService(
                    disk, noProbe(), locations, store, new FakeClock(disk), new ManualScheduler(), scannedElsewhere);

            syncing.index(new IndexLocation.Command(ROOT, List.empty(), true, IndexListener.NONE));

            assertThat(events).containsExactly("waited for " + ROOT);
        }

        private dev.conduit.application.port.out.FileSystemProbe noProbe() {
            return new dev.conduit.application.port.out.FileSystemProbe() {
                @Override
                public Either<EntryFailure, FileSystemTraits> probe(Path root) {
                    return Either.right(FileSystemTraits.POSIX);
                }

                @Override
                public Either<EntryFailure, FileSystemTraits> probeReading(Path root) {
                    return Either.right(FileSystemTraits.POSIX);
                }
            };
        }
    }

    @Nested
    class Probing {

        private final FileSystemTraits exfat =
                new FileSystemTraits(TimeGranularity.SECOND, false, false, false, false, false);

        @Test
        void aNewLocationIsProbedOnceAndItsTraitsAreRecordedAndReported() {
            probedTraits = exfat;
            disk.file("a.txt", "alpha");

            IndexReport first = scan();
            IndexReport second = scan();

            assertThat(probed).containsExactly(ROOT);
            assertThat(first.location().traits()).isEqualTo(exfat);
            assertThat(second.location().traits()).isEqualTo(exfat);
            assertThat(locations.findById(FIRST).get().fileSystem()).contains(new RootFileSystem("1", exfat));
        }

        @Test
        void onAFileSystemWithoutExtendedAttributesNoneAreReadOrKnown() {
            probedTraits = exfat;
            disk.file("a.txt", "alpha").directory("d");

            scan();

            assertThat(disk.takeXattrsRead()).isEmpty();
            assertThat(index().get("a.txt").xattrs()).isEmpty();
            assertThat(index().get("d").xattrs()).isEmpty();
        }

        @Test
        void aRootFoundOnAnotherDeviceIsProbedAgain() {
            scan();
            probedTraits = exfat;
            disk.mountedOn("2");

            IndexReport remounted = scan();

            assertThat(probed).containsExactly(ROOT, ROOT);
            assertThat(remounted.location().traits()).isEqualTo(exfat);
            assertThat(locations.findById(FIRST).get().fileSystem()).contains(new RootFileSystem("2", exfat));
        }

        /** A mirror's source is probed without writing, or not yet: then it is probed once it is to be written. */
        @Test
        void aRootOnlyReadIsNotProbedByWritingUntilItIsToBeWritten() {
            probedTraits = exfat;
            disk.file("a.txt", "alpha");

            IndexReport read = service.index(
                            new IndexLocation.Command(ROOT, List.empty(), true, IndexListener.NONE).readingOnly())
                    .get();

            assertThat(probedReading).containsExactly(ROOT);
            assertThat(probed).isEmpty();
            assertThat(read.location().traits()).isEqualTo(FileSystemTraits.POSIX);
            assertThat(locations.findById(FIRST).get().fileSystem()).isEmpty();

            IndexReport written = scan();

            assertThat(probed).containsExactly(ROOT);
            assertThat(written.location().traits()).isEqualTo(exfat);
        }

        @Test
        void aRootThatCannotBeProbedIsTakenForPosixAndProbedAgainNextTime() {
            probedTraits = null;
            disk.file("a.txt", "alpha");

            IndexReport report = scan();
            scan();

            assertThat(report.location().traits()).isEqualTo(FileSystemTraits.POSIX);
            assertThat(report.created()).isEqualTo(1);
            assertThat(locations.findById(FIRST).get().fileSystem()).isEmpty();
            assertThat(probed).hasSize(2);
        }
    }

    @Nested
    class Rescanning {

        @Test
        void aRescanOfAnUnchangedTreeReadsNoFileAndWritesNothing() {
            disk.file("a.txt", "alpha").file("docs/b.txt", "beta");
            disk.settle();
            scan();
            disk.takeHashed();
            disk.takeXattrsRead();
            int writes = store.writes();

            IndexReport again = scan();

            assertThat(disk.takeHashed()).isEmpty();
            assertThat(disk.takeXattrsRead()).isEmpty();
            assertThat(store.writes()).isEqualTo(writes);
            assertThat(store.changedSince(FIRST, store.journalPosition(FIRST), 10)
                            .isEmpty())
                    .isTrue();
            assertThat(again.unchanged()).isEqualTo(3);
            assertThat(again.created() + again.modified() + again.removed()).isZero();
        }

        @Test
        void theJournalNamesWhatARescanFoundChangedAndNothingElse() {
            disk.file("a.txt", "alpha").file("docs/b.txt", "beta").file("docs/c.txt", "gamma");
            disk.settle();
            scan();
            long before = store.journalPosition(FIRST);
            disk.file("a.txt", "alpha, longer").delete("docs/c.txt");
            disk.settle();

            scan();

            IndexStore.JournalChanges changes = store.changedSince(FIRST, before, 10);
            assertThat(changes.written().map(RelativePath::value)).containsExactly("a.txt");
            assertThat(changes.removed().map(RelativePath::value)).containsExactly("docs/c.txt");
        }

        @Test
        void onlyFilesWhoseStatChangedAreHashedAgain() {
            disk.file("a.txt", "alpha").file("b.txt", "beta");
            disk.settle();
            scan();
            disk.takeHashed();
            disk.file("b.txt", "beta, longer");
            disk.settle();

            IndexReport report = scan();

            assertThat(disk.takeHashed()).containsExactly("b.txt");
            assertThat(report.modified()).isEqualTo(1);
            assertThat(index().get("b.txt").hash()).contains(InMemoryFileTree.sha256("beta, longer"));
        }

        @Test
        void aFileModifiedJustBeforeItWasIndexedIsReadAgainOnTheNextScan() {
            disk.file("a.txt", "alpha");
            scan(); // racy: modified within the window before the scan
            disk.takeHashed();
            disk.settle();

            scan();

            assertThat(disk.takeHashed()).containsExactly("a.txt");
            disk.settle();
            scan();
            assertThat(disk.takeHashed()).as("settled after one more read").isEmpty();
        }

        @Test
        void extendedAttributesAreReadForNewEntriesAndAgainOnlyAfterTheirChangeTimeMoved() {
            disk.file("a.txt", "alpha").file("b.txt", "beta").symlink("link", "a.txt");
            disk.settle();
            scan();
            assertThat(disk.takeXattrsRead()).containsExactlyInAnyOrder("a.txt", "b.txt");
            assertThat(index().get("a.txt").xattrs()).contains(Xattrs.NONE);
            assertThat(index().get("link").xattrs()).isEmpty();
            disk.takeHashed();
            Xattrs tagged = new Xattrs("e".repeat(64));
            disk.setXattrs("a.txt", tagged);
            disk.settle();

            IndexReport report = scan();

            assertThat(report.modified())
                    .as("a change of extended attributes alone")
                    .isEqualTo(1);
            assertThat(disk.takeXattrsRead()).containsExactly("a.txt");
            assertThat(disk.takeHashed()).as("the content is not read again").isEmpty();
            assertThat(index().get("a.txt").xattrs()).contains(tagged);
            scan();
            assertThat(disk.takeXattrsRead()).as("settled after one read").isEmpty();
        }

        @Test
        void extendedAttributesReadJustAfterTheyChangedAreReadOnceMoreAndThenSettle() {
            disk.file("a.txt", "alpha");
            disk.settle();
            scan();
            disk.setXattrs("a.txt", new Xattrs("e".repeat(64)));
            scan(); // racy: changed within the window before the scan
            disk.takeXattrsRead();
            disk.settle();

            scan();

            assertThat(disk.takeXattrsRead()).containsExactly("a.txt");
            disk.settle();
            scan();
            assertThat(disk.takeXattrsRead()).as("settled after one more read").isEmpty();
        }

        @Test
        void aPermissionChangeIsAModificationWithoutReadingTheFile() {
            disk.file("a.txt", "alpha");
            disk.settle();
            scan();
            disk.takeHashed();
            disk.chmod("a.txt", 0600);

            IndexReport report = scan();

            assertThat(report.modified()).isEqualTo(1);
            assertThat(disk.takeHashed()).isEmpty();
            assertThat(index().get("a.txt").stat().mode()).isEqualTo(0600);
        }

        @Test
        void aRemovedFolderLeavesTheIndexWithEverythingBelowIt() {
            disk.file("keep.txt", "k").file("gone/a/b.txt", "b").file("gone/c.txt", "c");
            scan();
            disk.delete("gone");

            IndexReport report = scan();

            assertThat(report.removed()).isEqualTo(4);
            assertThat(index()).containsOnlyKeys("keep.txt");
        }

        @Test
        void aFolderReplacedByAFileTakesItsContentsOutOfTheIndex() {
            disk.file("x/inner.txt", "i");
            scan();
            disk.delete("x").file("x", "now a file");

            IndexReport report = scan();

            assertThat(index()).containsOnlyKeys("x");
            assertThat(index().get("x").kind()).isEqualTo(EntryKind.FILE);
            assertThat(report.modified()).isEqualTo(1);
            assertThat(report.removed()).isEqualTo(1);
        }

        @Test
        void aFileReplacedByAFolderIsIndexedWithItsContents() {
            disk.file("x", "a file");
            scan();
            disk.delete("x").file("x/inner.txt", "i");

            scan();

            assertThat(index()).containsOnlyKeys("x", "x/inner.txt");
            assertThat(index().get("x").kind()).isEqualTo(EntryKind.DIRECTORY);
        }
    }

    @Nested
    class AFolderInsideALocation {

        private IndexReport scanFolder(String folder) {
            return service.index(
                            new IndexLocation.Command(ROOT.resolve(folder), List.empty(), true, IndexListener.NONE))
                    .get();
        }

        @Test
        void isScannedAsPartOfThatLocationAndOnlyItsSubtreeIsRead() {
            disk.file("2024/a.jpg", "a")
                    .file("2024/trip/b.jpg", "b")
                    .file("2023/c.jpg", "c")
                    .file("2024-old/d.jpg", "d");
            scan();
            disk.settle();
            disk.delete("2024/trip").file("2024/e.jpg", "e").delete("2023").delete("2024-old");
            disk.listedDirectories().clear();

            IndexReport report = scanFolder("2024");

            assertThat(report.location().id()).isEqualTo(FIRST);
            assertThat(report.scope().value()).isEqualTo("2024");
            assertThat(report.created()).isEqualTo(1);
            assertThat(report.removed()).isEqualTo(2);
            assertThat(report.unchanged())
                    .as("a.jpg, and the folder's own entry")
                    .isEqualTo(2);
            assertThat(disk.listedDirectories()).containsExactly("2024");
            assertThat(index())
                    .as("what lies outside the folder is left for a scan of the root")
                    .containsOnlyKeys(
                            "2023", "2023/c.jpg", "2024-old", "2024-old/d.jpg", "2024", "2024/a.jpg", "2024/e.jpg");
        }

        @Test
        void keepsTheIgnoreFilesOfTheFoldersAboveIt() {
            disk.file(".conduitignore", "*.tmp\n")
                    .file("docs/.conduitignore", "draft*\n")
                    .file("docs/2024/a.txt", "a")
                    .file("docs/2024/b.tmp", "b")
                    .file("docs/2024/draft1", "d");
            scan();

            IndexReport report = scanFolder("docs/2024");

            assertThat(report.created() + report.modified() + report.removed()).isZero();
            assertThat(report.unchanged()).as("a.txt and the folder itself").isEqualTo(2);
            assertThat(index()).doesNotContainKeys("docs/2024/b.tmp", "docs/2024/draft1");
        }

        @Test
        void anIgnoredFolderIsNotIndexed() {
            disk.file("build/out.o", "o").file(".conduitignore", "build/\n");

            IndexReport report = service.index(new IndexLocation.Command(ROOT, List.empty(), true, IndexListener.NONE))
                    .get();
            IndexReport inside = service.index(
                            new IndexLocation.Command(ROOT.resolve("build"), List.empty(), true, IndexListener.NONE))
                    .get();

            assertThat(report.created()).isEqualTo(1);
            assertThat(inside.created()).isZero();
            assertThat(inside.problems().head().reason()).contains("is ignored");
            assertThat(index()).containsOnlyKeys(".conduitignore");
        }

        @Test
        void patternsGivenForAFolderAreAnchoredAtThatFolder() {
            disk.file("sub/build/x", "x").file("sub/keep/build", "b").file("build/y", "y");

            service.index(new IndexLocation.Command(ROOT, List.empty(), true, IndexListener.NONE))
                    .get();
            service.index(new IndexLocation.Command(ROOT.resolve("sub"), List.of("/build"), true, IndexListener.NONE))
                    .get();

            assertThat(index()).containsOnlyKeys("build", "build/y", "sub", "sub/keep", "sub/keep/build");
        }
    }

    @Nested
    class Ignoring {

        @Test
        void ignoredDirectoriesAreNeitherIndexedNorEntered() {
            disk.file("src/a.java", "a")
                    .file("build/out.class", "o")
                    .file("x.log", "l")
                    .file(".DS_Store", "junk");
            scan("build/", "*.log");

            assertThat(index()).containsOnlyKeys("src", "src/a.java");
            assertThat(disk.listedDirectories()).doesNotContain("build");
        }

        @Test
        void conduitIgnoreFilesApplyBelowTheirFolderAndCanBeTurnedOff() {
            disk.file(".conduitignore", "*.tmp\n")
                    .file("a.tmp", "t")
                    .file("sub/.conduitignore", "/local\n")
                    .file("sub/local", "l")
                    .file("local", "kept: the rule is anchored in sub");
            scan();
            assertThat(index()).containsOnlyKeys(".conduitignore", "local", "sub", "sub/.conduitignore");

            IndexReport withoutRules = service.index(
                            new IndexLocation.Command(ROOT, List.empty(), false, IndexListener.NONE))
                    .get();
            assertThat(withoutRules.created()).isEqualTo(2);
            assertThat(index()).containsKeys("a.tmp", "sub/local");
        }

        @Test
        void anEntryThatBecomesIgnoredLeavesTheIndex() {
            disk.file("cache/a", "a").file("b", "b");
            scan();

            IndexReport report = scan("cache/");

            assertThat(report.removed()).isEqualTo(2);
            assertThat(index()).containsOnlyKeys("b");
        }
    }

    @Nested
    class Problems {

        @Test
        void anUnlistableFolderIsReportedAndKeepsWhatTheIndexKnewOfIt() {
            disk.file("private/diary.txt", "d").file("public.txt", "p");
            scan();
            disk.unlistable("private");

            IndexReport report = scan();

            assertThat(report.errorCount()).isEqualTo(1);
            assertThat(report.problems()).extracting(ScanProblem::path).containsExactly("private");
            assertThat(index()).containsKeys("private/diary.txt");
            assertThat(report.removed()).isZero();
        }

        @Test
        void aFileThatChangesWhileItIsReadIsIndexedWithoutAHashAndReadAgainLater() {
            disk.file("busy.log", "growing");
            disk.changesWhileRead("busy.log");

            IndexReport report = scan();

            assertThat(report.errorCount()).isEqualTo(1);
            assertThat(index().get("busy.log").hash()).isEmpty();
            disk.settle();
            disk.takeHashed();
            scan();
            assertThat(disk.takeHashed()).containsExactly("busy.log");
        }

        @Test
        void aNameThatIsNotUtf8IsAnErrorAndTheScanGoesOn() {
            disk.file("docs/ok.txt", "ok").badName("docs", "bad\uFFFDname");

            IndexReport report = scan();

            assertThat(report.errorCount()).isEqualTo(1);
            assertThat(report.problems().head().reason()).contains("not valid UTF-8");
            assertThat(report.problems().head().path()).isEqualTo("docs/bad\uFFFDname");
            assertThat(index()).containsKeys("docs/ok.txt");
        }

        @Test
        void anotherProcesssTempFileGoneBeforeItsStatIsNoErrorButAUsersFileIs() {
            disk.file("docs/ok.txt", "ok").vanishing("docs", ".conduit-tmp-4242-7");

            IndexReport quiet = scan();

            assertThat(quiet.errorCount()).isZero();
            assertThat(index()).containsOnlyKeys("docs", "docs/ok.txt");

            disk.vanishing("docs", "notes.txt");

            IndexReport noisy = scan();

            assertThat(noisy.errorCount()).isEqualTo(1);
            assertThat(noisy.problems().head().path()).isEqualTo("docs/notes.txt");
        }

        @Test
        void aMissingRootIsAFailureAndRegistersNothing() {
            disk.noRoot();
            IndexFailure failure = service.index(
                            new IndexLocation.Command(ROOT, List.empty(), true, IndexListener.NONE))
                    .getLeft();
            assertThat(failure).isInstanceOf(IndexFailure.RootMissing.class);
            assertThat(failure.describe()).contains("/data/photos").contains("no such directory");
        }
    }

    @Test
    void manyEntriesAreWrittenInSeveralBatches() {
        for (int i = 0; i < IndexLocationService.BATCH_SIZE + 10; i++) {
            disk.file("d" + (i % 50) + "/f" + i, "x");
        }
        scan();
        assertThat(store.writes()).isGreaterThan(1);
        assertThat(index()).hasSize(IndexLocationService.BATCH_SIZE + 10 + 50);
    }

    /** The service's clock follows the fake disk's, so that "racy" means the same thing to both. */
    private static final class FakeClock extends Clock {

        private final InMemoryFileTree disk;

        FakeClock(InMemoryFileTree disk) {
            this.disk = disk;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(0, disk.now());
        }
    }
}
