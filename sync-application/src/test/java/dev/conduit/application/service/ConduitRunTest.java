package dev.conduit.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.conduit.Schedule;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConduitRunTest {

    private final ConduitRun run = new ConduitRun(ServiceRuntimeTest.conduit(1, Schedule.MANUAL), Option.none());

    @Test
    void aSyncAskedWhileTheServiceIndexesWaitsForItInsteadOfBeingRefused() throws Exception {
        assertThat(run.take()).as("the service applies events to the index").isTrue();
        CompletableFuture<Boolean> asked = CompletableFuture.supplyAsync(() -> {
            try {
                return run.takeForSync(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException interrupted) {
                throw new IllegalStateException(interrupted);
            }
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> asked.get(300, TimeUnit.MILLISECONDS))
                .as("still waiting while the index is applied")
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        run.release();
        assertThat(asked.get(10, TimeUnit.SECONDS))
                .as("taken once the index is applied")
                .isTrue();
        assertThat(run.isBusy()).isTrue();
    }

    @Test
    void aSyncAskedWhileTheServiceSyncsIsRefusedAtOnce() throws Exception {
        assertThat(run.take()).isTrue();
        run.syncing(true);
        assertThat(run.takeForSync(Duration.ofMinutes(10).toMillis())).isFalse();
    }

    @Test
    void aSyncAskedOfAnIdleConduitTakesIt() throws Exception {
        assertThat(run.takeForSync(0)).isTrue();
        assertThat(run.take()).as("one at a time").isFalse();
    }
}
