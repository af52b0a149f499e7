package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.TrashBins;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Either;
import java.io.IOException;

/** The agent's trash, over the link. */
final class RemoteTrashBins implements TrashBins {

    private final RemoteCalls calls;

    RemoteTrashBins(RemoteCalls calls) {
        this.calls = calls;
    }

    @Override
    public Either<EntryFailure, Void> restore(String storedAt, String originalAt, RelativePath path) {
        try {
            return calls.call(
                    Calls.Op.RESTORE,
                    out -> {
                        Wire.string(out, storedAt);
                        Wire.string(out, originalAt);
                        PathCodec.write(out, path);
                    },
                    in -> Calls.readEither(in, i -> null));
        } catch (IOException e) {
            return Either.left(RemoteFileTree.failure(e));
        }
    }

    @Override
    public Presence presence(String storedAt) {
        try {
            return calls.call(
                    Calls.Op.PRESENCE, out -> Wire.string(out, storedAt), in -> Wire.enumOf(Presence.class, in));
        } catch (IOException e) {
            return Presence.UNKNOWN;
        }
    }

    @Override
    public Either<EntryFailure, Void> purge(String storedAt) {
        try {
            return calls.call(Calls.Op.PURGE, out -> Wire.string(out, storedAt), in -> Calls.readEither(in, i -> null));
        } catch (IOException e) {
            return Either.left(RemoteFileTree.failure(e));
        }
    }
}
