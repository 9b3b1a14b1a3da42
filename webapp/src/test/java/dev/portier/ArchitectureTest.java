package dev.portier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.vaadin.flow.router.Route;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The host's layers, as a newcomer reads them in the folder list: platform → identity → domain →
 * access → drivers → web. Imports only point down, no two packages need each other, and views are
 * reached through the shell's navigation, never imported by other code.
 */
class ArchitectureTest {

    private static JavaClasses portier;

    @BeforeAll
    static void importClasses() {
        portier = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.portier");
    }

    @Test
    void layers_only_depend_downwards() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("platform").definedBy("dev.portier.platform..")
                .layer("identity").definedBy("dev.portier.identity..")
                .layer("domain").definedBy("dev.portier.domain..")
                .layer("access").definedBy("dev.portier.access..")
                .layer("drivers").definedBy("dev.portier.drivers..")
                .layer("web").definedBy("dev.portier.web..")
                .whereLayer("web").mayNotBeAccessedByAnyLayer()
                .whereLayer("drivers").mayOnlyBeAccessedByLayers("web")
                .whereLayer("access").mayOnlyBeAccessedByLayers("drivers", "web")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("access", "drivers", "web")
                .whereLayer("identity").mayOnlyBeAccessedByLayers("domain", "access", "drivers", "web");
        rule.check(portier);
    }

    @Test
    void top_level_packages_are_free_of_cycles() {
        slices().matching("dev.portier.(*)..").should().beFreeOfCycles().check(portier);
    }

    @Test
    void feature_packages_are_free_of_cycles() {
        slices().matching("dev.portier.(*).(*)..").should().beFreeOfCycles().check(portier);
    }

    @Test
    void views_live_in_the_web_layer() {
        classes().that().areAnnotatedWith(Route.class).should().resideInAPackage("dev.portier.web..").check(portier);
    }

    @Test
    void only_the_shell_imports_views() {
        noClasses().that().resideOutsideOfPackage("dev.portier.web.shell..")
                .should().dependOnClassesThat(isAnotherClassAnnotatedWithRoute())
                .because("views link to each other by address (web.ui.Routes), and only the navigation knows their classes")
                .check(portier);
    }

    @Test
    void the_domain_and_below_never_call_drivers_or_vaadin_views() {
        noClasses().that().resideInAnyPackage("dev.portier.platform..", "dev.portier.identity..", "dev.portier.domain..",
                "dev.portier.access..")
                .should().dependOnClassesThat().resideInAnyPackage("com.vaadin.flow.component..")
                .check(portier);
    }

    private static DescribedPredicate<JavaClass> isAnotherClassAnnotatedWithRoute() {
        return DescribedPredicate.describe("views (annotated with @Route)", c -> c.isAnnotatedWith(Route.class));
    }
}
