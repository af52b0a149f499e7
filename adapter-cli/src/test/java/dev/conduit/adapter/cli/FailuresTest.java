package dev.conduit.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.application.port.in.Failure;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void malformedArgumentsExitTwoAndEveryOtherFailureOne() {
        assertThat(Failures.exitCode(Failure.usage(List.of("bad")))).isEqualTo(ExitCodes.USAGE);
        for (Failure failure :
                List.of(Failure.notFound("x"), Failure.refused("x"), Failure.busy("x"), Failure.paused("x"))) {
            assertThat(Failures.exitCode(failure)).as(failure.toString()).isEqualTo(ExitCodes.FAILURE);
        }
    }

    @Test
    void jsonNamesTheKindAsBefore() {
        assertThat(Failures.kind(Failure.usage(List.of("bad")))).isEqualTo("usage");
        assertThat(Failures.kind(Failure.notFound("x"))).isEqualTo("not-found");
        assertThat(Failures.kind(Failure.refused("x"))).isEqualTo("refused");
        assertThat(Failures.kind(Failure.busy("x"))).isEqualTo("busy");
        assertThat(Failures.kind(Failure.paused("x"))).isEqualTo("paused");
    }
}
