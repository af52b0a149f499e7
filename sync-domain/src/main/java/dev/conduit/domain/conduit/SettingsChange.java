package dev.conduit.domain.conduit;

import dev.conduit.domain.parse.Invalid;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;

/**
 * Settings as a person typed them, each one given or not: parsed and checked together, so that every mistake is
 * reported at once, and applied over existing settings (the defaults for {@code add}, the conduit's own for
 * {@code edit}).
 *
 * @param ignorePatterns none to keep the current patterns; some (possibly empty) to replace them
 * @param ssh            {@code --ssh}: some empty string to go back to {@code $CONDUIT_SSH} or {@code ssh}
 * @param remoteConduit  {@code --remote-conduit}
 */
public record SettingsChange(
        Option<String> mode,
        Option<String> schedule,
        Option<String> conflict,
        Option<String> delete,
        Option<Seq<String>> ignorePatterns,
        Option<Boolean> readIgnoreFiles,
        Option<Integer> parallel,
        Option<String> bandwidth,
        Option<String> ssh,
        Option<String> remoteConduit) {

    public static final SettingsChange NONE = new SettingsChange(
            Option.none(),
            Option.none(),
            Option.none(),
            Option.none(),
            Option.none(),
            Option.none(),
            Option.none(),
            Option.none());

    /** A change of the settings other than how remote endpoints are reached. */
    public SettingsChange(
            Option<String> mode,
            Option<String> schedule,
            Option<String> conflict,
            Option<String> delete,
            Option<Seq<String>> ignorePatterns,
            Option<Boolean> readIgnoreFiles,
            Option<Integer> parallel,
            Option<String> bandwidth) {
        this(
                mode,
                schedule,
                conflict,
                delete,
                ignorePatterns,
                readIgnoreFiles,
                parallel,
                bandwidth,
                Option.none(),
                Option.none());
    }

    /** Whether it changes how remote endpoints are reached. */
    public boolean changesRemoteAccess() {
        return ssh.isDefined() || remoteConduit.isDefined();
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The settings with every given value in place of the current one, or every problem found. */
    public Validation<Seq<Invalid>, ConduitSettings> applyTo(ConduitSettings current) {
        Validation<Invalid, SyncMode> newMode = parse(mode, SyncMode::parse, current.mode());
        Validation<Invalid, Schedule> newSchedule = parse(schedule, Schedule::parse, current.schedule());
        Validation<Invalid, ConflictPolicy> newConflict = parse(conflict, ConflictPolicy::parse, current.conflict());
        Validation<Invalid, DeletePolicy> newDelete = parse(delete, DeletePolicy::parse, current.delete());
        Validation<Invalid, Seq<String>> newPatterns = ignorePatterns.fold(
                () -> Validation.valid(current.ignorePatterns()),
                patterns -> patterns.flatMap(SettingsChange::patternProblem)
                        .headOption()
                        .fold(() -> Validation.valid(List.ofAll(patterns)), Validation::invalid));
        Validation<Invalid, Integer> newParallel = parallel.fold(
                () -> Validation.valid(current.parallel()),
                n -> n >= 1 && n <= ConduitSettings.MAX_PARALLEL
                        ? Validation.valid(n)
                        : Validation.invalid(
                                new Invalid("parallel", String.valueOf(n), ConduitSettings.parallelProblem(n))));
        Validation<Invalid, BandwidthLimit> newBandwidth = parse(bandwidth, BandwidthLimit::parse, current.bandwidth());
        boolean newReadIgnoreFiles = readIgnoreFiles.getOrElse(current.readIgnoreFiles());
        Validation<Invalid, RemoteAccess> newRemote = remoteAccess(current.remote());
        return Validation.combine(
                        newMode, newSchedule, newConflict, newDelete, newPatterns, newParallel, newBandwidth, newRemote)
                .ap((m, s, c, d, patterns, n, b, r) ->
                        new ConduitSettings(m, s, c, d, patterns, newReadIgnoreFiles, n, b, r));
    }

    private Validation<Invalid, RemoteAccess> remoteAccess(RemoteAccess current) {
        Validation<Invalid, Option<String>> newSsh = parse(ssh, RemoteAccess::parseSsh, current.ssh());
        Validation<Invalid, String> newRemoteConduit =
                parse(remoteConduit, RemoteAccess::parseRemoteConduit, current.remoteConduit());
        return Validation.combine(newSsh, newRemoteConduit)
                .ap(RemoteAccess::new)
                .mapError(Seq::head);
    }

    private static Option<Invalid> patternProblem(String pattern) {
        return Option.of(ConduitSettings.patternProblem(pattern))
                .map(problem -> new Invalid("ignore pattern", pattern, problem));
    }

    private static <T> Validation<Invalid, T> parse(
            Option<String> given, java.util.function.Function<String, Either<Invalid, T>> parser, T current) {
        return given.fold(() -> Validation.valid(current), raw -> Validation.fromEither(parser.apply(raw)));
    }
}
