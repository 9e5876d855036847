package dev.entrabridge.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rules of the modules, held by ArchUnit over the production classes of shared,
 * emulators, the sidecar, the Lambda and Azure adapters and the demo (this module's test classpath holds
 * every module's main classes):
 * the core uses no cloud runtime or server type, an emulator shares no code with what it checks,
 * adapters do not reach into each other, and the core's packages form no cycle.
 */
@AnalyzeClasses(packages = "dev.entrabridge", importOptions = ArchitectureTest.ProductionClassesOnly.class)
class ArchitectureTest {

    static final String EMULATORS = "dev.entrabridge.emulator..";
    static final String[] ADAPTERS = {"dev.entrabridge.sidecar..", "dev.entrabridge.lambda..", "dev.entrabridge.azure..",
            "dev.entrabridge.demo.."};

    /** The core: everything under {@code dev.entrabridge} that is neither an emulator nor an adapter. */
    static final DescribedPredicate<JavaClass> CORE = resideInAPackage("dev.entrabridge..")
            .and(DescribedPredicate.not(resideInAPackage(EMULATORS)))
            .and(DescribedPredicate.not(resideInAnyPackage(ADAPTERS)))
            .as("the shared core");

    @ArchTest
    static final ArchRule coreUsesNoCloudRuntimeType = noClasses().that(CORE).should().dependOnClassesThat()
            .resideInAnyPackage("com.amazonaws.services.lambda..", "com.microsoft.azure.functions..")
            .because("the core runs unchanged in every deployment; only the Lambda and Azure adapters know their runtime");

    @ArchTest
    static final ArchRule coreUsesNoServerType = noClasses().that(CORE).should().dependOnClassesThat()
            .resideInAnyPackage("com.sun.net.httpserver..", "org.eclipse.jetty..", "io.netty..")
            .because("the HTTP contract is framework-neutral records; each adapter maps its own server's types");

    @ArchTest
    static final ArchRule emulatorsShareNoCodeWithTheBridge = noClasses().that().resideInAPackage(EMULATORS)
            .should().dependOnClassesThat(resideInAPackage("dev.entrabridge..")
                    .and(DescribedPredicate.not(resideInAPackage(EMULATORS))).as("are part of the bridge"))
            .because("an emulator must not share code with the thing it checks");

    @ArchTest
    static final ArchRule adaptersDoNotImportEachOther = slices()
            .matching("dev.entrabridge.(sidecar|lambda|azure)..").should().notDependOnEachOther()
            .allowEmptyShould(true)
            .because("each adapter is a thin translation over the core; shared behaviour belongs in the core");

    @ArchTest
    static final ArchRule noAdapterDependsOnTheDemo = noClasses().that().resideInAnyPackage("dev.entrabridge.sidecar..",
                    "dev.entrabridge.lambda..", "dev.entrabridge.azure..")
            .should().dependOnClassesThat().resideInAPackage("dev.entrabridge.demo..")
            .allowEmptyShould(true)
            .because("the demo composes the adapters and the emulators; production artifacts carry no demo");

    @ArchTest
    static void coreHasNoPackageCycle(JavaClasses classes) {
        slices().matching("dev.entrabridge.(*)..").should().beFreeOfCycles()
                .because("each core package is a concern that others build on, never one that builds on them in turn")
                .check(classes.that(CORE));
    }

    /** Main classes only: test classes and test-jars (the contract suite, the test kit) are not production code. */
    public static final class ProductionClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.matches(java.util.regex.Pattern.compile(".*-tests\\.jar.*"));
        }
    }
}
