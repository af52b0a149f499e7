package dev.conduit.domain.conduit;

import dev.conduit.domain.host.RemoteHost;
import dev.conduit.domain.parse.Invalid;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * An endpoint written as a remote one, as rsync and scp read them: {@code ssh://[user@]host[:port]/path}, or
 * {@code [user@]host:path} — a colon before the first slash. {@code ./a:b} and {@code /x/a:b} are local folders.
 *
 * @param host the host, with its user and port when they were given
 * @param path the path on that host, as written (relative paths are the remote user's home's)
 */
public record RemoteAddress(RemoteHost host, String path) {

    private static final String SCHEME = "ssh://";

    public RemoteAddress {
        if (host == null || path == null || path.isEmpty()) {
            throw new IllegalArgumentException("a remote address needs a host and a path");
        }
    }

    /** Whether {@code raw} is written as a remote endpoint (well-formed or not): never a local folder then. */
    public static boolean isRemote(String raw) {
        return raw.startsWith(SCHEME) || scpColon(raw) > 0;
    }

    /**
     * The remote address {@code raw} names, if it names one (none: a local folder); why it is not a usable one when it
     * is written as a remote endpoint but malformed (an empty host or path, a bad port).
     */
    public static Option<Either<Invalid, RemoteAddress>> parse(String raw) {
        if (raw.startsWith(SCHEME)) {
            String rest = raw.substring(SCHEME.length());
            int slash = rest.indexOf('/');
            if (slash < 0 || slash == rest.length() - 1) {
                return Option.some(Either.left(new Invalid(
                        "remote endpoint", raw, raw + " names no folder: write ssh://[user@]host[:port]/PATH")));
            }
            return Option.some(address(raw, rest.substring(0, slash), rest.substring(slash)));
        }
        int colon = scpColon(raw);
        if (colon <= 0) {
            return Option.none();
        }
        String host = raw.substring(0, colon);
        String path = raw.substring(colon + 1);
        if (path.isEmpty()) {
            return Option.some(Either.left(new Invalid(
                    "remote endpoint", raw, raw + " names no folder on " + host + ": write " + host + ":PATH")));
        }
        return Option.some(RemoteHost.parse(host)
                .flatMap(parsed -> parsed.port().isDefined()
                        ? Either.left(new Invalid(
                                "remote endpoint",
                                raw,
                                raw + ": a port is written ssh://" + host + "/PATH (or given to --ssh as -p)"))
                        : Either.right(new RemoteAddress(parsed, path))));
    }

    private static Either<Invalid, RemoteAddress> address(String raw, String host, String path) {
        return RemoteHost.parse(host).map(parsed -> new RemoteAddress(parsed, path));
    }

    /** The colon of {@code [user@]host:path}: the first one, when it comes before any slash; -1 when none does. */
    private static int scpColon(String raw) {
        int open = raw.indexOf('[');
        int first = raw.indexOf(':');
        int colon = open >= 0 && (first < 0 || open < first) ? raw.indexOf(':', Math.max(0, raw.indexOf(']'))) : first;
        int slash = raw.indexOf('/');
        if (colon < 0 || (slash >= 0 && slash < colon)) {
            return -1;
        }
        return colon;
    }

    /** The address as a person writes it: {@code alice@nas:/backup/docs}, or the URL form when it has a port. */
    public String written() {
        return written(host, path);
    }

    /** How a folder on a host is written for people: scp's form, or the URL form when a port must be said. */
    public static String written(RemoteHost host, String path) {
        if (host.port().isDefined()) {
            return SCHEME + host.key() + (path.startsWith("/") ? path : "/" + path);
        }
        String name = host.host().indexOf(':') >= 0 ? "[" + host.host() + "]" : host.host();
        return host.user().map(user -> user + "@").getOrElse("") + name + ":" + path;
    }
}
