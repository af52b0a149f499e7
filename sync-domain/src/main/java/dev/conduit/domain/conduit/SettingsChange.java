package dev.conduit.domain.conduit;

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
 */
public record SettingsChange(
        Option<String> mode,
        Option<String> schedule,
        Option<String> conflict,
        Option<String> delete,
        Option<Seq<String>> ignorePatterns,
        Option<Boolean> readIgnoreFiles,
        Option<Integer> parallel,
        Option<String> bandwidth) {

    public static final SettingsChange NONE = new SettingsChange(
            Option.none(),
            Option.none(),
            Option.none(),
            Option.none(),
            Option.none(),
            Option.none(),
            Option.none(),
            Option.none());

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The settings with every given value in place of the current one, or every problem found. */
    public Validation<Seq<String>, ConduitSettings> applyTo(ConduitSettings current) {
        Validation<String, SyncMode> newMode = parse(mode, SyncMode::parse, current.mode());
        Validation<String, Schedule> newSchedule = parse(schedule, Schedule::parse, current.schedule());
        Validation<String, ConflictPolicy> newConflict = parse(conflict, ConflictPolicy::parse, current.conflict());
        Validation<String, DeletePolicy> newDelete = parse(delete, DeletePolicy::parse, current.delete());
        Validation<String, Seq<String>> newPatterns = ignorePatterns.fold(
                () -> Validation.valid(current.ignorePatterns()),
                patterns -> patterns.map(ConduitSettings::patternProblem)
                        .find(problem -> problem != null)
                        .fold(() -> Validation.valid(List.ofAll(patterns)), Validation::invalid));
        Validation<String, Integer> newParallel = parallel.fold(
                () -> Validation.valid(current.parallel()),
                n -> n >= 1 && n <= ConduitSettings.MAX_PARALLEL
                        ? Validation.valid(n)
                        : Validation.invalid(ConduitSettings.parallelProblem(n)));
        Validation<String, BandwidthLimit> newBandwidth = parse(bandwidth, BandwidthLimit::parse, current.bandwidth());
        boolean newReadIgnoreFiles = readIgnoreFiles.getOrElse(current.readIgnoreFiles());
        return Validation.combine(newMode, newSchedule, newConflict, newDelete, newPatterns, newParallel, newBandwidth)
                .ap((m, s, c, d, patterns, n, b) ->
                        new ConduitSettings(m, s, c, d, patterns, newReadIgnoreFiles, n, b));
    }

    private static <T> Validation<String, T> parse(
            Option<String> given, java.util.function.Function<String, Either<String, T>> parser, T current) {
        return given.fold(() -> Validation.valid(current), raw -> Validation.fromEither(parser.apply(raw)));
    }
}
