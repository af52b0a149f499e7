package dev.conduit.domain.host;

import dev.conduit.domain.parse.Invalid;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * Another machine, as {@code ssh} reaches it: a host name (or address, or an alias of {@code ~/.ssh/config}), the user
 * to log in as and the port, when they were given (otherwise ssh's own defaults and configuration decide).
 *
 * @param user the login name, when one was written ({@code alice@nas})
 * @param host the host as written, never empty, never starting with {@code -} (it would be read as an option)
 * @param port the TCP port, 1 to 65535, when one was written ({@code ssh://nas:2222/...})
 */
public record RemoteHost(Option<String> user, String host, Option<Integer> port) {

    public RemoteHost {
        if (user == null || host == null || port == null) {
            throw new IllegalArgumentException("user, host and port options are required");
        }
        String problem = problem(user, host, port);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** A host without user or port. */
    public static RemoteHost named(String host) {
        return new RemoteHost(Option.none(), host, Option.none());
    }

    /**
     * {@code [user@]host[:port]}: the form {@link #key()} writes (a host of {@code ssh://} URLs, or as stored in a
     * library). An IPv6 address is written in brackets when a port follows: {@code [::1]:2222}.
     */
    public static Either<Invalid, RemoteHost> parse(String written) {
        String raw = written == null ? "" : written;
        int at = raw.lastIndexOf('@');
        Option<String> user = at < 0 ? Option.none() : Option.some(raw.substring(0, at));
        String rest = raw.substring(at + 1);
        String host = rest;
        Option<String> port = Option.none();
        if (rest.startsWith("[") && rest.contains("]")) {
            int close = rest.indexOf(']');
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            port = after.startsWith(":") ? Option.some(after.substring(1)) : Option.none();
            if (!after.isEmpty() && port.isEmpty()) {
                return Either.left(invalid(raw, "'" + raw + "' is not [user@]host[:port]"));
            }
        } else if (rest.indexOf(':') >= 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
            host = rest.substring(0, rest.indexOf(':'));
            port = Option.some(rest.substring(rest.indexOf(':') + 1));
        }
        String name = host;
        return port(raw, port).flatMap(number -> {
            String problem = problem(user, name, number);
            return problem == null
                    ? Either.right(new RemoteHost(user, name, number))
                    : Either.left(invalid(raw, problem));
        });
    }

    private static Either<Invalid, Option<Integer>> port(String raw, Option<String> given) {
        if (given.isEmpty()) {
            return Either.right(Option.none());
        }
        String digits = given.get();
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Either.left(
                    invalid(raw, "the port '" + digits + "' of " + raw + " is not a number from 1 to 65535"));
        }
        return Either.right(Option.some(Integer.parseInt(digits)));
    }

    private static String problem(Option<String> user, String host, Option<Integer> port) {
        if (host.isEmpty()) {
            return "a remote endpoint needs a host name before the colon";
        }
        if (host.startsWith("-") || !printable(host) || host.indexOf('/') >= 0 || host.indexOf('@') >= 0) {
            return "'" + host + "' is not a host name";
        }
        if (user.isDefined() && (user.get().isEmpty() || user.get().startsWith("-") || !printable(user.get()))) {
            return "'" + user.get() + "' is not a user name";
        }
        if (port.isDefined() && (port.get() < 1 || port.get() > 65535)) {
            return "the port " + port.get() + " of " + host + " is not a number from 1 to 65535";
        }
        return null;
    }

    private static boolean printable(String text) {
        return text.chars().allMatch(c -> c > ' ' && c != 0x7f);
    }

    private static Invalid invalid(String raw, String message) {
        return new Invalid("remote host", raw, message);
    }

    /** {@code [user@]host}, as ssh takes it on its command line. */
    public String destination() {
        return user.map(name -> name + "@").getOrElse("") + host;
    }

    /** {@code [user@]host[:port]}: one string per host, as the library stores it and {@link #parse} reads it. */
    public String key() {
        String name = host.indexOf(':') >= 0 && port.isDefined() ? "[" + host + "]" : host;
        return user.map(u -> u + "@").getOrElse("")
                + name
                + port.map(p -> ":" + p).getOrElse("");
    }

    /**
     * Whether this and {@code other} may be the same machine: the same host name (in any case) on the same port. Who
     * logs in does not change which files a path names.
     */
    public boolean sameMachine(RemoteHost other) {
        return host.equalsIgnoreCase(other.host) && port.equals(other.port);
    }

    @Override
    public String toString() {
        return key();
    }
}
