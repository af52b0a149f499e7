package dev.conduit.adapter.jobs.remote;

import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.FileStat;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** What lstat said of an entry, on the wire: the one place a field added to {@link FileStat} is added here. */
final class StatCodec {

    private StatCodec() {}

    static void write(DataOutput out, FileStat stat) throws IOException {
        out.writeByte(stat.kind().ordinal());
        out.writeLong(stat.size());
        out.writeLong(stat.mtimeNanos());
        out.writeInt(stat.mode());
        Wire.optionalShortString(out, stat.fileKey());
        Wire.optionalShortString(out, stat.linkTarget());
        out.writeLong(stat.ctimeNanos());
        out.writeInt(stat.uid());
        out.writeInt(stat.gid());
    }

    static FileStat read(DataInput in) throws IOException {
        EntryKind kind = Wire.enumOf(EntryKind.class, in);
        long size = in.readLong();
        long mtime = in.readLong();
        int mode = in.readInt();
        var fileKey = Wire.optionalShortString(in);
        var linkTarget = Wire.optionalShortString(in);
        long ctime = in.readLong();
        int uid = in.readInt();
        int gid = in.readInt();
        try {
            return new FileStat(kind, size, mtime, mode, fileKey, linkTarget, ctime, uid, gid);
        } catch (IllegalArgumentException invalid) {
            throw new ProtocolException("an entry's metadata that cannot be: " + invalid.getMessage());
        }
    }
}
