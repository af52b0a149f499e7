package dev.conduit.adapter.jobs.remote;

import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.Xattrs;
import io.vavr.control.Option;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HexFormat;

/**
 * An index entry on the wire: path, stat, hash, attributes' fingerprint, when it was indexed. Since protocol 3 the
 * hash and the fingerprint go as their 32 bytes, not as 64 characters of hex (ADR 0071).
 */
final class EntryCodec {

    private EntryCodec() {}

    static void write(DataOutput out, IndexEntry entry) throws IOException {
        PathCodec.write(out, entry.path());
        StatCodec.write(out, entry.stat());
        writeHash(out, entry.hash().map(ContentHash::hex));
        writeHash(out, entry.xattrs().map(Xattrs::fingerprint));
        out.writeLong(entry.indexedAtNanos());
    }

    static IndexEntry read(DataInput in) throws IOException {
        var path = PathCodec.read(in);
        var stat = StatCodec.read(in);
        Option<String> hash = readHash(in);
        Option<String> xattrs = readHash(in);
        long indexedAt = in.readLong();
        try {
            return new IndexEntry(path, stat, hash.map(ContentHash::new), xattrs.map(Xattrs::new), indexedAt);
        } catch (IllegalArgumentException invalid) {
            throw new ProtocolException("an index entry that cannot be: " + invalid.getMessage());
        }
    }

    private static final int NO_HASH = 0;
    private static final int EMPTY = 1;
    private static final int DIGEST = 2;
    private static final HexFormat HEX = HexFormat.of();

    /** A SHA-256 in hex (or the empty fingerprint of no attributes), if any, as a tag and its 32 bytes. */
    private static void writeHash(DataOutput out, Option<String> hex) throws IOException {
        if (hex.isEmpty()) {
            out.writeByte(NO_HASH);
        } else if (hex.get().isEmpty()) {
            out.writeByte(EMPTY);
        } else {
            out.writeByte(DIGEST);
            out.write(HEX.parseHex(hex.get()));
        }
    }

    private static Option<String> readHash(DataInput in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NO_HASH -> Option.none();
            case EMPTY -> Option.some("");
            case DIGEST -> {
                byte[] digest = new byte[DIGEST_BYTES];
                in.readFully(digest);
                yield Option.some(HEX.formatHex(digest));
            }
            default -> throw new ProtocolException("a hash of unknown kind " + tag);
        };
    }

    private static final int DIGEST_BYTES = ContentHash.HEX_LENGTH / 2;

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
