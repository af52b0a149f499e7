package dev.conduit.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Every layer rule, on the production code of every module. Test classes (and the canaries) are left out. */
@AnalyzeClasses(packages = ArchitectureRules.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class HexagonalArchitectureTest {

    @ArchTest
    static final ArchRule domain_depends_only_on_java_and_vavr = ArchitectureRules.DOMAIN_DEPENDS_ONLY_ON_JAVA_AND_VAVR;
    @ArchTest
    static final ArchRule domain_does_no_io = ArchitectureRules.DOMAIN_DOES_NO_IO;
    @ArchTest
    static final ArchRule application_depends_only_on_the_domain =
        ArchitectureRules.APPLICATION_DEPENDS_ONLY_ON_THE_DOMAIN;
    @ArchTest
    static final ArchRule adapters_do_not_depend_on_each_other = ArchitectureRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER;
    @ArchTest
    static final ArchRule cli_reaches_the_core_only_through_use_cases =
        ArchitectureRules.CLI_REACHES_THE_CORE_ONLY_THROUGH_USE_CASES;
    @ArchTest
    static final ArchRule nothing_depends_on_bootstrap = ArchitectureRules.NOTHING_DEPENDS_ON_BOOTSTRAP;
    @ArchTest
    static final ArchRule database_libraries_stay_in_persistence =
        ArchitectureRules.DATABASE_LIBRARIES_STAY_IN_PERSISTENCE;
    @ArchTest
    static final ArchRule picocli_stays_in_the_cli = ArchitectureRules.PICOCLI_STAYS_IN_THE_CLI;
    @ArchTest
    static final ArchRule injection_stays_in_adapters_and_bootstrap =
        ArchitectureRules.INJECTION_STAYS_IN_ADAPTERS_AND_BOOTSTRAP;
}
