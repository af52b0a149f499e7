package dev.conduit.adapter.jobs.remote;

import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.plan.DeleteReason;
import dev.conduit.domain.plan.Direction;
import dev.conduit.domain.plan.SyncAction;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A plan's action on the wire: its kind, direction and the entries it carries (what the index said). */
final class ActionCodec {

    private static final int MAKE_DIRECTORY = 0;
    private static final int COPY = 1;
    private static final int MOVE = 2;
    private static final int SET_METADATA = 3;
    private static final int DELETE = 4;

    private ActionCodec() {}

    static void write(DataOutput out, SyncAction action) throws IOException {
        out.writeByte(action.<Integer>fold(
                make -> MAKE_DIRECTORY, copy -> COPY, move -> MOVE, fix -> SET_METADATA, delete -> DELETE));
        out.writeByte(action.direction().ordinal());
        IOException failure = action.<IOException>fold(
                make -> attempt(() -> {
                    EntryCodec.write(out, make.wanted());
                    EntryCodec.writeOption(out, make.replaced());
                }),
                copy -> attempt(() -> {
                    EntryCodec.write(out, copy.wanted());
                    EntryCodec.writeOption(out, copy.replaced());
                    out.writeBoolean(copy.loser());
                }),
                move -> attempt(() -> {
                    EntryCodec.write(out, move.current());
                    EntryCodec.write(out, move.wanted());
                }),
                fix -> attempt(() -> {
                    EntryCodec.write(out, fix.wanted());
                    EntryCodec.write(out, fix.current());
                    out.writeBoolean(fix.owners());
                }),
                delete -> attempt(() -> {
                    EntryCodec.write(out, delete.current());
                    out.writeByte(delete.why().ordinal());
                }));
        if (failure != null) {
            throw failure;
        }
    }

    static SyncAction read(DataInput in) throws IOException {
        int kind = in.readUnsignedByte();
        Direction direction = Wire.enumOf(Direction.class, in);
        try {
            return switch (kind) {
                case MAKE_DIRECTORY ->
                    new SyncAction.MakeDirectory(direction, EntryCodec.read(in), EntryCodec.readOption(in));
                case COPY -> {
                    IndexEntry wanted = EntryCodec.read(in);
                    yield new SyncAction.Copy(direction, wanted, EntryCodec.readOption(in), in.readBoolean());
                }
                case MOVE -> new SyncAction.Move(direction, EntryCodec.read(in), EntryCodec.read(in));
                case SET_METADATA ->
                    new SyncAction.SetMetadata(direction, EntryCodec.read(in), EntryCodec.read(in), in.readBoolean());
                case DELETE ->
                    new SyncAction.Delete(direction, EntryCodec.read(in), Wire.enumOf(DeleteReason.class, in));
                default -> throw new ProtocolException("an action of unknown kind " + kind);
            };
        } catch (IllegalArgumentException invalid) {
            throw new ProtocolException("an action that cannot be: " + invalid.getMessage());
        }
    }

    static SyncAction.Transfer readTransfer(DataInput in) throws IOException {
        SyncAction.Transfer transfer = read(in).fold(found -> found, delete -> null);
        if (transfer == null) {
            throw new ProtocolException("a delete where a transfer was expected");
        }
        return transfer;
    }

    static SyncAction.Delete readDelete(DataInput in) throws IOException {
        SyncAction.Delete delete = read(in).fold(transfer -> null, found -> found);
        if (delete == null) {
            throw new ProtocolException("a transfer where a delete was expected");
        }
        return delete;
    }

    private interface Writing {
        void run() throws IOException;
    }

    private static IOException attempt(Writing writing) {
        try {
            writing.run();
            return null;
        } catch (IOException e) {
            return e;
        }
    }
}
