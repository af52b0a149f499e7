package dev.conduit.application.port.in;

import dev.conduit.domain.conduit.RemoteAddress;
import java.nio.file.Path;
import java.util.function.Function;

/** An endpoint as a person gave it to {@code add} or a two-path {@code sync}: a folder here, or one on another host. */
public sealed interface EndpointAddress {

    <R> R fold(Function<Local, R> local, Function<Remote, R> remote);

    static EndpointAddress local(Path path) {
        return new Local(path);
    }

    /** A folder of this machine, as given (made absolute and canonical when the conduit is made). */
    record Local(Path path) implements EndpointAddress {
        public Local {
            if (path == null) {
                throw new IllegalArgumentException("a path is required");
            }
        }

        @Override
        public <R> R fold(Function<Local, R> local, Function<Remote, R> remote) {
            return local.apply(this);
        }
    }

    /** A folder on another host, reached over ssh. */
    record Remote(RemoteAddress address) implements EndpointAddress {
        public Remote {
            if (address == null) {
                throw new IllegalArgumentException("an address is required");
            }
        }

        @Override
        public <R> R fold(Function<Local, R> local, Function<Remote, R> remote) {
            return remote.apply(this);
        }
    }
}
