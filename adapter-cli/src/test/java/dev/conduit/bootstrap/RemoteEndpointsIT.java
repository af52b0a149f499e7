package dev.conduit.bootstrap;

import static dev.conduit.bootstrap.Mirrors.view;
import static dev.conduit.bootstrap.Mirrors.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.in.EndpointAddress;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.RemoteAddress;
import dev.conduit.domain.conduit.SettingsChange;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.generation.Verification;
import dev.conduit.domain.host.RemoteHost;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoints on another host, through the real use cases and SQLite: the "host" is a {@link LoopbackAgentSession} over
 * a second library, its root another folder of this machine (ADR 0039).
 */
class RemoteEndpointsIT {

    @TempDir
    Path work;

    private RemoteLibrary library;
    private LoopbackAgentSession.Peer nas;
    private Path local;
    private Path remote;

    @BeforeEach
    void setUp() throws Exception {
        library = new RemoteLibrary(work.resolve("lib"));
        nas = new LoopbackAgentSession.Peer(work.resolve("nas-lib"), "nas-library-1");
        library.peers.put("nas", nas);
        local = Files.createDirectories(work.resolve("docs"));
        remote = Files.createDirectories(work.resolve("nas/backup/docs")).toRealPath();
    }

    private EndpointAddress onNas(Path path) {
        return new EndpointAddress.Remote(
                RemoteAddress.parse("alice@nas:" + path).get().get());
    }

    private Conduit add(EndpointAddress source, EndpointAddress target, String... mode) {
        SettingsChange change = mode.length == 0
                ? SettingsChange.NONE
                : new SettingsChange(
                        Option.some(mode[0]),
                        Option.none(),
                        mode.length > 1 ? Option.some(mode[1]) : Option.none(),
                        Option.none(),
                        Option.none(),
                        Option.none(),
                        Option.none(),
                        Option.none());
        Either<Failure, Conduit> added = tryAdd(source, target, change);
        assertThat(added.isRight()).as(() -> added.getLeft().message()).isTrue();
        return added.get();
    }

    private Either<Failure, Conduit> tryAdd(EndpointAddress source, EndpointAddress target) {
        return tryAdd(source, target, SettingsChange.NONE);
    }

    private Either<Failure, Conduit> tryAdd(EndpointAddress source, EndpointAddress target, SettingsChange change) {
        return library.conduits().add(source, target, Option.none(), change);
    }

    private Either<Failure, SyncReport> trySync(Conduit conduit) {
        return library.sync().sync(new SyncConduit.Command(conduit.id().toString(), SyncListener.NONE));
    }

    private SyncReport sync(Conduit conduit) {
        Either<Failure, SyncReport> synced = trySync(conduit);
        assertThat(synced.isRight()).as(() -> synced.getLeft().message()).isTrue();
        assertThat(synced.get().problems()).isEmpty();
        return synced.get();
    }

    private void tree(Path root) throws Exception {
        write(root, "a.txt", "alpha");
        write(root, "nested/deeper/b.txt", "beta");
        write(root, "zero", "");
        Files.createDirectories(root.resolve("empty"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("a.txt"));
        Files.setLastModifiedTime(
                root.resolve("nested/deeper/b.txt"), FileTime.from(Instant.parse("2001-02-03T04:05:06.789Z")));
    }

    @Test
    void mirrorsIntoARemoteRootAndWritesItAsPeopleDo() throws Exception {
        tree(local);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));
        assertThat(conduit.target().host())
                .contains(RemoteHost.parse("alice@nas").get());
        assertThat(conduit.target().written()).isEqualTo("alice@nas:" + remote);

        SyncReport first = sync(conduit);

        assertThat(view(remote)).isEqualTo(view(local));
        assertThat(first.generation().counts().filesCopied()).isEqualTo(4);
        assertThat(nas.opened.get())
                .as("the session that identified the root at add served the sync that followed")
                .isEqualTo(1);
        library.letGoOfSessions();
        assertThat(nas.opened.get()).as("every session closed").isEqualTo(nas.closed.get());
        assertThat(library.locations.findRemote(RemoteHost.parse("alice@nas").get(), remote.toString()))
                .as("the copy of the peer's index is a location of that host and root")
                .isNotEmpty();
        assertThat(library.locations.findEnclosing(remote.toString()))
                .as("the same path is not a location of this machine")
                .isEmpty();
    }

    @Test
    void mirrorsFromARemoteRoot() throws Exception {
        tree(remote);
        Path target = work.resolve("pulled");
        Conduit conduit = add(onNas(remote), EndpointAddress.local(target));

        sync(conduit);

        assertThat(view(target)).isEqualTo(view(remote));
        write(remote, "nested/new.txt", "new");
        Files.delete(remote.resolve("a.txt"));
        SyncReport second = sync(conduit);
        assertThat(view(target)).isEqualTo(view(remote));
        assertThat(second.generation().counts().filesCopied()).isEqualTo(1);
        assertThat(second.generation().counts().filesDeleted()).isEqualTo(1);
    }

    @Test
    void theSecondExchangeStreamsOnlyWhatChanged() throws Exception {
        for (int i = 0; i < 30; i++) { // old files: no scan takes them for racily written ones
            Files.setLastModifiedTime(
                    write(remote, "f" + i + ".txt", "file " + i), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        }
        Conduit conduit = add(onNas(remote), EndpointAddress.local(work.resolve("pulled")));
        pastTheRacyWindow(); // files changed within it are read again by the next scan, and sent again
        sync(conduit);
        long afterFirst = nas.streamed.get();
        assertThat(afterFirst).isGreaterThanOrEqualTo(30);

        sync(conduit);
        assertThat(nas.wholeExchanges.get())
                .as("the second exchange is not whole")
                .isEqualTo(1);
        assertThat(nas.streamed.get()).as("nothing changed: nothing streamed").isEqualTo(afterFirst);

        Files.setLastModifiedTime(
                write(remote, "f3.txt", "changed"), FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));
        Files.delete(remote.resolve("f4.txt"));
        SyncReport third = sync(conduit);
        assertThat(nas.streamed.get() - afterFirst)
                .as("one change and one removal")
                .isEqualTo(2);
        assertThat(third.generation().counts().filesCopied()).isEqualTo(1);
        assertThat(third.generation().counts().filesDeleted()).isEqualTo(1);
        assertThat(nas.wholeExchanges.get()).isEqualTo(1);
    }

    @Test
    void whatTheAgentReceivedIsNeitherHashedAgainNorSentBackByTheNextSync() throws Exception {
        library.overTheWire.add("nas"); // the real agent, its jobs and its library, over in-process pipes
        for (int i = 0; i < 40; i++) { // old files: no scan takes them for racily written ones
            Files.setLastModifiedTime(
                    write(local, (i % 2 == 0 ? "" : "sub/") + "f" + i + ".txt", "file " + i),
                    FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        }
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));
        SyncReport first = sync(conduit);
        assertThat(first.generation().counts().filesCopied()).isEqualTo(40);
        assertThat(view(remote)).isEqualTo(view(local));
        library.letGoOfSessions(); // the next sync starts another agent, as the next command does
        var copy = library.locations
                .findRemote(RemoteHost.parse("alice@nas").get(), remote.toString())
                .get();
        long copyBefore = library.store.journalPosition(copy.id());
        int scansBefore = nas.agentScans.size();

        SyncReport second = sync(conduit);

        assertThat(second.generation().counts().filesCopied()).isZero();
        var scan = nas.agentScans.get(scansBefore);
        assertThat(scan.filesHashed())
                .as("the files the agent received are in its index as it wrote them: none is hashed again")
                .isZero();
        assertThat(scan.created()).as("none is new to the agent's index").isZero();
        var sentBack = library.store.changedSince(copy.id(), copyBefore, 1_000_000);
        assertThat(sentBack.removed()).isEmpty();
        assertThat(sentBack.written().map(dev.conduit.domain.path.RelativePath::value))
                .as("nothing the client wrote comes back, nor the folder whose times the sync set after (ADR 0059)")
                .isEmpty();

        write(remote, "sub/f1.txt", "changed on the host after the sync");
        Files.setLastModifiedTime(remote.resolve("sub/f1.txt"), FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));
        SyncReport third = sync(conduit);
        assertThat(third.generation().counts().filesCopied())
                .as("a change on the host after the sync still reaches the copy, and is put right")
                .isEqualTo(1);
        assertThat(view(remote)).isEqualTo(view(local));
    }

    /**
     * The folders whose times a sync into a remote root set are recorded by the agent in its index and by the client in
     * its copy, as lstat found them right after (ADR 0059): the next sync's scan on the agent writes nothing, the
     * agent's journal does not move, and the exchange sends nothing back.
     */
    @Test
    void theFoldersARemoteSyncFinishedAreRecordedOnBothSidesAndNotSentBack() throws Exception {
        library.overTheWire.add("nas"); // the real agent, its jobs and its library, over in-process pipes
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                Files.setLastModifiedTime(write(local, "a" + a + "/b" + b + "/c/leaf.txt", "leaf " + a + b), old);
            }
            Files.setLastModifiedTime(write(local, "a" + a + "/top.txt", "top " + a), old);
        }
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));
        sync(conduit);
        assertThat(view(remote)).isEqualTo(view(local));
        library.letGoOfSessions(); // the next sync starts another agent, as the next command does
        var copy = library.locations
                .findRemote(RemoteHost.parse("alice@nas").get(), remote.toString())
                .get();
        long copyBefore = library.store.journalPosition(copy.id());
        var agentLocation =
                nas.agentScans.get(nas.agentScans.size() - 1).location().id();
        long agentBefore = nas.store.journalPosition(agentLocation);
        int scansBefore = nas.agentScans.size();

        SyncReport second = sync(conduit);

        assertThat(second.generation().counts().filesCopied()).isZero();
        assertThat(nas.agentScans).hasSize(scansBefore + 1);
        assertThat(nas.store.journalPosition(agentLocation))
                .as("the agent's scan after the sync found every folder as the sync recorded it")
                .isEqualTo(agentBefore);
        assertThat(library.store.changedSince(copy.id(), copyBefore, 1_000_000).written())
                .as("nothing is sent back into the copy")
                .isEmpty();
        assertThat(library.store.journalPosition(copy.id())).isEqualTo(copyBefore);
    }

    /**
     * Whether the client had asked for the index when each scan of the agent began: before it asks, the client waits
     * (up to 10 s) for a scan to begin, so a scan begun ahead says {@code false} and one begun on the request {@code
     * true}.
     */
    private java.util.List<Boolean> askedWhenTheAgentsScansBegin() {
        java.util.concurrent.CountDownLatch scanning = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean asked = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.List<Boolean> askedWhenScanBegan = new java.util.concurrent.CopyOnWriteArrayList<>();
        nas.atAgentScan = () -> {
            askedWhenScanBegan.add(asked.get());
            scanning.countDown();
        };
        library.beforeExchange = () -> {
            try { // without a scan ahead, the agent scans only once asked: this waits in vain, then asks
                scanning.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            asked.set(true);
        };
        return askedWhenScanBegan;
    }

    @Test
    void theAgentBeginsItsScanBeforeTheClientAsksForTheIndex() throws Exception {
        library.overTheWire.add("nas"); // the real agent over in-process pipes: the HELLO says the scan ahead
        tree(local);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));
        sync(conduit);
        library.letGoOfSessions(); // the next sync starts another agent, as the next command does
        write(remote, "a.txt", "changed on the host"); // the copy learns it from this sync's scan, or not at all
        java.util.List<Boolean> askedWhenScanBegan = askedWhenTheAgentsScansBegin();
        int scansBefore = nas.agentScans.size();

        SyncReport second = sync(conduit);

        assertThat(askedWhenScanBegan)
                .as("one scan of the agent, begun before the client asked for the index")
                .containsExactly(false);
        assertThat(nas.agentScans).hasSize(scansBefore + 1);
        assertThat(second.generation().counts().filesCopied())
                .as("the change on the host, found by the scan begun ahead, is put right")
                .isEqualTo(1);
        assertThat(view(remote)).isEqualTo(view(local));
    }

    @Test
    void aNoOpSyncLooksAtTheRemoteRootInOneRoundTripAndAsksNothingAfterTheExchange() throws Exception {
        library.overTheWire.add("nas"); // the real agent over in-process pipes
        tree(local);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));
        sync(conduit);
        library.letGoOfSessions(); // the next sync starts another agent, as the next command does
        long delay = 1_000; // each answer of the agent arrives a second after it was sent: a round trip is a second
        WireTaps.Frames[] client = new WireTaps.Frames[1];
        library.toAgent = out -> client[0] = new WireTaps.Frames(out);
        library.toClient = out -> new WireTaps.Delayed(out, delay);

        SyncReport noOp = sync(conduit);

        assertThat(noOp.generation().counts().filesCopied()).isZero();
        var sent = client[0].sent;
        WireTaps.Sent hello = client[0].first(WireTaps.HELLO);
        WireTaps.Sent index = client[0].first(WireTaps.INDEX);
        int indexAt = sent.indexOf(index);
        assertThat(sent.subList(0, indexAt).stream()
                        .filter(frame -> frame.type() == WireTaps.CALL)
                        .map(WireTaps.Sent::op))
                .as("the look at the root: its identity, its top's names and its own entry, asked once each")
                .containsExactlyInAnyOrder(WireTaps.OP_IDENTIFY, WireTaps.OP_LIST, WireTaps.OP_EXAMINE);
        assertThat(java.time.Duration.ofNanos(index.nanos() - hello.nanos()))
                .as("the WELCOME, then the look's questions asked at once: two round trips before the INDEX request,"
                        + " not four")
                .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(2 * delay))
                .isLessThan(java.time.Duration.ofMillis(3 * delay));
        assertThat(sent.subList(indexAt + 1, sent.size()).stream()
                        .filter(frame -> frame.type() == WireTaps.CALL)
                        .map(WireTaps.Sent::op))
                .as("nothing written on the host, no folder to finish, the root's entry known from the look: nothing is"
                        + " asked after the exchange")
                .isEmpty();
        assertThat(view(remote)).isEqualTo(view(local));
    }

    @Test
    void aSyncOfChangedFilesWaitsForSevenRoundTripsAndAsksItsLastQuestionsInTwo() throws Exception {
        library.overTheWire.add("nas");
        tree(local);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));
        sync(conduit);
        library.letGoOfSessions();
        write(local, "a.txt", "changed at the top"); // the root's time moves on the host
        write(local, "nested/deeper/b.txt", "changed below");
        long delay = 1_000;
        WireTaps.Frames[] client = new WireTaps.Frames[1];
        library.toAgent = out -> client[0] = new WireTaps.Frames(out);
        library.toClient = out -> new WireTaps.Delayed(out, delay);

        SyncReport changed = sync(conduit);

        assertThat(changed.generation().counts().filesCopied()).isEqualTo(2);
        assertThat(changed.generation().verification()).isEqualTo(Verification.VERIFIED);
        var turns = client[0].inTurns(delay);
        var asked = turns.stream()
                .map(turn -> turn.stream()
                        .filter(frame -> frame.type() < 25 || frame.type() > 28) // not each pushed file's frames
                        .map(frame -> frame.type() == WireTaps.CALL ? "CALL " + frame.op() : "" + frame.type())
                        .toList())
                .toList();
        assertThat(turns)
                .as(
                        "HELLO; the look; INDEX; the copy; the trash ids of the versions it replaces; the folders'"
                                + " finishing; SETTLE with the verification: seven round trips one after the other, not ten"
                                + " (%s)",
                        asked)
                .hasSize(7);
        assertThat(turns.get(5).stream().map(WireTaps.Sent::op))
                .as("the folders and the root finished at once, the root's entry not asked first (%s)", asked)
                .containsExactly(WireTaps.OP_FINISH_DIRECTORIES);
        assertThat(turns.get(6).stream().map(WireTaps.Sent::op))
                .as("the peer asked after its writes in the same round trip as the verification (%s)", asked)
                .containsExactlyInAnyOrder(WireTaps.OP_SETTLE, WireTaps.OP_EXAMINE_ALL);
        assertThat(client[0].sent.stream().map(WireTaps.Sent::type))
                .as("no delete job without a delete")
                .doesNotContain(WireTaps.DELETE);
        assertThat(
                        client[0]
                                .sent
                                .subList(client[0].sent.indexOf(client[0].first(WireTaps.INDEX)), client[0].sent.size())
                                .stream()
                                .filter(frame -> frame.type() == WireTaps.CALL)
                                .map(WireTaps.Sent::op))
                .as("the root's entry is not asked after the exchange")
                .doesNotContain(WireTaps.OP_EXAMINE);
        assertThat(view(remote, true))
                .as("every folder, the root too, has the source's time and bits")
                .isEqualTo(view(local, true));
        assertThat(Files.getLastModifiedTime(remote)).isEqualTo(Files.getLastModifiedTime(local));

        SyncReport after = sync(conduit);

        assertThat(after.generation().counts().filesCopied()).isZero();
        assertThat(view(remote, true)).isEqualTo(view(local, true));
    }

    @Test
    void anEmptiedRemoteRootIsNotScannedAheadAndItsAgentKeepsItsIndex() throws Exception {
        library.overTheWire.add("nas");
        tree(local);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));
        sync(conduit);
        library.letGoOfSessions();
        int scansBefore = nas.agentScans.size();
        java.util.Map<String, String> before = view(local);
        emptyFolder(remote);

        Either<Failure, SyncReport> refused = trySync(conduit);

        assertThat(refused.isLeft())
                .as("the emptied root pauses the conduit, as without a scan ahead")
                .isTrue();
        assertThat(refused.getLeft().message()).contains("empty");
        assertThat(nas.agentScans)
                .as("the agent did not scan the emptied root on its own: its index still holds the files")
                .hasSize(scansBefore);
        assertThat(view(local)).isEqualTo(before);
    }

    /**
     * Waits until files written so far are older than the racy window of the scans (their change time cannot be set
     * back): a wait on the clock, not on another thread.
     */
    private static void pastTheRacyWindow() throws InterruptedException {
        Instant until = Instant.now().plusNanos(dev.conduit.domain.index.RescanRules.RACY_WINDOW_NANOS + 100_000_000L);
        while (Instant.now().isBefore(until)) {
            Thread.sleep(50);
        }
    }

    @Test
    void aReplacedPeerLibrarySendsTheWholeIndexAndNothingIsRedone() throws Exception {
        tree(remote);
        Path target = work.resolve("pulled");
        Conduit conduit = add(onNas(remote), EndpointAddress.local(target));
        sync(conduit);
        write(target, "stale-in-copy-only.txt", "x"); // a mirror removes it: the plan is made from a fresh copy
        library.letGoOfSessions(); // the next sync: a process of its own, and a new agent

        LoopbackAgentSession.Peer replaced = new LoopbackAgentSession.Peer(work.resolve("nas-lib-2"), "nas-library-2");
        library.peers.put("nas", replaced);
        Files.delete(remote.resolve("a.txt")); // gone while the new library knew nothing of it
        SyncReport after = sync(conduit);

        assertThat(replaced.wholeExchanges.get()).isEqualTo(1);
        assertThat(view(target)).isEqualTo(view(remote));
        assertThat(after.generation().counts().filesCopied()).isZero();
        assertThat(after.generation().counts().filesDeleted()).isEqualTo(2);
    }

    @Test
    void bidirectionalCarriesEditsOfBothSides() throws Exception {
        tree(local);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote), "bidirectional");
        sync(conduit);
        assertThat(view(remote)).isEqualTo(view(local));

        write(local, "from-local.txt", "L");
        write(remote, "from-remote.txt", "R");
        write(remote, "a.txt", "alpha, edited on the nas");
        Files.delete(local.resolve("zero"));
        SyncReport second = sync(conduit);

        assertThat(view(remote)).isEqualTo(view(local));
        assertThat(Files.readString(local.resolve("a.txt"))).isEqualTo("alpha, edited on the nas");
        assertThat(local.resolve("from-remote.txt")).exists();
        assertThat(remote.resolve("from-local.txt")).exists();
        assertThat(remote.resolve("zero")).doesNotExist();
        assertThat(second.generation().counts().conflicts()).isZero();
    }

    @Test
    void aRenameOnTheRemoteSideIsAMoveHere() throws Exception {
        byte[] big = new byte[2 * 1024 * 1024];
        new java.util.Random(3).nextBytes(big);
        write(remote, "photos/big.bin", big);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote), "bidirectional");
        sync(conduit);
        Object inode = Files.getAttribute(local.resolve("photos/big.bin"), "unix:ino");

        Files.move(remote.resolve("photos/big.bin"), remote.resolve("photos/renamed.bin"));
        SyncReport moved = sync(conduit);

        assertThat(view(local)).isEqualTo(view(remote));
        assertThat(Files.getAttribute(local.resolve("photos/renamed.bin"), "unix:ino"))
                .as("renamed in place, no bytes sent")
                .isEqualTo(inode);
        assertThat(moved.generation().counts().bytesTransferred()).isZero();
    }

    @Test
    void bothSidesChangedDifferentlyIsAConflictSettledByThePolicy() throws Exception {
        write(local, "doc.txt", "v1");
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote), "bidirectional", "keep-both");
        sync(conduit);
        write(local, "doc.txt", "local edit");
        Files.setLastModifiedTime(local.resolve("doc.txt"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        write(remote, "doc.txt", "remote edit");
        Files.setLastModifiedTime(remote.resolve("doc.txt"), FileTime.from(Instant.parse("2029-01-01T00:00:00Z")));

        SyncReport settled = sync(conduit);

        assertThat(settled.generation().counts().conflicts()).isEqualTo(1);
        assertThat(Files.readString(local.resolve("doc.txt"))).isEqualTo("local edit");
        assertThat(Files.readString(remote.resolve("doc.txt"))).isEqualTo("local edit");
        assertThat(view(local)).isEqualTo(view(remote));
        assertThat(view(local).keySet()).anyMatch(name -> name.startsWith("doc (conflict "));
    }

    @Test
    void ignoreFilesOfEitherSideHoldOnTheOther() throws Exception {
        write(local, ".conduitignore", "*.tmp\n");
        write(remote, ".conduitignore", "*.log\n");
        write(local, "keep.txt", "k");
        write(local, "local.log", "ignored by the nas's rules");
        write(remote, "remote.tmp", "ignored by this side's rules");
        write(remote, "sub/remote.tmp", "below, too");
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote), "bidirectional");

        sync(conduit);

        assertThat(remote.resolve("local.log")).doesNotExist();
        assertThat(local.resolve("remote.tmp")).doesNotExist();
        assertThat(local.resolve("sub/remote.tmp")).doesNotExist();
        assertThat(remote.resolve("keep.txt")).exists();
        assertThat(remote.resolve("remote.tmp")).exists();
        assertThat(local.resolve("local.log")).exists();
    }

    @Test
    void aNewRuleOfThisSideTakesRemoteEntriesOutOfTheCopyBeforeAnythingIsDecided() throws Exception {
        write(remote, "scratch.tmp", "made on the nas");
        write(remote, "keep.txt", "k");
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote), "bidirectional");
        sync(conduit);
        assertThat(local.resolve("scratch.tmp")).exists();
        int wholeBefore = nas.wholeExchanges.get();

        write(local, ".conduitignore", "*.tmp\n"); // from now on, neither side's scratch.tmp is synced
        SyncReport after = sync(conduit);

        assertThat(remote.resolve("scratch.tmp"))
                .as("never deleted as if this side had")
                .exists();
        assertThat(local.resolve("scratch.tmp")).exists();
        assertThat(after.generation().counts().filesDeleted()).isZero();
        assertThat(nas.wholeExchanges.get()).as("the copy was sent again whole").isEqualTo(wholeBefore + 1);
        assertThat(remote.resolve(".conduitignore")).exists();
    }

    @Test
    void aMirrorKeepsRemoteOnlyPathsThatTheSourcesRulesIgnore() throws Exception {
        write(local, ".conduitignore", "build/\n");
        write(local, "a.txt", "a");
        write(remote, "build/out.o", "target only, ignored by the source");
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));

        SyncReport synced = sync(conduit);

        assertThat(remote.resolve("build/out.o")).exists();
        assertThat(synced.generation().counts().filesDeleted()).isZero();
    }

    @Test
    void aMissingRemoteRootPausesTheConduitAndDeletesNothing() throws Exception {
        tree(local);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote), "bidirectional");
        sync(conduit);
        java.util.Map<String, String> before = view(local);
        Files.move(remote, work.resolve("nas/backup/moved-away"));

        Either<Failure, SyncReport> refused = trySync(conduit);

        assertThat(refused.isLeft()).isTrue();
        assertThat(refused.getLeft()).isInstanceOf(Failure.Paused.class);
        assertThat(refused.getLeft().message()).contains("alice@nas:" + remote).contains("missing");
        assertThat(view(local)).isEqualTo(before);
        assertThat(library.conduits().find("1").get().isPaused()).isTrue();
    }

    @Test
    void aPausedConduitResumesOnceTheRemoteRootIsBack() throws Exception {
        tree(local);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));
        sync(conduit);
        Path away = work.resolve("nas/backup/away");
        Files.move(remote, away);
        assertThat(trySync(conduit).getLeft()).isInstanceOf(Failure.Paused.class);

        Files.move(away, remote);
        var resumed = library.conduits().resume("1");

        assertThat(resumed.isRight()).as(() -> resumed.getLeft().message()).isTrue();
        assertThat(resumed.get().conduit().isPaused()).isFalse();
        assertThat(resumed.get().conduit().target().host())
                .isEqualTo(conduit.target().host());
        write(local, "after.txt", "after");
        sync(conduit);
        assertThat(view(remote)).isEqualTo(view(local));
        library.letGoOfSessions();
        assertThat(nas.opened.get()).isEqualTo(nas.closed.get());
    }

    @Test
    void aSessionLetGoOfIsClosedAMomentLaterWhenNoConnectTakesIt() throws Exception {
        tree(local);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));
        sync(conduit);
        assertThat(nas.closed.get()).as("kept for the next connect").isZero();

        long deadline = System.nanoTime() + HostEndpoints.LINGER.multipliedBy(5).toNanos();
        while (nas.closed.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(nas.closed.get()).as("closed once the moment passed").isEqualTo(1);
        write(local, "later.txt", "later");
        sync(conduit);
        assertThat(nas.opened.get()).as("a new session for a sync after it").isEqualTo(2);
        assertThat(view(remote)).isEqualTo(view(local));
    }

    /** This test's library as a daemon's: sessions kept a minute, asked after {@code askAfter}, within a second. */
    private void asADaemon(java.time.Duration askAfter) {
        library = new RemoteLibrary(
                work.resolve("lib-daemon"),
                new KeptSessions.Policy(java.time.Duration.ofMinutes(1), askAfter, java.time.Duration.ofSeconds(1)));
        library.peers.put("nas", nas);
        library.overTheWire.add("nas"); // the real agent over in-process pipes: a session that can go silent
    }

    @Test
    void aDaemonsNextSyncOfTheHostTakesTheSessionItKeptLongAfterAMoment() throws Exception {
        asADaemon(java.time.Duration.ZERO); // every kept session is asked about its root before it is taken
        tree(local);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));
        sync(conduit);
        Thread.sleep(HostEndpoints.LINGER.plusMillis(500).toMillis()); // a command run alone would have closed it
        write(local, "later.txt", "later");

        SyncReport later = sync(conduit);

        assertThat(library.connects.get())
                .as("one ssh and one agent for both syncs")
                .isEqualTo(1);
        assertThat(later.generation().counts().filesCopied()).isEqualTo(1);
        assertThat(view(remote)).isEqualTo(view(local));
        library.letGoOfSessions();
    }

    @Test
    void aKeptSessionThatNoLongerAnswersIsDroppedAndTheSyncConnectsAgain() throws Exception {
        asADaemon(java.time.Duration.ZERO);
        java.util.List<WireTaps.Silenced> links = new java.util.concurrent.CopyOnWriteArrayList<>();
        library.toClient = out -> {
            WireTaps.Silenced link = new WireTaps.Silenced(out);
            links.add(link);
            return link;
        };
        tree(local);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));
        sync(conduit);
        links.forEach(WireTaps.Silenced::silence); // the kept session's link dies without a word
        write(local, "later.txt", "later");

        long started = System.nanoTime();
        SyncReport later = sync(conduit);

        assertThat(library.connects.get())
                .as("the silent session dropped, another connected")
                .isEqualTo(2);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                .as("the silent session cost its second of patience, not a hung sync")
                .isLessThan(java.time.Duration.ofSeconds(30));
        assertThat(later.generation().counts().filesCopied()).isEqualTo(1);
        assertThat(view(remote)).isEqualTo(view(local));
        library.letGoOfSessions();
    }

    @Test
    void aMirrorsLocalSourceIsScannedWhileThePeerScans() throws Exception {
        tree(local);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));
        sync(conduit);
        write(local, "new.txt", "new");
        var location = library.locations
                .findEnclosing(local.toRealPath().toString())
                .get()
                .id();
        var path = dev.conduit.domain.path.RelativePath.parse("new.txt").get();
        java.util.concurrent.atomic.AtomicBoolean seen = new java.util.concurrent.atomic.AtomicBoolean();
        nas.duringExchange = () -> {
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (!seen.get() && System.nanoTime() < deadline) {
                seen.set(!library.store
                        .entries(location, io.vavr.collection.List.of(path))
                        .isEmpty());
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        };

        sync(conduit);

        assertThat(seen)
                .as("the local scan found the new file while the peer was scanning")
                .isTrue();
        assertThat(view(remote)).isEqualTo(view(local));
    }

    @Test
    void aNewMirrorsLocalSourceIsScannedWhileItsRemoteTargetIsIdentified() throws Exception {
        library.overTheWire.add("nas"); // the real agent over in-process pipes
        library.toClient = out -> new WireTaps.Delayed(out, 500); // each answer half a second late
        tree(local);

        Conduit conduit = library.conduits() // as the two-path sync makes it, to sync it next
                .findOrAdd(EndpointAddress.local(local), onNas(work.resolve("nas/new-target")), SettingsChange.NONE)
                .get();

        var location = library.locations.findEnclosing(local.toRealPath().toString());
        assertThat(location.map(found -> library.store.count(found.id())).getOrElse(0L))
                .as("the source's entries recorded while the agent answered, before any sync")
                .isPositive();
        java.util.List<dev.conduit.application.port.in.IndexReport> scans =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        Either<Failure, SyncReport> synced = library.sync()
                .sync(new SyncConduit.Command(conduit.id().toString(), new SyncListener() {
                    @Override
                    public void scanned(dev.conduit.application.port.in.IndexReport report) {
                        scans.add(report);
                    }
                }));
        assertThat(synced.isRight()).isTrue();
        assertThat(view(work.resolve("nas/new-target"))).isEqualTo(view(local));
        var source = scans.stream()
                .filter(report -> report.location().id().equals(location.get().id()))
                .findFirst()
                .orElseThrow();
        assertThat(source.created())
                .as("the sync took the scan begun ahead as its own (ADR 0068): it did not scan the source again")
                .isEqualTo(
                        location.map(found -> library.store.count(found.id())).get());
        assertThat(source.unchanged()).isZero();
        library.letGoOfSessions();
    }

    @Test
    void aTargetTheAgentMakesForANewMirrorIsScannedOnceMadeBeforeTheClientAsksForItsIndex() throws Exception {
        library.overTheWire.add("nas"); // the real agent over in-process pipes: the connect says the scan ahead
        tree(local);
        Path target = work.resolve("nas/made-target");
        java.util.List<Boolean> askedWhenScanBegan = askedWhenTheAgentsScansBegin();

        Conduit conduit = library.conduits() // as the two-path sync makes it, to sync it next
                .findOrAdd(EndpointAddress.local(local), onNas(target), SettingsChange.NONE)
                .get();
        SyncReport first = sync(conduit);

        assertThat(askedWhenScanBegan)
                .as("one scan of the made target, begun before the client asked for its index (ADR 0075)")
                .containsExactly(false);
        assertThat(first.generation().counts().filesCopied())
                .as("three files and a link")
                .isEqualTo(4);
        assertThat(view(target)).isEqualTo(view(local));
        library.letGoOfSessions();
    }

    @Test
    void aTargetMadeWhereTheAgentsLibraryIndexedBeforeIsNotScannedAheadOfTheGuard() throws Exception {
        library.overTheWire.add("nas"); // the real agent over in-process pipes
        tree(local);
        Conduit first = add(EndpointAddress.local(local), onNas(remote));
        sync(first);
        library.letGoOfSessions();
        assertThat(library.conduits().remove(first.id().toString()).isRight()).isTrue();
        emptyFolder(remote);
        Files.delete(remote); // gone on the host; both libraries still index the place
        int scansBefore = nas.agentScans.size();

        Either<Failure, SyncReport> refused = library.conduits() // as the two-path sync makes it, to sync it next
                .findOrAdd(EndpointAddress.local(local), onNas(remote), SettingsChange.NONE)
                .flatMap(conduit -> trySync(conduit));

        assertThat(refused.isLeft())
                .as("the made root is empty where the index knew files")
                .isTrue();
        assertThat(refused.getLeft().message()).contains("empty");
        assertThat(nas.agentScans)
                .as("the agent did not scan the place it indexed before ahead of the guard, which refused it")
                .hasSize(scansBefore);
        library.letGoOfSessions();
    }

    @Test
    void theScanAheadOfAMirrorThatIsNotMadeIsStoppedWithTheCommand() throws Exception {
        for (int i = 0; i < 3_000; i++) {
            write(local, "d" + (i % 30) + "/f" + i + ".txt", "content " + i);
        }
        library.peers.remove("nas"); // the host cannot be reached: no conduit, no sync to take the scan

        var refused = library.conduits()
                .findOrAdd(EndpointAddress.local(local), onNas(work.resolve("nas/new-target")), SettingsChange.NONE);

        assertThat(refused.isLeft()).isTrue();
        java.util.List<Thread> scanning = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("conduit-scan-ahead"))
                .toList();
        for (Thread thread : scanning) { // its task ended with the stop: the thread is at most on its way out
            thread.join(200);
        }
        assertThat(scanning.stream()
                        .filter(Thread::isAlive)
                        .map(thread -> java.util.Arrays.toString(thread.getStackTrace())))
                .as("the scan begun beside the connect is not left running as the command ends")
                .isEmpty();
    }

    @Test
    void aServicesLiveRootCatchesUpWhileThePeerScans() throws Exception {
        tree(local);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));
        sync(conduit);
        java.util.concurrent.CountDownLatch exchanging = new java.util.concurrent.CountDownLatch(1);
        nas.duringExchange = exchanging::countDown;
        java.util.concurrent.atomic.AtomicBoolean beside = new java.util.concurrent.atomic.AtomicBoolean();
        dev.conduit.application.port.in.LiveIndex live = new dev.conduit.application.port.in.LiveIndex() {
            @Override
            public boolean isLive(dev.conduit.domain.conduit.Endpoint endpoint) {
                return false;
            }

            @Override
            public boolean catchUp(dev.conduit.domain.conduit.Endpoint endpoint) {
                try { // a service applies the events seen under its root here: the peer scans meanwhile
                    beside.set(exchanging.await(10, java.util.concurrent.TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false; // not live after all: the root is scanned
            }
        };
        write(local, "new.txt", "new");

        Either<Failure, SyncReport> synced = library.sync()
                .sync(new SyncConduit.Command(
                        conduit.id().toString(), SyncConduit.Options.DEFAULT.withLive(live), SyncListener.NONE));

        assertThat(beside)
                .as("the local root caught up while the peer was scanning")
                .isTrue();
        assertThat(synced.get().generation().counts().filesCopied()).isEqualTo(1);
        assertThat(view(remote)).isEqualTo(view(local));
    }

    @Test
    void aPlanChangesNothingOnEitherSideAndTheDeleteLimitHolds() throws Exception {
        FileTime same = FileTime.from(Instant.parse("2020-05-05T05:05:05Z"));
        for (String name : java.util.List.of("a", "b", "c", "d")) {
            Files.setLastModifiedTime(write(remote, name, name), same);
        }
        Files.setLastModifiedTime(write(local, "a", "a"), same);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));
        java.util.Map<String, String> before = view(remote);
        java.util.List<dev.conduit.domain.plan.SyncAction> actions = new java.util.ArrayList<>();

        var planned = library.sync()
                .plan(new SyncConduit.PlanQuery(conduit.id().toString(), actions::add, SyncListener.NONE));

        assertThat(planned.isRight()).as(() -> planned.getLeft().message()).isTrue();
        assertThat(actions).hasSize(3);
        assertThat(view(remote)).isEqualTo(before);
        Either<Failure, SyncReport> refused = trySync(conduit);
        assertThat(refused.getLeft()).isInstanceOf(Failure.Refused.class);
        assertThat(refused.getLeft().message()).contains("--max-delete");
        assertThat(view(remote)).isEqualTo(before);
    }

    @Test
    void anEmptiedRemoteRootPausesTheConduit() throws Exception {
        tree(local);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote), "bidirectional");
        sync(conduit);
        java.util.Map<String, String> before = view(local);
        emptyFolder(remote);

        Either<Failure, SyncReport> refused = trySync(conduit);

        assertThat(refused.isLeft()).isTrue();
        assertThat(refused.getLeft().message()).contains("empty");
        assertThat(view(local)).isEqualTo(before);
    }

    @Test
    void anUnreachableHostIsOneLineAndChangesNothing() throws Exception {
        tree(local);
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));
        library.letGoOfSessions(); // the next command: a process of its own
        library.peers.remove("nas");

        Either<Failure, SyncReport> refused = trySync(conduit);

        assertThat(refused.isLeft()).isTrue();
        assertThat(refused.getLeft()).isInstanceOf(Failure.Refused.class);
        assertThat(refused.getLeft().message())
                .doesNotContain("\n")
                .contains("nas")
                .contains("nothing was changed");
        try (var children = Files.list(remote)) {
            assertThat(children.toList()).isEmpty();
        }
        assertThat(library.history.last(conduit.id())).isEmpty();
        assertThat(library.locations.findRemote(RemoteHost.named("nas"), remote.toString()))
                .as("no copy was even registered")
                .isEmpty();
    }

    @Test
    void addIdentifiesTheRemoteRootMakesAMissingTargetAndRefusesAMissingSource() {
        Either<Failure, Conduit> made = tryAdd(EndpointAddress.local(local), onNas(remote.resolve("new/target")));
        assertThat(made.isRight()).as(made.toString()).isTrue();
        assertThat(remote.resolve("new/target")).isDirectory();
        Either<Failure, Conduit> missing =
                tryAdd(onNas(remote.resolve("nope")), EndpointAddress.local(local.resolveSibling("elsewhere")));
        assertThat(missing.isLeft()).isTrue();
        assertThat(missing.getLeft().message()).contains("does not exist");
        assertThat(remote.resolve("nope")).doesNotExist();

        Either<Failure, Conduit> relative = tryAdd(
                EndpointAddress.local(local),
                new EndpointAddress.Remote(RemoteAddress.parse("nas:docs").get().get()));
        assertThat(relative.getLeft()).isInstanceOf(Failure.Usage.class);

        Either<Failure, Conduit> both = tryAdd(onNas(remote), onNas(work));
        assertThat(both.getLeft()).isInstanceOf(Failure.Usage.class);

        library.peers.remove("nas");
        Either<Failure, Conduit> unreachable = tryAdd(EndpointAddress.local(local), onNas(remote));
        assertThat(unreachable.getLeft()).isInstanceOf(Failure.Refused.class);
        assertThat(library.conduits().list())
                .as("only the conduit into the target made on the host")
                .hasSize(1);
    }

    /**
     * ADR 0073: a new conduit's target on the host is made if missing and identified in one call, where identify, make
     * and identify again took three round trips; a target that is a file, or that cannot be made, is refused with what
     * is wrong with it, and nothing is made.
     */
    @Test
    void aRemoteTargetIsMadeAndIdentifiedInOneCall() throws Exception {
        library.overTheWire.add("nas"); // the real agent over in-process pipes
        WireTaps.Frames[] client = new WireTaps.Frames[1];
        library.toAgent = out -> client[0] = new WireTaps.Frames(out);
        Either<Failure, Conduit> made = tryAdd(EndpointAddress.local(local), onNas(remote.resolve("new/target")));
        assertThat(made.isRight()).as(made.toString()).isTrue();
        assertThat(remote.resolve("new/target")).isDirectory();
        assertThat(client[0].sent.stream()
                        .filter(frame -> frame.type() == WireTaps.CALL)
                        .map(WireTaps.Sent::op))
                .as("one call for the target: made, then identified")
                .containsExactly(WireTaps.OP_MAKE_ROOT);
        tree(local);
        sync(made.get()); // the identity the call gave is the target's: the sync's guard takes it
        assertThat(view(remote.resolve("new/target"))).isEqualTo(view(local));

        Files.writeString(remote.resolve("a-file"), "x");
        Either<Failure, Conduit> file = tryAdd(EndpointAddress.local(local), onNas(remote.resolve("a-file")));
        assertThat(file.getLeft().message()).contains("is not a directory");
        Files.createSymbolicLink(remote.resolve("dangling"), work.resolve("nowhere/at/all"));
        Either<Failure, Conduit> under = tryAdd(EndpointAddress.local(local), onNas(remote.resolve("dangling/below")));
        assertThat(under.getLeft().message()).contains("cannot create the target");
        assertThat(work.resolve("nowhere")).doesNotExist();
        assertThat(Files.readString(remote.resolve("a-file"))).isEqualTo("x");
        assertThat(library.conduits().list()).hasSize(1);
    }

    @Test
    void theSamePathHereAndOnTheHostAreTwoEndpoints() throws Exception {
        Path both = Files.createDirectories(work.resolve("same")).toRealPath();
        Conduit conduit = add(EndpointAddress.local(both), onNas(both));
        assertThat(conduit.source().written()).isEqualTo(both.toString());
        assertThat(conduit.target().written()).isEqualTo("alice@nas:" + both);
    }

    @Test
    void versionsTrashedOnTheRemoteSideAreListedAndRestoredThere() throws Exception {
        FileTime same = FileTime.from(Instant.parse("2020-05-05T05:05:05Z"));
        for (String name : java.util.List.of("a.txt", "b.txt", "c.txt")) { // alike on both sides: nothing to do
            Files.setLastModifiedTime(write(local, name, name), same);
            Files.setLastModifiedTime(write(remote, name, name), same);
        }
        write(remote, "remote-only.txt", "precious");
        Conduit conduit = add(EndpointAddress.local(local), onNas(remote));
        SyncReport synced = sync(conduit);
        assertThat(synced.generation().counts().filesDeleted()).isEqualTo(1);
        assertThat(remote.resolve("remote-only.txt")).doesNotExist();

        Seq<TrashedVersion> listed = library.trash().list(Option.none()).get();
        assertThat(listed).hasSize(1);
        assertThat(listed.head().side()).isEqualTo(Side.TARGET);
        assertThat(listed.head().originalAt())
                .isEqualTo(remote.resolve("remote-only.txt").toString());

        Either<Failure, TrashedVersion> restored =
                library.trash().restore(listed.head().id());
        assertThat(restored.isRight()).as(() -> restored.getLeft().message()).isTrue();
        assertThat(Files.readString(remote.resolve("remote-only.txt"))).isEqualTo("precious");
        assertThat(library.trash().list(Option.none()).get()).isEmpty();
    }

    /** Deletes everything inside {@code folder}, which stays. */
    private static void emptyFolder(Path folder) throws java.io.IOException {
        try (var all = Files.walk(folder)) {
            for (Path path : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!path.equals(folder)) {
                    Files.delete(path);
                }
            }
        }
    }
}
