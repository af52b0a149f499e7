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
