package dev.conduit.domain.conduit;

import dev.conduit.domain.host.RemoteHost;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/** Which pairs of roots can make a conduit: the refusals of {@code add} and of a two-path {@code sync}. */
public final class Roots {

    private Roots() {}

    /** Whether absolute path {@code path} is {@code folder} or lies below it. */
    public static boolean isWithin(String path, String folder) {
        if (path.equals(folder)) {
            return true;
        }
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        return path.startsWith(prefix);
    }

    /**
     * A root on a host (none: this machine), before it is known which directory it is.
     *
     * @param root absolute and canonical on its host
     */
    public record Place(Option<RemoteHost> host, String root) {

        public static Place local(String root) {
            return new Place(Option.none(), root);
        }

        public static Place of(Endpoint endpoint) {
            return new Place(endpoint.host(), endpoint.root());
        }

        /** Whether both may be on one machine: both this one, or remote hosts of one name and port. */
        boolean sameMachine(Place other) {
            return host.isEmpty()
                    ? other.host.isEmpty()
                    : other.host.isDefined() && host.get().sameMachine(other.host.get());
        }

        /** This root is the other one or lies inside it. */
        boolean within(Place other) {
            return sameMachine(other) && isWithin(root, other.root);
        }

        /** Two roots that are the same, or one inside the other, hold the same files. */
        boolean overlaps(Place other) {
            return within(other) || other.within(this);
        }

        String written() {
            return host.map(remote -> RemoteAddress.written(remote, root)).getOrElse(root);
        }
    }

    /**
     * Why {@code source} and {@code target} (absolute canonical paths) cannot be a new conduit beside
     * {@code existing}; none when they can.
     */
    public static Option<String> problemWith(String source, String target, Seq<Conduit> existing) {
        return problemWith(Place.local(source), Place.local(target), existing);
    }

    /**
     * Why {@code source} and {@code target} cannot be a new conduit beside {@code existing}; none when they can. Roots
     * on different machines never overlap; on one machine, by their paths.
     */
    public static Option<String> problemWith(Place source, Place target, Seq<Conduit> existing) {
        if (source.equals(target)
                || (source.sameMachine(target) && source.root().equals(target.root()))) {
            return Option.some("source and target are the same directory: " + source.written());
        }
        if (target.within(source)) {
            return Option.some("the target " + target.written() + " is inside the source " + source.written()
                    + " (a sync would copy the target into itself)");
        }
        if (source.within(target)) {
            return Option.some("the source " + source.written() + " is inside the target " + target.written()
                    + " (a mirror would delete the source's own folder)");
        }
        for (Conduit other : existing) {
            Option<String> clash = clash(source, target, other);
            if (clash.isDefined()) {
                return clash;
            }
        }
        return Option.none();
    }

    private static Option<String> clash(Place source, Place target, Conduit other) {
        String name = other.describe();
        Place otherSource = Place.of(other.source());
        Place otherTarget = Place.of(other.target());
        boolean sameWay = otherSource.overlaps(source) && otherTarget.overlaps(target);
        boolean otherWay = otherSource.overlaps(target) && otherTarget.overlaps(source);
        if (sameWay || otherWay) {
            return Option.some(name + " already syncs " + otherSource.written() + " and " + otherTarget.written()
                    + " (edit it, or remove it first)");
        }
        if (target.overlaps(otherTarget)) {
            return Option.some("the target " + target.written() + " overlaps the target of " + name + " ("
                    + otherTarget.written() + "); two conduits writing one folder would undo each other");
        }
        return Option.none();
    }
}
