package org.mdmaat.safety;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.mdmaat.architecture.ServiceArchitecture;
import org.mdmaat.platform.security.Caller;

/** The habits every service keeps (see {@link ServiceArchitecture}), on this service's classes. */
@AnalyzeClasses(
    packages = "org.mdmaat.safety",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchTests SERVICE_RULES = ArchTests.in(ServiceArchitecture.class);

  @ArchTest
  static final ArchRule USES_NO_OTHER_SERVICE =
      ServiceArchitecture.usesNoOtherService("org.mdmaat.safety");

  /**
   * Only resources hold the request's {@link Caller}: services get the caller's {@code Scope} (or,
   * to sign, the signer) as a parameter and do their access checks with it.
   */
  @ArchTest
  static final ArchRule ONLY_RESOURCES_HOLD_THE_CALLER =
      noFields()
          .that()
          .areDeclaredInClassesThat(
              not(simpleNameEndingWith("Resource").or(simpleNameEndingWith("Filter"))))
          .should()
          .haveRawType(Caller.class)
          .because(
              "services take the caller's Scope from their resource or its request filter (issue"
                  + " 13)");
}
