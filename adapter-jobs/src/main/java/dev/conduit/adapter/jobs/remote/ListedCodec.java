package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.out.FileTree;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** One name found in a directory, on the wire. */
final class ListedCodec {

    private ListedCodec() {}

    static void write(DataOutput out, FileTree.Listed listed) throws IOException {
        Wire.string(out, listed.name());
        IOException failure = listed.fold(
                found -> attempt(() -> {
                    out.writeByte(0);
                    StatCodec.write(out, found.stat());
                }),
                unsupported -> attempt(() -> {
                    out.writeByte(1);
                    Wire.string(out, unsupported.what());
                }),
                unreadable -> attempt(() -> {
                    out.writeByte(2);
                    FailureCodec.write(out, unreadable.failure());
                    out.writeBoolean(unreadable.nameIsExact());
                }));
        if (failure != null) {
            throw failure;
        }
    }

    static FileTree.Listed read(DataInput in) throws IOException {
        String name = Wire.string(in);
        int kind = in.readUnsignedByte();
        return switch (kind) {
            case 0 -> new FileTree.Listed.Found(name, StatCodec.read(in));
            case 1 -> new FileTree.Listed.Unsupported(name, Wire.string(in));
            case 2 -> new FileTree.Listed.Unreadable(name, FailureCodec.read(in), in.readBoolean());
            default -> throw new ProtocolException("a listed entry of unknown kind " + kind);
        };
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
