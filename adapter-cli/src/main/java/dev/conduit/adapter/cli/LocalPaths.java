package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.EndpointAddress;
import dev.conduit.application.port.in.Failure;
import dev.conduit.domain.conduit.RemoteAddress;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.nio.file.Path;

/**
 * A root as the user typed it, read before it becomes a path (a path would fold {@code ssh://} into {@code ssh:/}):
 * a local folder, or a folder on another host ({@code [user@]host:PATH}, {@code ssh://[user@]host[:port]/PATH}).
 */
final class LocalPaths {

    private LocalPaths() {}

    /** The endpoint {@code raw} names; a malformed remote one (a bad port, no host, no path) is a usage error. */
    static Either<Failure, EndpointAddress> of(String side, String raw) {
        return RemoteAddress.parse(raw)
                .map(parsed -> parsed.<EndpointAddress>map(EndpointAddress.Remote::new)
                        .mapLeft(problem -> Failure.usage(List.of("the " + side + " " + problem.message()
                                + (raw.startsWith("ssh://") ? "" : " (write ./" + raw + " for a local folder)")))))
                .getOrElse(() -> Either.right(EndpointAddress.local(Path.of(raw))));
    }

    /** True when {@code raw} is written as a remote endpoint. */
    static boolean isRemote(String raw) {
        return RemoteAddress.isRemote(raw);
    }
}
