package dev.conduit.application.service;

import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.ManageConduits;
import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.Folders;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitName;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.RemoteAddress;
import dev.conduit.domain.conduit.Roots;
import dev.conduit.domain.conduit.SettingsChange;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;

/** Makes, changes and drops conduits; checks every refusal before anything is created. */
public final class ManageConduitsService implements ManageConduits {

    private final ConduitRepository conduits;
    private final FileTree tree;
    private final Folders folders;
    private final Clock clock;
    private final Baselines baselines;
    private final SyncLocks locks;
    private final RootGuard roots;
    private final IndexLocation indexer;

    public ManageConduitsService(
            ConduitRepository conduits,
            FileTree tree,
            Folders folders,
            Baselines baselines,
            LocationRepository locations,
            IndexStore store,
            IndexLocation indexer,
            SyncLocks locks,
            Clock clock) {
        this.roots = new RootGuard(conduits, locations, store, endpoint -> tree);
        this.indexer = indexer;
        this.conduits = conduits;
        this.locks = locks;
        this.tree = tree;
        this.folders = folders;
        this.clock = clock;
        this.baselines = baselines;
    }

    @Override
    public Either<Failure, Conduit> add(Path source, Path target, Option<String> name, SettingsChange change) {
        Either<Failure, ConduitSettings> settings =
                change.applyTo(ConduitSettings.DEFAULTS).toEither().mapLeft(Failure::invalid);
        if (settings.isLeft()) {
            return Either.left(settings.getLeft());
        }
        Either<Failure, Option<ConduitName>> chosen = name.isEmpty()
                ? Either.right(Option.none())
                : freeName(name.get(), Option.none()).map(Option::some);
        return chosen.flatMap(given -> endpoints(source, target, conduits.all())
                .flatMap(pair -> conduits.add(
                                given.getOrElse(() -> suggestedName(pair[0])),
                                pair[0],
                                pair[1],
                                settings.get(),
                                clock.instant())
                        .toEither(() -> Failure.refused("another process added a conduit "
                                + "with that name or for that pair just now; see conduit list"))));
    }

    @Override
    public Option<Conduit> findPair(Path source, Path target) {
        String sourceRoot = folders.canonical(source.toAbsolutePath().normalize());
        String targetRoot = folders.canonical(target.toAbsolutePath().normalize());
        return conduits.all()
                .find(c -> c.source().root().equals(sourceRoot)
                        && c.target().root().equals(targetRoot));
    }

    @Override
    public Either<Failure, Conduit> findOrAdd(Path source, Path target, SettingsChange change) {
        Option<Conduit> existing = findPair(source, target);
        if (existing.isEmpty()) {
            Either<Failure, Conduit> added = add(source, target, Option.none(), change);
            Option<Conduit> raced = added.isLeft() ? findPair(source, target) : Option.none();
            return raced.isDefined() && change.isEmpty() ? Either.right(raced.get()) : added; // added elsewhere
        }
        return change.isEmpty()
                ? Either.right(existing.get())
                : edit(existing.get().id().toString(), Option.none(), change);
    }

    @Override
    public Either<Failure, Conduit> edit(String ref, Option<String> newName, SettingsChange change) {
        return ConduitRefs.find(conduits, ref).flatMap(conduit -> {
            Either<Failure, ConduitSettings> settings =
                    change.applyTo(conduit.settings()).toEither().mapLeft(Failure::invalid);
            Either<Failure, ConduitName> name =
                    newName.isEmpty() ? Either.right(conduit.name()) : freeName(newName.get(), Option.some(conduit));
            return settings.flatMap(s -> name.map(n -> {
                Conduit changed = conduit.withSettings(s).withName(n);
                conduits.update(changed);
                if (s.mode() != conduit.settings().mode()) {
                    baselines.forget(conduit.id()); // settled under the other mode: not to be trusted
                }
                return changed;
            }));
        });
    }

    /**
     * Refused while the conduit syncs (in any process): the sync holds its lock, and removing the conduit under it
     * would leave the sync writing records of a conduit that is gone. Holding the lock meanwhile keeps a sync from
     * starting.
     */
    @Override
    public Either<Failure, Conduit> remove(String ref) {
        return ConduitRefs.find(conduits, ref).flatMap(conduit -> {
            Option<SyncLocks.Held> lock = locks.tryLock(conduit.id());
            if (lock.isEmpty()) {
                return Either.left(Failure.busy(conduit.describe() + " is syncing and was not"
                        + " removed (wait for the sync to end, or pause it: conduit pause " + conduit.id()
                        + ")"));
            }
            try (SyncLocks.Held held = lock.get()) {
                conduits.remove(conduit.id());
                return Either.right(conduit);
            }
        });
    }

    @Override
    public Either<Failure, Conduit> setEnabled(String ref, boolean enabled) {
        return ConduitRefs.find(conduits, ref).map(conduit -> {
            Conduit changed = conduit.withEnabled(enabled);
            conduits.update(changed);
            return changed;
        });
    }

    @Override
    public Either<Failure, Resumed> resume(String ref) {
        return ConduitRefs.find(conduits, ref)
                .flatMap(conduit -> identify(conduit.source().root(), "source")
                        .flatMap(source -> identify(conduit.target().root(), "target")
                                .map(target -> {
                                    Conduit resumed = conduit.resumed().withEndpoints(source, target);
                                    conduits.update(resumed);
                                    return new Resumed(resumed, roots.acceptEmptied(resumed, indexer));
                                })));
    }

    @Override
    public Either<Failure, Conduit> find(String ref) {
        return ConduitRefs.find(conduits, ref);
    }

    @Override
    public Seq<Conduit> list() {
        return conduits.all();
    }

    /** Both endpoints, checked against each other and against {@code others}; the target made if missing. */
    private Either<Failure, Endpoint[]> endpoints(Path sourcePath, Path targetPath, Seq<Conduit> others) {
        Option<String> remote = RemoteAddress.unsupported("source", sourcePath.toString())
                .orElse(() -> RemoteAddress.unsupported("target", targetPath.toString()));
        if (remote.isDefined()) {
            return Either.left(Failure.refused(remote.get()));
        }
        Path source = sourcePath.toAbsolutePath().normalize();
        Path target = targetPath.toAbsolutePath().normalize();
        Either<FileTree.RootProblem, FileTree.Root> sourceRoot = tree.identify(source);
        if (sourceRoot.isLeft()) {
            return Either.left(Failure.refused("the source " + source + " " + describe(sourceRoot.getLeft())));
        }
        String canonicalSource = sourceRoot.get().canonical().toString();
        String canonicalTarget = folders.canonical(target);
        Option<String> problem = Roots.problemWith(canonicalSource, canonicalTarget, others);
        if (problem.isDefined()) {
            return Either.left(Failure.refused(problem.get()));
        }
        Either<FileTree.RootProblem, FileTree.Root> targetRoot = tree.identify(target);
        if (targetRoot.isLeft() && targetRoot.getLeft().kind() == FileTree.RootProblem.Kind.MISSING) {
            Either<dev.conduit.application.port.in.EntryFailure, Void> made = folders.create(target);
            if (made.isLeft()) {
                return Either.left(Failure.refused("cannot create the target " + target + ": "
                        + made.getLeft().reason()));
            }
            targetRoot = tree.identify(target);
        }
        if (targetRoot.isLeft()) {
            return Either.left(Failure.refused("the target " + target + " " + describe(targetRoot.getLeft())));
        }
        return Either.right(new Endpoint[] {
            new Endpoint(canonicalSource, sourceRoot.get().identity()),
            new Endpoint(
                    targetRoot.get().canonical().toString(), targetRoot.get().identity())
        });
    }

    private Either<Failure, Endpoint> identify(String root, String side) {
        return tree.identify(Path.of(root))
                .mapLeft(problem -> Failure.refused("the " + side + " " + root + " " + describe(problem)))
                .map(found -> new Endpoint(root, found.identity()));
    }

    private static String describe(FileTree.RootProblem problem) {
        return switch (problem.kind()) {
            case MISSING -> "does not exist (check the path, or mount its disk)";
            case NOT_A_DIRECTORY -> "is not a directory";
            case UNREADABLE -> "cannot be read: " + problem.reason();
        };
    }

    private Either<Failure, ConduitName> freeName(String raw, Option<Conduit> self) {
        Either<dev.conduit.domain.parse.Invalid, ConduitName> parsed = ConduitName.parse(raw);
        if (parsed.isLeft()) {
            return Either.left(Failure.invalid(io.vavr.collection.List.of(parsed.getLeft())));
        }
        Option<Conduit> holder = conduits.findByName(parsed.get());
        if (holder.isDefined() && !holder.map(Conduit::id).equals(self.map(Conduit::id))) {
            return Either.left(Failure.refused("the name '" + raw + "' is taken by conduit "
                    + holder.get().id() + " (choose another with --name)"));
        }
        return Either.right(parsed.get());
    }

    /** The source folder's name, made unique with a number when it is taken. */
    private ConduitName suggestedName(Endpoint source) {
        Path folder = Path.of(source.root()).getFileName();
        String base = folder == null ? "root" : folder.toString();
        ConduitName name = ConduitName.suggestedFor(base, "conduit");
        for (int n = 2; conduits.findByName(name).isDefined(); n++) {
            name = ConduitName.suggestedFor(trimmed(base, n) + "-" + n, "conduit-" + n);
        }
        return name;
    }

    private static String trimmed(String base, int n) {
        int room = ConduitName.MAX_LENGTH - 1 - Integer.toString(n).length();
        return base.length() > room ? base.substring(0, room) : base;
    }
}
