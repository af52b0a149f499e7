package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.in.EntryFailure;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A sending entry's extended attributes with their values (what a receiver writes), on the wire. */
final class XattrsCodec {

    private XattrsCodec() {}

    static void write(DataOutput out, int seq, Either<EntryFailure, Option<Map<String, byte[]>>> xattrs)
            throws IOException {
        out.writeInt(seq);
        Calls.writeEither(out, xattrs, (o, found) -> {
            o.writeBoolean(found.isDefined());
            if (found.isDefined()) {
                o.writeInt(found.get().size());
                for (var attribute : found.get()) {
                    Wire.string(o, attribute._1);
                    Wire.blob(o, attribute._2);
                }
            }
        });
    }

    static Either<EntryFailure, Option<Map<String, byte[]>>> read(DataInput in) throws IOException {
        return Calls.readEither(in, i -> {
            if (!i.readBoolean()) {
                return Option.none();
            }
            Map<String, byte[]> found = LinkedHashMap.empty();
            for (int count = i.readInt(); count > 0; count--) {
                found = found.put(Wire.string(i), Wire.blob(i));
            }
            return Option.some(found);
        });
    }
}
