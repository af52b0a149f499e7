package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.out.FileTree;
import dev.conduit.domain.index.RootIdentity;
import io.vavr.control.Either;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;

/** A root's identity, or why it cannot be indexed, on the wire. */
final class RootCodec {

    private RootCodec() {}

    static void write(DataOutput out, Either<FileTree.RootProblem, FileTree.Root> root) throws IOException {
        out.writeBoolean(root.isRight());
        if (root.isRight()) {
            Wire.string(out, root.get().canonical().toString());
            writeIdentity(out, root.get().identity());
        } else {
            out.writeByte(root.getLeft().kind().ordinal());
            Wire.string(out, root.getLeft().reason());
        }
    }

    static Either<FileTree.RootProblem, FileTree.Root> read(DataInput in) throws IOException {
        if (in.readBoolean()) {
            return Either.right(new FileTree.Root(Path.of(Wire.string(in)), readIdentity(in)));
        }
        return Either.left(new FileTree.RootProblem(Wire.enumOf(FileTree.RootProblem.Kind.class, in), Wire.string(in)));
    }

    static void writeIdentity(DataOutput out, RootIdentity identity) throws IOException {
        Wire.string(out, identity.device());
        Wire.string(out, identity.fileKey());
    }

    static RootIdentity readIdentity(DataInput in) throws IOException {
        return new RootIdentity(Wire.string(in), Wire.string(in));
    }
}
