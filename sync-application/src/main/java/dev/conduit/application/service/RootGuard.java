package dev.conduit.application.service;

import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.IndexListener;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.index.ReservedNames;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The check before a sync touches anything (ADR 0011): each root must be there, be the directory the conduit was made
 * with, and not be suddenly empty while its index knew entries below it. Runs before the index is refreshed, so that
 * the evidence is still in the index.
 */
final class RootGuard {

    private final ConduitRepository conduits;
    private final LocationRepository locations;
    private final IndexStore store;
    private final Function<Endpoint, FileTree> trees;

    /** @param trees the files of each endpoint: a sync looks at its roots through the endpoints' ports */
    RootGuard(
            ConduitRepository conduits,
            LocationRepository locations,
            IndexStore store,
            Function<Endpoint, FileTree> trees) {
        this.conduits = conduits;
        this.locations = locations;
        this.store = store;
        this.trees = trees;
    }

    /**
     * The pipeline's first step: the conduit as it now syncs ({@link #accepted}), or, when a root must not be synced,
     * the conduit paused with the reason and the failure that says it.
     */
    Either<Failure, Conduit> check(Conduit conduit, boolean force) {
        Looks looks = new Looks(force);
        Option<Problem> problem = problemOf(conduit, looks);
        if (problem.exists(Problem::pauses)) {
            conduits.update(conduit.paused(problem.get().message()));
        }
        return problem.isDefined() ? Either.left(problem.get().failure()) : Either.right(accepted(conduit, looks));
    }

    /** The same look before a plan, which changes nothing: the conduit, or why its roots must not be synced now. */
    Either<Failure, Conduit> look(Conduit conduit) {
        return problemOf(conduit, new Looks(false))
                .fold(() -> Either.right(conduit), problem -> Either.left(problem.failure()));
    }

    /**
     * Why the conduit's roots on this machine must not be synced now, if they must not (missing, replaced, or suddenly
     * empty): what a live index checks before it applies events. A root on another host is not watched here; the sync
     * that connects to its host looks at it.
     */
    Option<String> problemHere(Conduit conduit) {
        Looks looks = new Looks(false);
        return here(conduit.source(), "source", looks)
                .orElse(() -> here(conduit.target(), "target", looks))
                .map(Problem::message);
    }

    private Option<Problem> here(Endpoint endpoint, String side, Looks looks) {
        return endpoint.isRemote() ? Option.none() : problemWith(endpoint, side, looks);
    }

    /**
     * Why a root must not be synced now: the conduit pauses for what is wrong with the root itself, not for a
     * connection to its host that was lost (nothing is wrong with the root; the next sync connects again).
     */
    private record Problem(String message, boolean pauses) {
        Failure failure() {
            return pauses ? Failure.paused(message) : Failure.refused(message);
        }
    }

    /**
     * Each root's look of one check, taken once (ADR 0057): its identity, and its top's entries unless forced (a forced
     * sync does not ask whether a root is suddenly empty). The identity the check accepts is the one it looked at, and
     * a root on another host is looked at in one round trip, not three.
     */
    private final class Looks {
        private final boolean force;
        private final java.util.Map<Endpoint, FileTree.RootLook> taken = new java.util.HashMap<>();

        Looks(boolean force) {
            this.force = force;
        }

        FileTree.RootLook of(Endpoint endpoint) {
            return taken.computeIfAbsent(endpoint, e -> trees.apply(e).look(Path.of(e.root()), !force));
        }
    }

    private Option<Problem> problemOf(Conduit conduit, Looks looks) {
        return problemWith(conduit.source(), "source", looks)
                .orElse(() -> problemWith(conduit.target(), "target", looks));
    }

    private Option<Problem> problemWith(Endpoint endpoint, String side, Looks looks) {
        boolean force = looks.force;
        FileTree.RootLook look = looks.of(endpoint);
        Either<FileTree.RootProblem, FileTree.Root> found = look.identified();
        if (found.isLeft()) {
            FileTree.RootProblem problem = found.getLeft();
            if (problem.kind() == FileTree.RootProblem.Kind.CONNECTION_LOST) {
                return Option.some(new Problem(
                        problem.reason() + " while the " + side + " " + endpoint.written()
                                + " was looked at; nothing was synced or deleted (sync again once the host can be"
                                + " reached)",
                        false));
            }
            String what = switch (problem.kind()) {
                case MISSING -> "is missing";
                case NOT_A_DIRECTORY -> "is not a directory";
                case UNREADABLE, CONNECTION_LOST -> "cannot be read (" + problem.reason() + ")";
            };
            return paused("the " + side + " " + endpoint.written() + " " + what
                    + "; nothing was synced or deleted (mount or restore it, then sync again)");
        }
        if (!force && !found.get().identity().equals(endpoint.identity())) {
            return paused(
                    "the " + side + " " + endpoint.written() + " is another directory than when the conduit was made"
                            + " (another disk mounted there?); nothing was synced or deleted (check it, then conduit resume,"
                            + " or sync --force)");
        }
        if (!force && isSuddenlyEmpty(endpoint, look.listing())) {
            return paused(
                    "the " + side + " " + endpoint.written() + " is empty but its index knew files there (an unmounted"
                            + " disk?); nothing was synced or deleted (check it, or sync --force if it was emptied on purpose)");
        }
        return Option.none();
    }

    private static Option<Problem> paused(String message) {
        return Option.some(new Problem(message, true));
    }

    /**
     * Takes each root that is suddenly empty as it is now, so that the guard lets the next sync through: the root is
     * scanned, and its index then says "empty" too. What the sync then plans is still held to the delete limit.
     *
     * @return the roots taken as they are, in words for the user
     */
    Seq<String> acceptEmptied(Conduit conduit, java.util.function.Function<Endpoint, IndexLocation> indexers) {
        return io.vavr.collection.List.of(conduit.source(), conduit.target())
                .filter(endpoint ->
                        trees.apply(endpoint).identify(Path.of(endpoint.root())).isRight()
                                && isSuddenlyEmpty(endpoint, Option.none()))
                .filter(endpoint -> indexers.apply(endpoint)
                        .index(new IndexLocation.Command(
                                Path.of(endpoint.root()),
                                conduit.settings().ignorePatterns(),
                                conduit.settings().readIgnoreFiles(),
                                IndexListener.NONE,
                                false))
                        .isRight())
                .map(endpoint -> (endpoint.equals(conduit.source()) ? "the source " : "the target ")
                        + endpoint.written() + " is taken as it is now: empty");
    }

    /** Empty on disk while its index holds entries below it; {@code looked}: its top's entries, when looked at. */
    private boolean isSuddenlyEmpty(
            Endpoint endpoint,
            Option<Either<dev.conduit.application.port.in.EntryFailure, Seq<FileTree.Listed>>> looked) {
        Path root = Path.of(endpoint.root());
        Either<dev.conduit.application.port.in.EntryFailure, Seq<FileTree.Listed>> listing =
                looked.getOrElse(() -> trees.apply(endpoint).list(root, RelativePath.ROOT));
        boolean empty = listing.isRight() && listing.get().forAll(listed -> ReservedNames.isReserved(listed.name()));
        if (!empty) {
            return false;
        }
        return endpointIndex(endpoint).exists(index -> {
            try (IndexStore.EntryCursor entries = index.ascending()) {
                return entries.hasNext();
            }
        });
    }

    /**
     * The conduit as it now syncs: resumed if it was paused, with the identity of roots accepted by force, as the
     * check's look found them.
     */
    private Conduit accepted(Conduit conduit, Looks looks) {
        Conduit current = conduit;
        Endpoint source = reidentified(conduit.source(), looks);
        Endpoint target = reidentified(conduit.target(), looks);
        if (conduit.isPaused() || !source.equals(conduit.source()) || !target.equals(conduit.target())) {
            current = conduit.resumed().withEndpoints(source, target);
            conduits.update(current);
        }
        return current;
    }

    private static Endpoint reidentified(Endpoint endpoint, Looks looks) {
        return looks.of(endpoint)
                .identified()
                .map(root -> endpoint.withIdentity(root.identity()))
                .getOrElse(endpoint);
    }

    /** The index of a root that is, or lies inside, an indexed location. */
    private Option<EndpointIndex> endpointIndex(Endpoint endpoint) {
        String root = endpoint.root();
        return locations
                .findEnclosing(endpoint)
                .map(location -> new EndpointIndex(
                        store,
                        location.id(),
                        RelativePath.parse(Path.of(location.root())
                                        .relativize(Path.of(root))
                                        .toString())
                                .getOrElse(RelativePath.ROOT),
                        location.traits()));
    }
}
