package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.Failure;
import dev.conduit.domain.conduit.RemoteAddress;
import io.vavr.control.Either;
import java.nio.file.Path;

/** A root as the user typed it, read before it becomes a path (a path would fold {@code ssh://} into {@code ssh:/}). */
final class LocalPaths {

    private LocalPaths() {}

    /** The local folder {@code raw} names; refused when it is written as a remote endpoint. */
    static Either<Failure, Path> of(String side, String raw) {
        return RemoteAddress.unsupported(side, raw)
                .<Either<Failure, Path>>map(why -> Either.left(Failure.refused(why)))
                .getOrElse(() -> Either.right(Path.of(raw)));
    }

    /** True when {@code raw} is written as a remote endpoint. */
    static boolean isRemote(String raw) {
        return RemoteAddress.parse(raw).isDefined();
    }
}
