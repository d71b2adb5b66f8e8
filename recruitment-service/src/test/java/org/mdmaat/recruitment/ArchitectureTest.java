package org.mdmaat.recruitment;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.mdmaat.architecture.ServiceArchitecture;

/** The habits every service keeps (see {@link ServiceArchitecture}), on this service's classes. */
@AnalyzeClasses(
    packages = "org.mdmaat.recruitment",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchTests SERVICE_HABITS = ArchTests.in(ServiceArchitecture.class);

  @ArchTest
  static final ArchRule USES_NO_OTHER_SERVICE =
      ServiceArchitecture.usesNoOtherService("org.mdmaat.recruitment");
}
