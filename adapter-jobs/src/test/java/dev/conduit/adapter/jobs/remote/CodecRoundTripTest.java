package dev.conduit.adapter.jobs.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.ScanProblem;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.index.TimeGranularity;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.DeleteReason;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import dev.conduit.domain.trash.TrashReason;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every value the protocol carries comes back as it went, through its one codec; a bad one is refused. */
class CodecRoundTripTest {

    private static final ContentHash HASH = new ContentHash("ab".repeat(32));

    private static <T> T roundTrip(Calls.Writer<T> writer, Calls.Reader<T> reader, T value) throws IOException {
        byte[] bytes = Wire.bytes(out -> writer.write(out, value));
        try (DataInputStream in = new Frame(Frame.Type.RESULT, 1, bytes).read()) {
            T read = reader.read(in);
            assertEquals(-1, in.read(), "every byte was read");
            return read;
        }
    }

    private static RelativePath path(String raw) {
        return RelativePath.parse(raw).get();
    }

    private static IndexEntry file(String raw) {
        return new IndexEntry(
                path(raw),
                new FileStat(
                        EntryKind.FILE,
                        12,
                        1_700_000_000_123_456_789L,
                        0640,
                        Option.some("65024:99"),
                        Option.none(),
                        1_700_000_001_000_000_001L),
                Option.some(HASH),
                Option.some(Xattrs.NONE),
                42);
    }

    @Test
    void entriesOfEveryKind() throws IOException {
        IndexEntry link = new IndexEntry(
                path("dir/link"), FileStat.symlink("../target ü", 5, 0777, Option.none()), Option.none(), 7);
        IndexEntry directory = new IndexEntry(
                path("dir"),
                FileStat.directory(9, 0755, Option.some("1:2")),
                Option.none(),
                Option.some(new Xattrs("cd".repeat(32))),
                8);
        IndexEntry owned = new IndexEntry(
                path("owned"),
                new FileStat(EntryKind.FILE, 3, 4, 04755, Option.none(), Option.none(), 5, 1234, -2),
                Option.some(HASH),
                Option.none(),
                9);
        for (IndexEntry entry : List.of(file("a\tb/ c\\d"), link, directory, owned)) {
            assertEquals(entry, roundTrip(EntryCodec::write, EntryCodec::read, entry));
        }
    }

    @Test
    void failuresKeepTheirKindAndWords() throws IOException {
        List<EntryFailure> failures = List.of(
                EntryFailure.noSpace().in("cannot write: "),
                EntryFailure.permissionDenied(),
                EntryFailure.vanished().then(" (gone)"),
                EntryFailure.stale(),
                EntryFailure.sourceChanged(),
                EntryFailure.xattrsChanged(),
                EntryFailure.notUtf8(EntryFailure.NotUtf8.Of.LINK_TARGET),
                EntryFailure.notAllowed("no links here"),
                EntryFailure.inTheWay("a named pipe (FIFO)"),
                EntryFailure.skipped("a socket"),
                EntryFailure.ioError("input/output error"),
                EntryFailure.refused("not a root of this session"));
        for (EntryFailure failure : failures) {
            assertEquals(failure, roundTrip(FailureCodec::write, FailureCodec::read, failure));
        }
    }

    @Test
    void actionsOfEveryKind() throws IOException {
        IndexEntry wanted = file("f");
        IndexEntry was = file("g");
        List<SyncAction> actions = List.of(
                new SyncAction.MakeDirectory(
                        Direction.SOURCE_TO_TARGET,
                        new IndexEntry(path("d"), FileStat.directory(1, 0700, Option.none()), Option.none(), 0),
                        Option.some(wanted)),
                new SyncAction.Copy(Direction.TARGET_TO_SOURCE, wanted, Option.some(wanted), true),
                new SyncAction.Move(Direction.SOURCE_TO_TARGET, was, wanted),
                new SyncAction.SetMetadata(Direction.SOURCE_TO_TARGET, wanted, was.at(path("f"))),
                new SyncAction.SetMetadata(Direction.TARGET_TO_SOURCE, wanted, was.at(path("f")), true),
                new SyncAction.Delete(Direction.SOURCE_TO_TARGET, wanted, DeleteReason.CONFLICT_LOSER));
        for (SyncAction action : actions) {
            assertEquals(action, roundTrip(ActionCodec::write, ActionCodec::read, action));
        }
    }

    @Test
    void aTrashedVersion() throws IOException {
        TrashedVersion.New version = new TrashedVersion.New(
                new ConduitId(3),
                17,
                Side.TARGET,
                path("a/b"),
                "/srv/a/b",
                EntryKind.FILE,
                TrashReason.OVERWRITTEN,
                12,
                Instant.ofEpochSecond(1_700_000_000, 5),
                "/lib/trash/3/17/target/a/b");
        assertEquals(version, roundTrip(TrashCodec::write, TrashCodec::read, version));
    }

    @Test
    void aPeersStateAndTheListingOfAFolder() throws IOException {
        PeerIndex.PeerState state = new PeerIndex.PeerState(
                new PeerIndex.PeerPosition("lib", 99),
                true,
                new RootIdentity("65024", "65024:2"),
                new FileSystemTraits(
                        TimeGranularity.values()[TimeGranularity.values().length - 1], false, true, false, false, true),
                LinkedHashMap.of(path(".conduitignore"), List.of("*.tmp", "!keep.tmp")),
                List.of(new ScanProblem("x", EntryFailure.permissionDenied(), true)),
                1,
                2,
                List.of(path("d/.conduit-tmp-1-2")));
        assertEquals(state, roundTrip(IndexCodec::writeState, IndexCodec::readState, state));
        IndexFailure failure = new IndexFailure.RootUnreadable("/srv", "permission denied");
        assertEquals(failure, roundTrip(IndexCodec::writeFailure, IndexCodec::readFailure, failure));

        FileTree.Listed unreadable =
                new FileTree.Listed.Unreadable("caf\\xe9", EntryFailure.notUtf8(EntryFailure.NotUtf8.Of.NAME), false);
        assertEquals(unreadable, roundTrip(ListedCodec::write, ListedCodec::read, unreadable));
        FileTree.Listed found = new FileTree.Listed.Found("f", file("f").stat());
        assertEquals(found, roundTrip(ListedCodec::write, ListedCodec::read, found));
    }

    /**
     * Protocol 3 (ADR 0071): a short string's length is a varint, a hash goes as its 32 bytes. A file's entry with a
     * one-letter path: path 2, stat 48 (kind 1, size 8, time 8, mode 4, file key 1+1+8, no link 1, ctime 8, owner 8),
     * hash 1+32, no attributes 1, indexed 8.
     */
    @Test
    void anEntryGoesInFewBytes() {
        assertEquals(92, Wire.bytes(out -> EntryCodec.write(out, file("f"))).length);
    }

    @Test
    void lengthsOfEverySizeComeBackAndAnOverlongOneIsRefused() throws IOException {
        for (int length : new int[] {0, 1, 127, 128, 300, 16_383, 16_384, 1 << 21, Integer.MAX_VALUE}) {
            assertEquals(length, roundTrip(Wire::varint, Wire::varint, length));
        }
        assertEquals(1, Wire.bytes(out -> Wire.varint(out, 127)).length);
        assertEquals(2, Wire.bytes(out -> Wire.varint(out, 128)).length);
        assertEquals("ü/é", roundTrip(Wire::shortString, Wire::shortString, "ü/é"));
        byte[] endless = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1};
        assertThrows(ProtocolException.class, () -> Wire.varint(new Frame(Frame.Type.RESULT, 1, endless).read()));
        byte[] highBits = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x10}; // bit 32: no int has it
        assertThrows(ProtocolException.class, () -> Wire.varint(new Frame(Frame.Type.RESULT, 1, highBits).read()));
        byte[] padded = {(byte) 0x85, 0}; // 5, written in two bytes
        assertThrows(ProtocolException.class, () -> Wire.varint(new Frame(Frame.Type.RESULT, 1, padded).read()));
        byte[] tooLong = Wire.bytes(out -> Wire.varint(out, Wire.MAX_FIELD + 1));
        assertThrows(ProtocolException.class, () -> Wire.shortString(new Frame(Frame.Type.RESULT, 1, tooLong).read()));
    }

    @Test
    void aHashOfUnknownKindIsRefused() {
        byte[] bytes = Wire.bytes(out -> {
            PathCodec.write(out, path("f"));
            StatCodec.write(out, file("f").stat());
            out.writeByte(3); // neither none, nor empty, nor a digest
        });
        assertThrows(ProtocolException.class, () -> EntryCodec.read(new Frame(Frame.Type.RESULT, 1, bytes).read()));
    }

    @Test
    void aPathThatClimbsOutIsRefused() {
        byte[] bytes = Wire.bytes(out -> Wire.shortString(out, "../etc/passwd"));
        assertThrows(ProtocolException.class, () -> PathCodec.read(new Frame(Frame.Type.RESULT, 1, bytes).read()));
        byte[] absolute = Wire.bytes(out -> Wire.shortString(out, "/etc/passwd"));
        assertThrows(ProtocolException.class, () -> PathCodec.read(new Frame(Frame.Type.RESULT, 1, absolute).read()));
    }

    @Test
    void anEntryThatCannotBeIsRefused() {
        byte[] bytes = Wire.bytes(out -> {
            PathCodec.write(out, path("f"));
            out.writeByte(EntryKind.FILE.ordinal());
            out.writeLong(-1); // a negative size
            out.writeLong(0);
            out.writeInt(0644);
            Wire.optionalString(out, Option.none());
            Wire.optionalString(out, Option.none());
            out.writeLong(0);
            out.writeInt(FileStat.UNKNOWN_OWNER);
            out.writeInt(FileStat.UNKNOWN_OWNER);
        });
        assertThrows(ProtocolException.class, () -> EntryCodec.read(new Frame(Frame.Type.RESULT, 1, bytes).read()));
    }
}
