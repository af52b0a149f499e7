package dev.conduit.application.service;

import dev.conduit.application.port.in.EndpointAddress;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.IndexListener;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.ManageConduits;
import dev.conduit.application.port.out.Baselines;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.Endpoints;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.Folders;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.application.port.out.SyncEndpoint;
import dev.conduit.application.port.out.SyncLocks;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitName;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.conduit.Endpoint;
import dev.conduit.domain.conduit.RemoteAccess;
import dev.conduit.domain.conduit.RemoteAddress;
import dev.conduit.domain.conduit.Roots;
import dev.conduit.domain.conduit.SettingsChange;
import dev.conduit.domain.conduit.Side;
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
    private final IndexLocation indexer;
    private final Endpoints endpoints;
    private final LocationRepository locations;
    private final IndexStore store;
    private final Option<ScansBegun> scans;

    /** The identity of a remote root before its agent said which directory it is. */
    private static final dev.conduit.domain.index.RootIdentity UNKNOWN =
            new dev.conduit.domain.index.RootIdentity("", "");

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
        this(conduits, tree, folders, baselines, locations, store, indexer, locks, clock, Option.none(), Option.none());
    }

    /**
     * @param endpoints the endpoints' ports: remote roots are identified through them (none: only local ones)
     * @param scans where a new mirror's local source is scanned while its remote target is connected to and
     *     identified, for the sync that follows to take (none: it is scanned by the first sync)
     */
    public ManageConduitsService(
            ConduitRepository conduits,
            FileTree tree,
            Folders folders,
            Baselines baselines,
            LocationRepository locations,
            IndexStore store,
            IndexLocation indexer,
            SyncLocks locks,
            Clock clock,
            Option<Endpoints> endpoints,
            Option<ScansBegun> scans) {
        this.scans = scans;
        this.endpoints = endpoints.getOrElse(() -> new LookOnly(tree, indexer));
        this.locations = locations;
        this.store = store;
        this.indexer = indexer;
        this.conduits = conduits;
        this.locks = locks;
        this.tree = tree;
        this.folders = folders;
        this.clock = clock;
        this.baselines = baselines;
    }

    @Override
    public Either<Failure, Conduit> add(
            EndpointAddress source, EndpointAddress target, Option<String> name, SettingsChange change) {
        return add(source, target, name, change, false);
    }

    /**
     * @param syncNext whether the conduit is synced right after (the two-path {@code sync}): a new mirror's local
     *     source to another host is then scanned while that host is connected to ({@link ScanAhead})
     */
    private Either<Failure, Conduit> add(
            EndpointAddress source,
            EndpointAddress target,
            Option<String> name,
            SettingsChange change,
            boolean syncNext) {
        Either<Failure, ConduitSettings> settings =
                change.applyTo(ConduitSettings.DEFAULTS).toEither().mapLeft(Failure::invalid);
        if (settings.isLeft()) {
            return Either.left(settings.getLeft());
        }
        Either<Failure, Option<ConduitName>> chosen = name.isEmpty()
                ? Either.right(Option.none())
                : freeName(name.get(), Option.none()).map(Option::some);
        ScanAhead ahead = new ScanAhead(syncNext);
        Either<Failure, Conduit> added;
        try {
            added = chosen.flatMap(given -> pair(source, target, settings.get(), conduits.all(), ahead)
                    .flatMap(pair -> conduits.add(
                                    given.getOrElse(() -> suggestedName(pair.source())),
                                    pair.source(),
                                    pair.target(),
                                    settings.get(),
                                    clock.instant())
                            .toEither(() -> Failure.refused("another process added a conduit "
                                    + "with that name or for that pair just now; see conduit list"))));
        } catch (RuntimeException broken) {
            ahead.stop();
            throw broken;
        }
        if (added.isLeft()) {
            ahead.stop(); // no sync follows: the scan is not left running while the command ends
        } else {
            ahead.handTo(added.get()); // for this conduit's first sync only (ADR 0068)
        }
        return added;
    }

    /**
     * The scan of a new mirror's local source begun while its remote target is connected to and identified, when the
     * conduit is synced right after: that conduit's first sync takes it as its scan of the source ({@link ScansBegun},
     * ADR 0068). Nothing is decided from it before; stopped when no conduit is made.
     */
    private final class ScanAhead {
        private final boolean wanted;
        private ScansBegun.Begun begun;

        ScanAhead(boolean wanted) {
            this.wanted = wanted;
        }

        void start(ConduitSettings settings, Endpoint local, Endpoint remote) {
            if (!wanted || scans.isEmpty() || settings.mode() != dev.conduit.domain.conduit.SyncMode.MIRROR) {
                return;
            }
            begun = scans.get()
                    .begin(indexer, IndexRefresh.command(settings, local, remote, Side.SOURCE, IndexListener.NONE));
        }

        /**
         * The scan the first sync will ask of the remote root, said at the connect when a sync follows: its agent may
         * begin it as soon as it may (ADR 0055), and a target it makes at once (ADR 0075).
         */
        io.vavr.collection.Seq<PeerIndex.ScanAhead> ofRemote(
                ConduitSettings settings, Endpoint remote, Endpoint local, Side remoteSide) {
            return wanted
                    ? io.vavr.collection.List.of(PeerIndex.ScanAhead.of(PeerIndexExchange.scan(
                            IndexRefresh.command(settings, remote, local, remoteSide, IndexListener.NONE))))
                    : io.vavr.collection.List.empty();
        }

        /** Interrupts the scan (it stops at its next folder) and waits a moment for its thread to end. */
        void stop() {
            if (begun != null) {
                begun.stop();
            }
        }

        void handTo(Conduit conduit) {
            if (begun != null) {
                begun.handTo(conduit.id());
            }
        }
    }

    @Override
    public Option<Conduit> findPair(EndpointAddress source, EndpointAddress target) {
        Roots.Place sourcePlace = place(source);
        Roots.Place targetPlace = place(target);
        return conduits.all()
                .find(c -> Roots.Place.of(c.source()).equals(sourcePlace)
                        && Roots.Place.of(c.target()).equals(targetPlace));
    }

    /** Where an address points, as the library would record it (a remote path as written, made normal). */
    private Roots.Place place(EndpointAddress address) {
        return address.fold(
                local -> Roots.Place.local(
                        folders.canonical(local.path().toAbsolutePath().normalize())),
                remote -> new Roots.Place(
                        Option.some(remote.address().host()),
                        normal(remote.address().path())));
    }

    private static String normal(String remotePath) {
        String normal = Path.of(remotePath).normalize().toString();
        return normal.isEmpty() ? "/" : normal;
    }

    @Override
    public Either<Failure, Conduit> findOrAdd(EndpointAddress source, EndpointAddress target, SettingsChange change) {
        Option<Conduit> existing = findPair(source, target);
        if (existing.isEmpty()) {
            Either<Failure, Conduit> added = add(source, target, Option.none(), change, true);
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
                .flatMap(conduit -> endpoints
                        .connect(
                                io.vavr.collection.List.of(conduit.source(), conduit.target()),
                                conduit.settings().remote())
                        .flatMap(connected -> {
                            try (Endpoints.Connected held = connected) {
                                return resume(conduit, held);
                            }
                        }));
    }

    private Either<Failure, Resumed> resume(Conduit conduit, Endpoints.Connected connected) {
        RootGuard guard = new RootGuard(
                conduits, locations, store, endpoint -> connected.at(endpoint).files());
        return identify(connected, conduit.source(), "source")
                .flatMap(source -> identify(connected, conduit.target(), "target")
                        .map(target -> {
                            Conduit resumed = conduit.resumed().withEndpoints(source, target);
                            conduits.update(resumed);
                            return new Resumed(
                                    resumed,
                                    guard.acceptEmptied(
                                            resumed,
                                            endpoint -> command ->
                                                    connected.at(endpoint).index(command)));
                        }));
    }

    @Override
    public Either<Failure, Conduit> find(String ref) {
        return ConduitRefs.find(conduits, ref);
    }

    @Override
    public Seq<Conduit> list() {
        return conduits.all();
    }

    /** Both endpoints of a new conduit: one at most on another host. */
    private Either<Failure, Pair> pair(
            EndpointAddress source,
            EndpointAddress target,
            ConduitSettings settings,
            Seq<Conduit> others,
            ScanAhead ahead) {
        Option<EndpointAddress.Remote> sourceRemote = source.fold(local -> Option.none(), Option::some);
        Option<EndpointAddress.Remote> targetRemote = target.fold(local -> Option.none(), Option::some);
        Option<Path> sourceLocal = source.fold(local -> Option.some(local.path()), remote -> Option.none());
        Option<Path> targetLocal = target.fold(local -> Option.some(local.path()), remote -> Option.none());
        if (sourceLocal.isDefined() && targetLocal.isDefined()) {
            return endpoints(sourceLocal.get(), targetLocal.get(), others);
        }
        if (sourceRemote.isDefined() && targetRemote.isDefined()) {
            return Either.left(Failure.usage(io.vavr.collection.List.of(
                    "both " + sourceRemote.get().address().written() + " and "
                            + targetRemote.get().address().written()
                            + " are on other hosts: one endpoint must be a folder of this machine (run conduit on one"
                            + " of the hosts)")));
        }
        return new RemotePair(settings, others, ahead)
                .make(
                        sourceRemote.isDefined() ? Side.SOURCE : Side.TARGET,
                        sourceRemote.orElse(targetRemote).get().address(),
                        sourceLocal.orElse(targetLocal).get());
    }

    /** A new conduit's endpoints. */
    private record Pair(Endpoint source, Endpoint target) {}

    /** Both endpoints, checked against each other and against {@code others}; the target made if missing. */
    private Either<Failure, Pair> endpoints(Path sourcePath, Path targetPath, Seq<Conduit> others) {
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
        return Either.right(new Pair(
                new Endpoint(canonicalSource, sourceRoot.get().identity()),
                new Endpoint(
                        targetRoot.get().canonical().toString(),
                        targetRoot.get().identity())));
    }

    /** A local folder, identified; made first when it is a missing target. */
    private Either<Failure, Endpoint> local(Path given, Side side) {
        Path path = given.toAbsolutePath().normalize();
        String name = side == Side.SOURCE ? "source" : "target";
        Either<FileTree.RootProblem, FileTree.Root> found = tree.identify(path);
        if (side == Side.TARGET && found.isLeft() && found.getLeft().kind() == FileTree.RootProblem.Kind.MISSING) {
            Either<dev.conduit.application.port.in.EntryFailure, Void> made = folders.create(path);
            if (made.isLeft()) {
                return Either.left(Failure.refused("cannot create the target " + path + ": "
                        + made.getLeft().reason()));
            }
            found = tree.identify(path);
        }
        return found.mapLeft(problem -> Failure.refused("the " + name + " " + path + " " + describe(problem)))
                .map(root -> new Endpoint(root.canonical().toString(), root.identity()));
    }

    /**
     * A new conduit with one endpoint on another host: its root must be absolute and exist there, and is identified
     * through its agent (connected for this command only); the local one is checked and made as for any conduit.
     */
    private final class RemotePair {
        private final ConduitSettings settings;
        private final RemoteAccess access;
        private final Seq<Conduit> others;
        private final ScanAhead ahead;

        RemotePair(ConduitSettings settings, Seq<Conduit> others, ScanAhead ahead) {
            this.settings = settings;
            this.access = settings.remote();
            this.others = others;
            this.ahead = ahead;
        }

        Either<Failure, Pair> make(Side remoteSide, RemoteAddress remote, Path localPath) {
            String name = remoteSide == Side.SOURCE ? "source" : "target";
            if (!remote.path().startsWith("/")) {
                return Either.left(Failure.usage(io.vavr.collection.List.of(
                        "the " + name + " " + remote.written() + " is not an absolute path: write "
                                + RemoteAddress.written(remote.host(), "/PATH") + " (the folder's full path on "
                                + remote.host().host() + ")")));
            }
            Roots.Place place = new Roots.Place(Option.some(remote.host()), normal(remote.path()));
            Roots.Place localPlace = Roots.Place.local(
                    folders.canonical(localPath.toAbsolutePath().normalize()));
            Option<String> problem = remoteSide == Side.SOURCE
                    ? Roots.problemWith(place, localPlace, others)
                    : Roots.problemWith(localPlace, place, others);
            if (problem.isDefined()) {
                return Either.left(Failure.refused(problem.get()));
            }
            Endpoint provisional = new Endpoint(place.root(), UNKNOWN, place.host());
            Endpoint provisionalHere = new Endpoint(localPlace.root(), UNKNOWN);
            if (remoteSide == Side.TARGET) {
                ahead.start(settings, provisionalHere, provisional);
            }
            return endpoints
                    .connect(
                            io.vavr.collection.List.of(provisional),
                            access,
                            ahead.ofRemote(settings, provisional, provisionalHere, remoteSide))
                    .flatMap(connected -> {
                        try (Endpoints.Connected held = connected) {
                            return identified(held, provisional, name)
                                    .flatMap(remoteEndpoint -> local(localPath, remoteSide.other())
                                            .map(localEndpoint -> remoteSide == Side.SOURCE
                                                    ? new Pair(remoteEndpoint, localEndpoint)
                                                    : new Pair(localEndpoint, remoteEndpoint)));
                        }
                    });
        }

        /** The remote root identified; a missing target is made first (a missing source is refused). */
        private Either<Failure, Endpoint> identified(Endpoints.Connected connected, Endpoint provisional, String name) {
            SyncEndpoint remote = connected.at(provisional);
            Path root = Path.of(provisional.root());
            Either<FileTree.RootProblem, FileTree.Root> found;
            if (name.equals("target")) { // made if missing and identified, in one exchange (ADR 0073)
                Either<EntryFailure, Either<FileTree.RootProblem, FileTree.Root>> made = remote.makeRoot(root);
                if (made.isLeft()) {
                    return Either.left(Failure.refused("cannot create the target " + provisional.written() + ": "
                            + made.getLeft().reason()));
                }
                found = made.get();
            } else {
                found = remote.files().identify(root);
            }
            return found.mapLeft(problem ->
                            Failure.refused("the " + name + " " + provisional.written() + " " + describe(problem)))
                    .map(at -> new Endpoint(at.canonical().toString(), at.identity(), provisional.host()));
        }
    }

    private Either<Failure, Endpoint> identify(Endpoints.Connected connected, Endpoint endpoint, String side) {
        return connected
                .at(endpoint)
                .files()
                .identify(Path.of(endpoint.root()))
                .mapLeft(problem -> Failure.refused("the " + side + " " + endpoint.written() + " " + describe(problem)))
                .map(found -> endpoint.withIdentity(found.identity()));
    }

    private static String describe(FileTree.RootProblem problem) {
        return switch (problem.kind()) {
            case MISSING -> "does not exist (check the path, or mount its disk)";
            case NOT_A_DIRECTORY -> "is not a directory";
            case UNREADABLE -> "cannot be read: " + problem.reason();
            case CONNECTION_LOST ->
                "could not be looked at: " + problem.reason() + " (try again once it can be reached)";
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

    /**
     * Endpoints on this machine only, for looking at roots and indexing them: a remote one cannot be connected (no
     * agent can be started in this setup).
     */
    private record LookOnly(FileTree files, IndexLocation indexer) implements Endpoints {

        @Override
        public dev.conduit.application.port.out.SyncEndpoint at(Endpoint endpoint) {
            return new dev.conduit.application.port.out.SyncEndpoint() {
                @Override
                public Either<dev.conduit.application.port.in.IndexFailure, dev.conduit.application.port.in.IndexReport>
                        index(IndexLocation.Command command) {
                    return indexer.index(command);
                }

                @Override
                public FileTree files() {
                    return files;
                }

                @Override
                public dev.conduit.application.port.out.CopyJob copies() {
                    throw new UnsupportedOperationException("only looks at roots");
                }

                @Override
                public dev.conduit.application.port.out.DeleteJob deletes() {
                    throw new UnsupportedOperationException("only looks at roots");
                }

                @Override
                public dev.conduit.application.port.out.TrashBins trash() {
                    throw new UnsupportedOperationException("only looks at roots");
                }
            };
        }

        @Override
        public Either<Failure, Connected> connect(Seq<Endpoint> endpoints, RemoteAccess access) {
            if (endpoints.exists(Endpoint::isRemote)) {
                return Either.left(Failure.refused("remote endpoints cannot be reached from here"));
            }
            return Endpoints.super.connect(endpoints, access);
        }
    }
}
