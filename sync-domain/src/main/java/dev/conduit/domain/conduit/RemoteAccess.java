package dev.conduit.domain.conduit;

import dev.conduit.domain.host.RemoteHost;
import dev.conduit.domain.parse.Invalid;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * How a conduit reaches its remote endpoint: the ssh command ({@code --ssh}; none: {@code $CONDUIT_SSH} when the sync
 * runs, else {@code ssh}) and the program that is Conduit on the other host ({@code --remote-conduit}). Both are
 * split into words as a shell would (quotes and backslashes), like rsync's {@code -e}.
 */
public record RemoteAccess(Option<String> ssh, String remoteConduit) {

    public static final String DEFAULT_SSH = "ssh";
    public static final String DEFAULT_REMOTE_CONDUIT = "conduit";
    public static final RemoteAccess DEFAULTS = new RemoteAccess(Option.none(), DEFAULT_REMOTE_CONDUIT);

    public RemoteAccess {
        if (ssh == null || remoteConduit == null) {
            throw new IllegalArgumentException("ssh and remoteConduit are required");
        }
        if (ssh.isDefined() && ShellWords.split(ssh.get()).fold(problem -> true, Seq::isEmpty)) {
            throw new IllegalArgumentException("the ssh command is not words a shell can split: " + ssh.get());
        }
        if (ShellWords.split(remoteConduit).fold(problem -> true, Seq::isEmpty)) {
            throw new IllegalArgumentException("the remote conduit is not words a shell can split: " + remoteConduit);
        }
    }

    /** The {@code --ssh} setting, checked: empty means the default again. */
    static Either<Invalid, Option<String>> parseSsh(String raw) {
        if (raw.isBlank()) {
            return Either.right(Option.none());
        }
        return ShellWords.split(raw)
                .mapLeft(problem -> new Invalid("ssh", raw, "--ssh " + problem))
                .map(words -> Option.some(raw));
    }

    /** The {@code --remote-conduit} setting, checked. */
    static Either<Invalid, String> parseRemoteConduit(String raw) {
        if (raw.isBlank()) {
            return Either.left(new Invalid("remote conduit", raw, "--remote-conduit cannot be empty"));
        }
        return ShellWords.split(raw)
                .mapLeft(problem -> new Invalid("remote conduit", raw, "--remote-conduit " + problem))
                .map(words -> raw);
    }

    /**
     * The command that starts the agent on {@code host}: the ssh words (the conduit's, else {@code environment}'s —
     * {@code $CONDUIT_SSH} as the caller read it — else {@code ssh}), {@code -p PORT} when the host has a port, the
     * destination, then the remote Conduit's words and {@code agent}.
     */
    public Seq<String> command(RemoteHost host, Option<String> environment) {
        String chosen =
                ssh.orElse(environment.filter(value -> !value.isBlank())).getOrElse(DEFAULT_SSH);
        Seq<String> sshWords = ShellWords.split(chosen).getOrElse(List.of(DEFAULT_SSH));
        Seq<String> port =
                host.port().map(p -> List.of("-p", String.valueOf(p))).getOrElse(List.empty());
        return sshWords.appendAll(port)
                .append(host.destination())
                .appendAll(ShellWords.split(remoteConduit).get())
                .append("agent");
    }
}
