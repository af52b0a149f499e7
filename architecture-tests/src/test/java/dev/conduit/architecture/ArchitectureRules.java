package dev.conduit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;

/**
 * The layering of Conduit, as rules. {@link HexagonalArchitectureTest} checks them on the code; {@link RuleCanaryTest}
 * proves each can fail on planted violations.
 */
final class ArchitectureRules {

    static final String ROOT = "dev.conduit";
    static final String DOMAIN = ROOT + ".domain..";
    static final String APPLICATION = ROOT + ".application..";
    static final String ADAPTERS = ROOT + ".adapter..";
    static final String BOOTSTRAP = ROOT + ".bootstrap..";

    @ArchTest
    static final ArchRule DOMAIN_DEPENDS_ONLY_ON_JAVA_AND_VAVR = classes()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(DOMAIN, "java..", "io.vavr..")
            .because("the domain is plain values and pure functions, reused as a jar elsewhere");

    @ArchTest
    static final ArchRule DOMAIN_DOES_NO_IO = noClasses()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.sql..")
            .because("sync rules are decided on values; the disk is an adapter's business");

    /**
     * What the domain must be handed rather than read: the time ({@code now()} of any {@code java.time} type, the
     * system clocks), the time zone, and anything of {@code System} or {@code Runtime} (clocks, environment,
     * properties, streams). Otherwise its answers would change with the machine and the moment, and tests could not
     * pin them.
     */
    static final DescribedPredicate<JavaAccess<?>> AMBIENT_STATE =
            DescribedPredicate.describe("the clock, the time zone, the environment or System", access -> {
                String owner = access.getTargetOwner().getName();
                String name = access.getName();
                return owner.equals(System.class.getName())
                        || owner.equals(Runtime.class.getName())
                        || owner.equals(ProcessHandle.class.getName())
                        || owner.startsWith("java.time.") && name.equals("now")
                        || owner.equals(java.time.Clock.class.getName()) && name.startsWith("system")
                        || owner.equals(java.time.ZoneId.class.getName()) && name.equals("systemDefault")
                        || owner.equals(java.util.TimeZone.class.getName()) && name.equals("getDefault")
                        || owner.equals(Thread.class.getName()) && name.equals("sleep");
            });

    @ArchTest
    static final ArchRule DOMAIN_READS_NO_CLOCK_ENVIRONMENT_OR_SYSTEM = noClasses()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .accessTargetWhere(AMBIENT_STATE)
            .because("the domain is handed the time, the time zone and its settings; it reads none of them itself");

    @ArchTest
    static final ArchRule APPLICATION_DEPENDS_ONLY_ON_THE_DOMAIN = classes()
            .that()
            .resideInAPackage(APPLICATION)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(APPLICATION, DOMAIN, "java..", "io.vavr..")
            .because("use cases see the domain and the ports they define, no framework");

    @ArchTest
    static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER = slices().matching(ROOT + ".adapter.(*)..")
            .should()
            .notDependOnEachOther()
            .because("adapters meet only through the application's ports");

    @ArchTest
    static final ArchRule CLI_REACHES_THE_CORE_ONLY_THROUGH_USE_CASES = noClasses()
            .that()
            .resideInAPackage(ROOT + ".adapter.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ROOT + ".application.service..", ROOT + ".application.port.out..")
            .because("the command line calls in-ports; services and out-ports are wired in bootstrap");

    @ArchTest
    static final ArchRule ADAPTERS_REACH_SERVICES_ONLY_THROUGH_BOOTSTRAP = noClasses()
            .that()
            .resideInAPackage(ADAPTERS)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(ROOT + ".application.service..")
            .because("an adapter implements or calls ports; which service stands behind a port is bootstrap's choice");

    @ArchTest
    static final ArchRule NOTHING_DEPENDS_ON_BOOTSTRAP = noClasses()
            .that()
            .resideOutsideOfPackage(BOOTSTRAP)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(BOOTSTRAP)
            .because("the composition root sees everything and nothing sees it");

    @ArchTest
    static final ArchRule DATABASE_LIBRARIES_STAY_IN_PERSISTENCE = noClasses()
            .that()
            .resideOutsideOfPackage(ROOT + ".adapter.persistence..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.ibatis..", "org.sqlite..", "java.sql..")
            .because("SQL is the persistence adapter's business");

    @ArchTest
    static final ArchRule PICOCLI_STAYS_IN_THE_CLI = noClasses()
            .that()
            .resideOutsideOfPackages(ROOT + ".adapter.cli..", BOOTSTRAP)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("picocli..");

    @ArchTest
    static final ArchRule HTTP_SERVER_STAYS_IN_THE_API = noClasses()
            .that()
            .resideOutsideOfPackage(ROOT + ".adapter.api..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.eclipse.jetty..")
            .because("the daemon's HTTP server is the API adapter's business (ADR 0035); the command line talks to it"
                    + " through the API's own small client");

    @ArchTest
    static final ArchRule INJECTION_STAYS_IN_ADAPTERS_AND_BOOTSTRAP = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN, APPLICATION)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.google.inject..", "jakarta.inject..", "javax.inject..")
            .because("services are annotation-free; modules bind them");

    @ArchTest
    static final ArchRule APPLICATION_DOES_NO_FILE_OR_NETWORK_IO = noClasses()
            .that()
            .resideInAPackage(APPLICATION)
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(java.nio.file.Files.class, ProcessBuilder.class)
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("java.net..")
            .because("use cases reach disks, networks and processes only through their out-ports");

    @ArchTest
    static final ArchRule APPLICATION_STARTS_NO_THREADS = noClasses()
            .that()
            .resideInAPackage(APPLICATION)
            .should()
            .callConstructorWhere(new DescribedPredicate<JavaConstructorCall>("a thread or an executor is made") {
                @Override
                public boolean test(JavaConstructorCall call) {
                    JavaClass made = call.getTargetOwner();
                    return made.isAssignableTo(Thread.class) || made.isAssignableTo(ExecutorService.class);
                }
            })
            .orShould()
            .dependOnClassesThat()
            .belongToAnyOf(Executors.class, ThreadFactory.class, ForkJoinPool.class)
            .because("threads come from the Scheduler port, so that tests drive them and adapters own them");

    @ArchTest
    static final ArchRule APPLICATION_READS_NO_SYSTEM_CLOCK = noClasses()
            .that()
            .resideInAPackage(APPLICATION)
            .should()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(Thread.class, "sleep", long.class)
            .orShould()
            .callMethod(Instant.class, "now")
            .because("time comes from the injected Clock and the Scheduler port, so that tests run on a fake one");

    private ArchitectureRules() {}
}
