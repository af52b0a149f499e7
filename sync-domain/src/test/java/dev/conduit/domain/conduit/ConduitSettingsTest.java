package dev.conduit.domain.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.parse.Invalid;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConduitSettingsTest {

    private static SettingsChange change(
            String mode, String schedule, String conflict, String delete, Integer parallel, String bandwidth) {
        return new SettingsChange(
                Option.of(mode),
                Option.of(schedule),
                Option.of(conflict),
                Option.of(delete),
                Option.none(),
                Option.none(),
                Option.of(parallel),
                Option.of(bandwidth));
    }

    @Test
    void noChangeGivesTheDefaultsOfAdd() {
        ConduitSettings settings =
                SettingsChange.NONE.applyTo(ConduitSettings.DEFAULTS).get();
        assertThat(settings.mode()).isEqualTo(SyncMode.MIRROR);
        assertThat(settings.schedule()).isEqualTo(Schedule.MANUAL);
        assertThat(settings.conflict()).isEqualTo(ConflictPolicy.NEWEST_WINS);
        assertThat(settings.delete()).isEqualTo(DeletePolicy.TRASH);
        assertThat(settings.parallel()).isEqualTo(4);
        assertThat(settings.bandwidth().isLimited()).isFalse();
    }

    @Test
    void parsesEverySpellingOfTheSpec() {
        ConduitSettings settings = change("bidirectional", "interval:15m", "keep-both", "permanent", 8, "10M")
                .applyTo(ConduitSettings.DEFAULTS)
                .get();
        assertThat(settings.mode()).isEqualTo(SyncMode.BIDIRECTIONAL);
        assertThat(settings.schedule()).isEqualTo(new Schedule.Interval(Duration.ofMinutes(15)));
        assertThat(settings.schedule().label()).isEqualTo("interval:15m");
        assertThat(settings.conflict()).isEqualTo(ConflictPolicy.KEEP_BOTH);
        assertThat(settings.delete()).isEqualTo(DeletePolicy.PERMANENT);
        assertThat(settings.parallel()).isEqualTo(8);
        assertThat(settings.bandwidth().bytesPerSecond()).isEqualTo(10L << 20);
        assertThat(settings.bandwidth().label()).isEqualTo("10M");
        for (ConflictPolicy policy : ConflictPolicy.values()) {
            assertThat(ConflictPolicy.parse(policy.label()).get()).isEqualTo(policy);
        }
        assertThat(Schedule.parse("interval:90s").get().label()).isEqualTo("interval:90s");
        assertThat(Schedule.parse("interval:2d").get().label()).isEqualTo("interval:2d");
        assertThat(Schedule.parse("instant").get()).isEqualTo(Schedule.INSTANT);
        assertThat(BandwidthLimit.parse("512k").get().bytesPerSecond()).isEqualTo(512 * 1024);
        assertThat(BandwidthLimit.parse("1000").get().label()).isEqualTo("1000");
    }

    @Test
    void reportsEveryMistakeAtOnceWithoutTouchingTheCurrentSettings() {
        Validation<Seq<Invalid>, ConduitSettings> result = change(
                        "sideways", "interval:0m", "coin-flip", "shred", 0, "fast")
                .applyTo(ConduitSettings.DEFAULTS);
        assertThat(result.isInvalid()).isTrue();
        assertThat(result.getError()).hasSize(6);
        assertThat(result.getError().map(Invalid::message).mkString("\n"))
                .contains("unknown mode 'sideways' (one of mirror, bidirectional)")
                .contains("an interval must be positive")
                .contains("unknown conflict policy 'coin-flip'")
                .contains("unknown delete policy 'shred' (one of trash, permanent)")
                .contains("--parallel must be between 1 and 64, was 0")
                .contains("not a bandwidth limit: 'fast'");
    }

    @Test
    void refusesMalformedSchedulesAndPatterns() {
        for (String bad : List.of("interval:", "interval:5", "interval:5w", "interval:-5m", "hourly", "interval:m")) {
            assertThat(Schedule.parse(bad).isLeft()).as(bad).isTrue();
        }
        SettingsChange patterns = new SettingsChange(
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.some(List.of("*.log", " ")),
                Option.none(),
                Option.none(),
                Option.none());
        assertThat(patterns.applyTo(ConduitSettings.DEFAULTS).getError().head().message())
                .contains("cannot be empty");
    }

    @Test
    void namesAreNeverNumbersNorBlank() {
        assertThat(ConduitName.parse("docs").isRight()).isTrue();
        assertThat(ConduitName.parse("2024 photos").isRight()).isTrue();
        assertThat(ConduitName.parse("42").getLeft().message()).contains("cannot be a number");
        assertThat(ConduitName.parse("42").getLeft().value()).isEqualTo("42");
        assertThat(ConduitName.parse(" ").isLeft()).isTrue();
        assertThat(ConduitName.parse(" docs").isLeft()).isTrue();
        assertThat(ConduitName.suggestedFor("1999", "conduit-3").value()).isEqualTo("conduit-3");
    }

    @Test
    void refusesPairsThatOverlapThemselvesOrAnotherConduit() {
        Conduit existing = new Conduit(
                new ConduitId(1),
                new ConduitName("docs"),
                endpoint("/data/docs"),
                endpoint("/backup/docs"),
                ConduitSettings.DEFAULTS,
                true,
                Option.none());
        List<Conduit> others = List.of(existing);
        assertThat(Roots.problemWith("/a", "/a", others).get()).contains("the same directory");
        assertThat(Roots.problemWith("/a", "/a/b", others).get()).contains("inside the source");
        assertThat(Roots.problemWith("/a/b", "/a", others).get()).contains("inside the target");
        assertThat(Roots.problemWith("/data/docs", "/backup/docs", others).get())
                .contains("already syncs");
        assertThat(Roots.problemWith("/backup/docs", "/data/docs", others).get())
                .contains("already syncs");
        assertThat(Roots.problemWith("/data/docs/sub", "/backup/docs/sub", others)
                        .get())
                .contains("already syncs");
        assertThat(Roots.problemWith("/elsewhere", "/backup/docs/x", others).get())
                .contains("overlaps the target");
        assertThat(Roots.problemWith("/data/docs", "/usb/docs", others)).isEmpty();
        assertThat(Roots.problemWith("/ab", "/a", others)).isEmpty();
    }

    private static Endpoint endpoint(String root) {
        return new Endpoint(root, new RootIdentity("1", "1:" + root.length()));
    }
}
