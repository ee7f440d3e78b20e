package dev.imagebaker.azureimage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The rooms of the house (README, "Architecture"), checked on the compiled classes: config depends on nothing,
 * bake only on config, only azure talks to the Azure SDK, the emulator imports nothing from the plugin.
 */
class LayeringTest {
    private static final String ROOT = "dev.imagebaker.azureimage";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    static final ArchRule CONFIG_DEPENDS_ON_NOTHING = noClasses().that().resideInAPackage(ROOT + ".config..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".bake..", ROOT + ".azure..", ROOT + ".maven..",
                    ROOT + ".emulator..", "org.apache.maven..", "com.azure..", "com.fasterxml..")
            .because("config is plain records and validation, usable from any build tool");

    static final ArchRule BAKE_ONLY_ON_CONFIG = noClasses().that().resideInAPackage(ROOT + ".bake..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".azure..", ROOT + ".maven..",
                    ROOT + ".emulator..", "org.apache.maven..", "com.azure..", "reactor..", "io.netty..")
            .because("the pipeline talks to Azure only through its small interfaces in bake.cloud");

    static final ArchRule ONLY_AZURE_USES_THE_SDK = noClasses().that().resideOutsideOfPackage(ROOT + ".azure..")
            .should().dependOnClassesThat().resideInAnyPackage("com.azure..")
            .because("the Azure SDK is wrapped in one room, so that its types never leak into the others");

    static final ArchRule EMULATOR_IMPORTS_NOTHING_OF_THE_PLUGIN = noClasses().that()
            .resideInAPackage(ROOT + ".emulator..").should().dependOnClassesThat().resideInAnyPackage(
                    ROOT + ".bake..", ROOT + ".config..", ROOT + ".azure..", ROOT + ".maven..")
            .because("the emulator stands for Azure: it knows the ARM contract, not our plugin");

    static final ArchRule RUNNER_KNOWS_NO_GOAL = noClasses().that().resideInAPackage(ROOT + ".bake.run..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".bake.image..", ROOT + ".bake.publish..",
                    ROOT + ".bake.test..", ROOT + ".bake.clean..")
            .because("every goal runs on the same step runner");

    @Test
    void configDependsOnNothing() {
        CONFIG_DEPENDS_ON_NOTHING.check(MAIN);
    }

    @Test
    void bakeDependsOnlyOnConfig() {
        BAKE_ONLY_ON_CONFIG.check(MAIN);
    }

    @Test
    void onlyTheAzureRoomUsesTheSdk() {
        ONLY_AZURE_USES_THE_SDK.check(MAIN);
    }

    @Test
    void theEmulatorImportsNothingOfThePlugin() {
        EMULATOR_IMPORTS_NOTHING_OF_THE_PLUGIN.check(MAIN);
    }

    @Test
    void theRunnerKnowsNoGoal() {
        RUNNER_KNOWS_NO_GOAL.check(MAIN);
    }

    /** The rules are not vacuous: a class in bake that uses the SDK is caught, naming the dependency. */
    @Test
    void aForbiddenImportFailsTheRule() {
        JavaClasses offender = new ClassFileImporter().importClasses(
                dev.imagebaker.azureimage.bake.ForbiddenSdkUse.class);
        EvaluationResult result = BAKE_ONLY_ON_CONFIG.evaluate(offender);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(d -> d.contains("com.azure.core.util.Context"));
        assertThat(ONLY_AZURE_USES_THE_SDK.evaluate(offender).hasViolation()).isTrue();
    }
}
