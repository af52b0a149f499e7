package dev.conduit.adapter.jobs.remote;

import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The primitive values of the protocol: strings as UTF-8 with their length, options as a flag then the value. */
final class Wire {

    /** The longest string or byte field a frame may carry. */
    static final int MAX_FIELD = 64 << 20;

    private Wire() {}

    /** Writes a payload. */
    @FunctionalInterface
    interface Body {
        void write(DataOutput out) throws IOException;
    }

    /** Reads a payload. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(DataInputStream in) throws IOException;
    }

    static byte[] bytes(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return bytes.toByteArray();
    }

    static void string(DataOutput out, String value) throws IOException {
        blob(out, value.getBytes(StandardCharsets.UTF_8));
    }

    static String string(DataInput in) throws IOException {
        return new String(blob(in), StandardCharsets.UTF_8);
    }

    static void blob(DataOutput out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    static byte[] blob(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FIELD) {
            throw new ProtocolException("a field of " + length + " bytes");
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return value;
    }

    /**
     * A short string (a path, a file key, a link's target): its UTF-8 length as an unsigned LEB128 varint, one byte
     * below 128, then the bytes (protocol 3). The handshake's strings keep their fixed length field, so that any two
     * versions read each other's HELLO and REFUSED.
     */
    static void shortString(DataOutput out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        varint(out, bytes.length);
        out.write(bytes);
    }

    static String shortString(DataInput in) throws IOException {
        int length = varint(in);
        if (length > MAX_FIELD) {
            throw new ProtocolException("a field of " + length + " bytes");
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return new String(value, StandardCharsets.UTF_8);
    }

    static void optionalShortString(DataOutput out, Option<String> value) throws IOException {
        out.writeBoolean(value.isDefined());
        if (value.isDefined()) {
            shortString(out, value.get());
        }
    }

    static Option<String> optionalShortString(DataInput in) throws IOException {
        return in.readBoolean() ? Option.some(shortString(in)) : Option.none();
    }

    /** A count or length that is never negative, seven bits a byte, the low ones first. */
    static void varint(DataOutput out, int value) throws IOException {
        if (value < 0) {
            throw new IllegalArgumentException("a negative length: " + value);
        }
        int left = value;
        while (left >= 0x80) {
            out.writeByte(left & 0x7f | 0x80);
            left >>>= 7;
        }
        out.writeByte(left);
    }

    /** Refuses what {@link #varint(DataOutput, int)} never writes: more than 31 bits, or a last byte of zero. */
    static int varint(DataInput in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int next = in.readUnsignedByte();
            if (shift == 28 && (next & 0xf8) != 0) {
                break; // the fifth byte holds bits 28 to 30 only
            }
            value |= (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                if (next == 0 && shift > 0) {
                    throw new ProtocolException("a length written longer than it is");
                }
                return value;
            }
        }
        throw new ProtocolException("a length that does not fit an int");
    }

    static void optionalString(DataOutput out, Option<String> value) throws IOException {
        out.writeBoolean(value.isDefined());
        if (value.isDefined()) {
            string(out, value.get());
        }
    }

    static Option<String> optionalString(DataInput in) throws IOException {
        return in.readBoolean() ? Option.some(string(in)) : Option.none();
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, DataInput in) throws IOException {
        int ordinal = in.readUnsignedByte();
        E[] values = type.getEnumConstants();
        if (ordinal >= values.length) {
            throw new ProtocolException("no " + type.getSimpleName() + " number " + ordinal);
        }
        return values[ordinal];
    }

    static void strings(DataOutput out, Iterable<String> values) throws IOException {
        io.vavr.collection.List<String> all = io.vavr.collection.List.ofAll(values);
        out.writeInt(all.size());
        for (String value : all) {
            string(out, value);
        }
    }

    static io.vavr.collection.List<String> strings(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_FIELD) {
            throw new ProtocolException("a list of " + count + " strings");
        }
        java.util.List<String> values = new java.util.ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            values.add(string(in));
        }
        return io.vavr.collection.List.ofAll(values);
    }
}
