package dev.conduit.adapter.jobs.remote;

import dev.conduit.domain.path.RelativePath;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A relative path on the wire: its text; read back through {@link RelativePath#parse}, so no {@code ..} gets in. */
final class PathCodec {

    private PathCodec() {}

    static void write(DataOutput out, RelativePath path) throws IOException {
        Wire.shortString(out, path.value());
    }

    static RelativePath read(DataInput in) throws IOException {
        String raw = Wire.shortString(in);
        return RelativePath.parse(raw)
                .getOrElseThrow(
                        problem -> new ProtocolException("a path that is not relative: " + raw + " (" + problem + ")"));
    }
}
