package dev.conduit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that every rule can fail: each is evaluated on planted violations (test-only classes in canary packages)
 * and must report exactly the canary that breaks it. A rule that matches nothing would pass silently otherwise.
 */
class RuleCanaryTest {

    private static final JavaClasses CANARIES = new ClassFileImporter()
            .importPackages(
                    "dev.conduit.domain.canary", "dev.conduit.application.canary",
                    "dev.conduit.adapter.jobs.canary", "dev.conduit.adapter.cli.canary",
                    // the real classes the canaries lean on, so that slices have two sides
                    "dev.conduit.adapter.persistence", "dev.conduit.bootstrap");

    static Stream<Object[]> plantedViolations() {
        return Stream.of(
                new Object[] {
                    ArchitectureRules.DOMAIN_DEPENDS_ONLY_ON_JAVA_AND_VAVR, "LeakyDomainValue", "IndexLocation"
                },
                new Object[] {ArchitectureRules.DOMAIN_DOES_NO_IO, "LeakyDomainValue", "java.nio.file.Files"},
                new Object[] {
                    ArchitectureRules.DOMAIN_READS_NO_CLOCK_ENVIRONMENT_OR_SYSTEM,
                    "AmbientDomainValue",
                    "java.time.ZoneId.systemDefault()"
                },
                new Object[] {
                    ArchitectureRules.APPLICATION_DEPENDS_ONLY_ON_THE_DOMAIN, "FrameworkInUseCase", "SqlSession"
                },
                new Object[] {
                    ArchitectureRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER, "ReachesIntoPersistence", "LibraryFolder"
                },
                new Object[] {
                    ArchitectureRules.CLI_REACHES_THE_CORE_ONLY_THROUGH_USE_CASES,
                    "CommandCallingAService",
                    "IndexLocationService"
                },
                new Object[] {
                    ArchitectureRules.ADAPTERS_REACH_SERVICES_ONLY_THROUGH_BOOTSTRAP,
                    "CommandCallingAService",
                    "IndexLocationService"
                },
                new Object[] {ArchitectureRules.NOTHING_DEPENDS_ON_BOOTSTRAP, "ReachesIntoPersistence", "bootstrap.Main"
                },
                new Object[] {
                    ArchitectureRules.DATABASE_LIBRARIES_STAY_IN_PERSISTENCE, "FrameworkInUseCase", "SqlSession"
                },
                new Object[] {
                    ArchitectureRules.HTTP_SERVER_STAYS_IN_THE_API, "CommandServingHttp", "org.eclipse.jetty.server"
                },
                new Object[] {
                    ArchitectureRules.INJECTION_STAYS_IN_ADAPTERS_AND_BOOTSTRAP,
                    "FrameworkInUseCase",
                    "jakarta.inject.Inject"
                },
                new Object[] {
                    ArchitectureRules.APPLICATION_DOES_NO_FILE_OR_NETWORK_IO, "DiskInUseCase", "java.nio.file.Files"
                },
                new Object[] {ArchitectureRules.APPLICATION_DOES_NO_FILE_OR_NETWORK_IO, "DiskInUseCase", "java.net.URI"
                },
                new Object[] {
                    ArchitectureRules.APPLICATION_DOES_NO_FILE_OR_NETWORK_IO, "DiskInUseCase", "ProcessBuilder"
                },
                new Object[] {ArchitectureRules.APPLICATION_STARTS_NO_THREADS, "ThreadInUseCase", "java.lang.Thread"},
                new Object[] {ArchitectureRules.APPLICATION_STARTS_NO_THREADS, "ThreadInUseCase", "Executors"},
                new Object[] {ArchitectureRules.APPLICATION_READS_NO_SYSTEM_CLOCK, "ClockInUseCase", "nanoTime"},
                new Object[] {ArchitectureRules.APPLICATION_READS_NO_SYSTEM_CLOCK, "ClockInUseCase", "currentTimeMillis"
                },
                new Object[] {ArchitectureRules.APPLICATION_READS_NO_SYSTEM_CLOCK, "ClockInUseCase", "Thread.sleep"},
                new Object[] {ArchitectureRules.APPLICATION_READS_NO_SYSTEM_CLOCK, "ClockInUseCase", "Instant.now"});
    }

    @ParameterizedTest(name = "{1} breaks {0}")
    @MethodSource("plantedViolations")
    void everyRuleCatchesItsPlantedViolation(ArchRule rule, String canary, String offence) {
        EvaluationResult result = rule.evaluate(CANARIES);

        assertThat(result.hasViolation()).as("the rule must fail on its canary").isTrue();
        assertThat(result.getFailureReport().getDetails())
                .as("every violation is a planted one")
                .allSatisfy(line -> assertThat(line).contains("canary"))
                .anySatisfy(line -> assertThat(line).contains(canary).contains(offence));
    }

    @Test
    void everyRuleHasACanary() throws IllegalAccessException {
        java.util.Set<ArchRule> rules = new java.util.HashSet<>();
        for (java.lang.reflect.Field field : ArchitectureRules.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(com.tngtech.archunit.junit.ArchTest.class)) {
                rules.add((ArchRule) field.get(null));
            }
        }
        java.util.Set<ArchRule> canaried = new java.util.HashSet<>();
        plantedViolations().forEach(row -> canaried.add((ArchRule) row[0]));
        canaried.add(ArchitectureRules.PICOCLI_STAYS_IN_THE_CLI); // its canary is below
        assertThat(canaried).isEqualTo(rules);
    }

    @Test
    void picocliOutsideTheCliIsCaught() {
        JavaClasses withPicocliUser = new ClassFileImporter().importClasses(PicocliCanary.class);
        assertThat(ArchitectureRules.PICOCLI_STAYS_IN_THE_CLI
                        .evaluate(withPicocliUser)
                        .hasViolation())
                .isTrue();
    }

    /** Lives in the architecture package, outside the CLI: using picocli here is a violation. */
    static final class PicocliCanary {
        Object line() {
            return new picocli.CommandLine(new Object());
        }
    }
}
