package dev.conduit.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.tngtech.archunit.junit.ArchTest;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The rules were once skipped without a word (the ArchUnit engine found no test and the build stayed green). This
 * runs {@link HexagonalArchitectureTest} through the JUnit Platform, as surefire does, and checks that every
 * {@code @ArchTest} rule of {@link ArchitectureRules} was executed and passed.
 */
class EveryArchTestRunsTest {

    @Test
    void theEngineExecutesEveryRule() {
        long rules = Arrays.stream(ArchitectureRules.class.getDeclaredFields())
                .filter(field -> field.isAnnotationPresent(ArchTest.class))
                .filter(field -> Modifier.isStatic(field.getModifiers()))
                .count();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(HexagonalArchitectureTest.class))
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();

        LauncherFactory.create().execute(request, listener);

        TestExecutionSummary summary = listener.getSummary();
        assertThat(rules).as("rules declared").isGreaterThanOrEqualTo(10);
        assertThat(summary.getTestsStartedCount()).as("rules executed").isEqualTo(rules);
        assertThat(summary.getTestsSucceededCount()).as("rules passed").isEqualTo(rules);
    }
}
