package dev.conduit.adapter.jobs.remote;

import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.Xattrs;
import io.vavr.control.Option;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** An index entry on the wire: path, stat, hash, attributes' fingerprint, when it was indexed. */
final class EntryCodec {

    private EntryCodec() {}

    static void write(DataOutput out, IndexEntry entry) throws IOException {
        PathCodec.write(out, entry.path());
        StatCodec.write(out, entry.stat());
        Wire.optionalString(out, entry.hash().map(ContentHash::hex));
        Wire.optionalString(out, entry.xattrs().map(Xattrs::fingerprint));
        out.writeLong(entry.indexedAtNanos());
    }

    static IndexEntry read(DataInput in) throws IOException {
        var path = PathCodec.read(in);
        var stat = StatCodec.read(in);
        Option<String> hash = Wire.optionalString(in);
        Option<String> xattrs = Wire.optionalString(in);
        long indexedAt = in.readLong();
        try {
            return new IndexEntry(path, stat, hash.map(ContentHash::new), xattrs.map(Xattrs::new), indexedAt);
        } catch (IllegalArgumentException invalid) {
            throw new ProtocolException("an index entry that cannot be: " + invalid.getMessage());
        }
    }

    static void writeOption(DataOutput out, Option<IndexEntry> entry) throws IOException {
        out.writeBoolean(entry.isDefined());
        if (entry.isDefined()) {
            write(out, entry.get());
        }
    }

    static Option<IndexEntry> readOption(DataInput in) throws IOException {
        return in.readBoolean() ? Option.some(read(in)) : Option.none();
    }
}
