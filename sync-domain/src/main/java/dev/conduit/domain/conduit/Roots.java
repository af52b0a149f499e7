package dev.conduit.domain.conduit;

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
     * Why {@code source} and {@code target} (absolute canonical paths) cannot be a new conduit beside
     * {@code existing}; none when they can.
     */
    public static Option<String> problemWith(String source, String target, Seq<Conduit> existing) {
        if (source.equals(target)) {
            return Option.some("source and target are the same directory: " + source);
        }
        if (isWithin(target, source)) {
            return Option.some("the target " + target + " is inside the source " + source
                    + " (a sync would copy the target into itself)");
        }
        if (isWithin(source, target)) {
            return Option.some("the source " + source + " is inside the target " + target
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

    private static Option<String> clash(String source, String target, Conduit other) {
        String name = other.describe();
        boolean sameWay =
                overlap(other.source().root(), source) && overlap(other.target().root(), target);
        boolean otherWay =
                overlap(other.source().root(), target) && overlap(other.target().root(), source);
        if (sameWay || otherWay) {
            return Option.some(name + " already syncs " + other.source().root() + " and "
                    + other.target().root() + " (edit it, or remove it first)");
        }
        if (overlap(target, other.target().root())) {
            return Option.some("the target " + target + " overlaps the target of " + name + " ("
                    + other.target().root() + "); two conduits writing one folder would undo each other");
        }
        return Option.none();
    }

    /** Two roots that are the same, or one inside the other, hold the same files. */
    private static boolean overlap(String a, String b) {
        return isWithin(a, b) || isWithin(b, a);
    }
}
