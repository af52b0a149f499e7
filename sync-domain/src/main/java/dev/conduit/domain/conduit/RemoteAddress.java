package dev.conduit.domain.conduit;

import io.vavr.control.Option;

/**
 * An endpoint written as a remote one, as rsync and scp read them: {@code ssh://[user@]host[:port]/path}, or
 * {@code [user@]host:path} — a colon before the first slash. {@code ./a:b} and {@code /x/a:b} are local folders.
 *
 * @param host the host as written, with its user if one was given
 * @param path the path on that host
 */
public record RemoteAddress(String host, String path) {

    private static final String SCHEME = "ssh://";

    /**
     * Why {@code raw}, given as the conduit's {@code side}, cannot be used yet, if it names a remote endpoint: one
     * line for the user. (Remote endpoints are not served yet; a local folder with a colon is written {@code ./a:b}.)
     */
    public static Option<String> unsupported(String side, String raw) {
        return parse(raw)
                .map(address -> "the " + side + " " + raw + " names a folder on the host '" + address.host()
                        + "': remote endpoints are not supported yet; give a local folder"
                        + (raw.startsWith(SCHEME)
                                ? ""
                                : " (write ./" + raw + " for a local folder whose name has a colon)"));
    }

    /** The remote address {@code raw} names, if it names one. */
    public static Option<RemoteAddress> parse(String raw) {
        if (raw.startsWith(SCHEME)) {
            String rest = raw.substring(SCHEME.length());
            int slash = rest.indexOf('/');
            return Option.some(
                    slash < 0
                            ? new RemoteAddress(rest, "")
                            : new RemoteAddress(rest.substring(0, slash), rest.substring(slash)));
        }
        int colon = raw.indexOf(':');
        int slash = raw.indexOf('/');
        if (colon <= 0 || (slash >= 0 && slash < colon)) {
            return Option.none();
        }
        return Option.some(new RemoteAddress(raw.substring(0, colon), raw.substring(colon + 1)));
    }
}
