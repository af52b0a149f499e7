package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.in.EntryFailure;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Why an entry failed, on the wire, by kind: a full disk on the agent is a full disk here too. */
final class FailureCodec {

    private FailureCodec() {}

    static void write(DataOutput out, EntryFailure failure) throws IOException {
        Wire.string(out, failure.context().before());
        Wire.string(out, failure.context().after());
        if (failure instanceof EntryFailure.NoSpace) {
            out.writeByte(0);
        } else if (failure instanceof EntryFailure.PermissionDenied) {
            out.writeByte(1);
        } else if (failure instanceof EntryFailure.Vanished) {
            out.writeByte(2);
        } else if (failure instanceof EntryFailure.Stale stale) {
            out.writeByte(3);
            out.writeByte(stale.change().ordinal());
        } else if (failure instanceof EntryFailure.NotUtf8 notUtf8) {
            out.writeByte(4);
            out.writeByte(notUtf8.of().ordinal());
        } else {
            writeWorded(out, failure);
        }
    }

    /** The kinds that carry their own words. */
    private static void writeWorded(DataOutput out, EntryFailure failure) throws IOException {
        int kind;
        if (failure instanceof EntryFailure.NotAllowed) {
            kind = 5;
        } else if (failure instanceof EntryFailure.InTheWay inTheWay) {
            out.writeByte(6);
            Wire.string(out, inTheWay.what());
            return;
        } else if (failure instanceof EntryFailure.Skipped skipped) {
            out.writeByte(7);
            Wire.string(out, skipped.what());
            return;
        } else if (failure instanceof EntryFailure.IoError) {
            kind = 8;
        } else {
            kind = 9; // Refused
        }
        out.writeByte(kind);
        Wire.string(out, failure.words());
    }

    static EntryFailure read(DataInput in) throws IOException {
        EntryFailure.Context context = new EntryFailure.Context(Wire.string(in), Wire.string(in));
        int kind = in.readUnsignedByte();
        EntryFailure bare = switch (kind) {
            case 0 -> EntryFailure.noSpace();
            case 1 -> EntryFailure.permissionDenied();
            case 2 -> EntryFailure.vanished();
            case 3 ->
                new EntryFailure.Stale(EntryFailure.Context.NONE, Wire.enumOf(EntryFailure.Stale.Change.class, in));
            case 4 -> EntryFailure.notUtf8(Wire.enumOf(EntryFailure.NotUtf8.Of.class, in));
            case 5 -> EntryFailure.notAllowed(Wire.string(in));
            case 6 -> EntryFailure.inTheWay(Wire.string(in));
            case 7 -> EntryFailure.skipped(Wire.string(in));
            case 8 -> EntryFailure.ioError(Wire.string(in));
            case 9 -> EntryFailure.refused(Wire.string(in));
            default -> throw new ProtocolException("a failure of unknown kind " + kind);
        };
        return bare.with(context);
    }
}
