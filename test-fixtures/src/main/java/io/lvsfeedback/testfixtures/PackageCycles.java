package io.lvsfeedback.testfixtures;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/** The architecture rule every module keeps: no cycle between its packages (main code only). */
public final class PackageCycles {

    private PackageCycles() {
    }

    /**
     * Fails with ArchUnit's description of every cycle among the packages below {@code rootPackage}
     * (the root package itself included: each package is its own slice).
     */
    public static void assertNoneBelow(String rootPackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        if (classes.isEmpty()) {
            throw new AssertionError("no main classes found below " + rootPackage);
        }
        slices().assignedFrom(onePerPackage(rootPackage))
                .should().beFreeOfCycles()
                .check(classes);
    }

    private static SliceAssignment onePerPackage(String rootPackage) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                boolean inside = name.equals(rootPackage) || name.startsWith(rootPackage + ".");
                return inside ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "every package below " + rootPackage;
            }
        };
    }
}
