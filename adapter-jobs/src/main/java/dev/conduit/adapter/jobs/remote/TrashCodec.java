package dev.conduit.adapter.jobs.remote;

import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.trash.TrashReason;
import dev.conduit.domain.trash.TrashedVersion;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

/** A version about to be trashed on the agent, on the wire: recorded in the library of the side that asked. */
final class TrashCodec {

    private TrashCodec() {}

    static void write(DataOutput out, TrashedVersion.New version) throws IOException {
        out.writeLong(version.conduit().value());
        out.writeLong(version.generation());
        out.writeByte(version.side().ordinal());
        PathCodec.write(out, version.path());
        Wire.string(out, version.originalAt());
        out.writeByte(version.kind().ordinal());
        out.writeByte(version.reason().ordinal());
        out.writeLong(version.size());
        out.writeLong(version.trashedAt().getEpochSecond());
        out.writeInt(version.trashedAt().getNano());
        Wire.string(out, version.storedAt());
    }

    static TrashedVersion.New read(DataInput in) throws IOException {
        try {
            return new TrashedVersion.New(
                    new ConduitId(in.readLong()),
                    in.readLong(),
                    Wire.enumOf(Side.class, in),
                    PathCodec.read(in),
                    Wire.string(in),
                    Wire.enumOf(EntryKind.class, in),
                    Wire.enumOf(TrashReason.class, in),
                    in.readLong(),
                    Instant.ofEpochSecond(in.readLong(), in.readInt()),
                    Wire.string(in));
        } catch (IllegalArgumentException invalid) {
            throw new ProtocolException("a trashed version that cannot be: " + invalid.getMessage());
        }
    }
}
