package dev.snapref.cli.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module and package layering, checked on the compiled main classes of every module on this
 * test's class path (scenario, model, engine, conformance, cli): no package cycle inside any
 * module (each package, the root one included, is a slice of its own); dm core knows no target;
 * the engine's leaf packages stay leaves; model and engine never see each other; only the
 * command line sees the command line.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.snapref");
    }

    /** Every package under {@code root} (the root package itself included) is one slice. */
    private static SliceAssignment packagesUnder(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                return p.equals(root) || p.startsWith(root + ".") ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of " + root;
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.snapref.scenario", "dev.snapref.model", "dev.snapref.engine",
        "dev.snapref.conformance", "dev.snapref.cli"})
    void noPackageCycleInModule(String root) {
        ArchRule rule = slices().assignedFrom(packagesUnder(root)).should().beFreeOfCycles();
        rule.check(classes);
    }

    @Test
    void theImportSeesEveryModuleAndTheCycleRuleCanFail() {
        for (String c : new String[] {"dev.snapref.scenario.Script", "dev.snapref.model.Model",
            "dev.snapref.engine.DeviceMapper", "dev.snapref.conformance.targets.TargetRegistry",
            "dev.snapref.cli.SnaprefCommand"}) {
            assertTrue(classes.contain(c), c + " not imported");
        }
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.snapref.cli.architecture.fixture");
        ArchRule rule = slices().assignedFrom(packagesUnder("dev.snapref.cli.architecture.fixture"))
                .should().beFreeOfCycles();
        AssertionError e = assertThrows(AssertionError.class, () -> rule.check(fixture));
        assertTrue(e.getMessage().contains("Cycle detected"), e.getMessage());
    }

    @Test
    void dmCoreImportsNoTargetAndNotTheEngineApi() {
        noClasses().that().resideInAPackage("dev.snapref.engine.dm..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.snapref.engine.snapshot..",
                        "dev.snapref.engine.linear..", "dev.snapref.engine.store..", "dev.snapref.engine.cow..")
                .orShould().dependOnClassesThat().resideInAPackage("dev.snapref.engine")
                .check(classes);
    }

    @Test
    void targetPackagesDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("dev.snapref.engine.linear..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.snapref.engine.snapshot..",
                        "dev.snapref.engine.store..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.snapref.engine.snapshot..")
                .should().dependOnClassesThat().resideInAPackage("dev.snapref.engine.linear..")
                .check(classes);
    }

    @Test
    void engineLeavesStayLeaves() {
        noClasses().that().resideInAnyPackage("dev.snapref.engine.kernel..", "dev.snapref.engine.inspect..",
                        "dev.snapref.engine.util..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.snapref.engine", "dev.snapref.engine.dm..",
                        "dev.snapref.engine.snapshot..", "dev.snapref.engine.store..", "dev.snapref.engine.block..",
                        "dev.snapref.engine.cow..", "dev.snapref.engine.linear..")
                .check(classes);
        noClasses().that().resideInAnyPackage("dev.snapref.engine.block..", "dev.snapref.engine.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.snapref.engine", "dev.snapref.engine.dm..",
                        "dev.snapref.engine.snapshot..", "dev.snapref.engine.linear..")
                .check(classes);
    }

    @Test
    void modelAndEngineNeverSeeEachOther() {
        noClasses().that().resideInAPackage("dev.snapref.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.snapref.model..", "dev.snapref.scenario..",
                        "dev.snapref.conformance..", "dev.snapref.cli..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.snapref.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.snapref.engine..",
                        "dev.snapref.conformance..", "dev.snapref.cli..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineSeesTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("dev.snapref.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.snapref.cli..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.snapref.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(classes);
    }
}
