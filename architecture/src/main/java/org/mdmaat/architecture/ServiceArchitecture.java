package org.mdmaat.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.elements.ClassesShouldConjunction;
import java.util.List;

/**
 * The habits every service keeps, checked on its own classes by its {@code ArchitectureTest}:
 *
 * <ul>
 *   <li>resources do not touch persistence (they call services, which own the transaction);
 *   <li>Kafka listeners hand off to services (no entities, audit or outbox in a listener);
 *   <li>no {@code new ObjectMapper()} (the application's configured mapper is injected);
 *   <li>services do not depend on each other's code (only on contracts and platform);
 *   <li>every gRPC method names the services that may call it ({@code @RolesAllowed}).
 * </ul>
 */
public final class ServiceArchitecture {
  private ServiceArchitecture() {}

  private static final String[] SERVICES = {
    "org.mdmaat.recruitment..",
    "org.mdmaat.session..",
    "org.mdmaat.safety..",
    "org.mdmaat.outcomes..",
    "org.mdmaat.gateway.."
  };

  private static final DescribedPredicate<JavaClass> PERSISTENCE =
      DescribedPredicate.describe(
          "persistence (entities, Panache, Hibernate, jakarta.persistence)",
          c ->
              c.getPackageName().startsWith("io.quarkus.hibernate")
                  || c.getPackageName().startsWith("org.hibernate")
                  || c.getPackageName().startsWith("jakarta.persistence")
                  || c.isAssignableTo("io.quarkus.hibernate.reactive.panache.PanacheEntityBase"));

  @ArchTest
  static final ArchRule RESOURCES_DO_NOT_TOUCH_PERSISTENCE =
      noClasses()
          .that()
          .haveSimpleNameEndingWith("Resource")
          .should()
          .dependOnClassesThat(PERSISTENCE)
          .because("resources call services, which own the transaction and the queries");

  @ArchTest
  static final ArchRule LISTENERS_HAND_OFF_TO_SERVICES =
      noClasses()
          .that()
          .haveSimpleNameEndingWith("Listener")
          .should()
          .dependOnClassesThat(
              DescribedPredicate.or(
                  PERSISTENCE.and(
                      DescribedPredicate.describe(
                          "other than Panache's transaction helper",
                          c ->
                              !c.getName()
                                  .equals("io.quarkus.hibernate.reactive.panache.Panache"))),
                  DescribedPredicate.describe(
                      "the audit trail or the outbox",
                      c ->
                          c.getName().equals("org.mdmaat.platform.audit.AuditTrail")
                              || c.getName().equals("org.mdmaat.platform.outbox.Outbox"))))
          .because("a listener parses, deduplicates and hands off to one service method");

  @ArchTest
  static final ArchRule NO_OBJECT_MAPPER_OF_ITS_OWN =
      noClasses()
          .should()
          .callConstructor("com.fasterxml.jackson.databind.ObjectMapper")
          .because("the application's configured ObjectMapper is injected");

  private static final String ROLES_ALLOWED = "jakarta.annotation.security.RolesAllowed";

  @ArchTest
  static final ArchRule GRPC_METHODS_NAME_THEIR_CALLERS =
      methods()
          .that()
          .areDeclaredInClassesThat()
          .areAnnotatedWith("io.quarkus.grpc.GrpcService")
          .and()
          .arePublic()
          .and()
          .areNotStatic()
          .should(
              new ArchCondition<JavaMethod>("say who may call them (@RolesAllowed)") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                  if (!method.isAnnotatedWith(ROLES_ALLOWED)
                      && !method.getOwner().isAnnotatedWith(ROLES_ALLOWED)) {
                    events.add(
                        SimpleConditionEvent.violated(
                            method, method.getFullName() + " answers any caller"));
                  }
                }
              })
          .allowEmptyShould(true)
          .because(
              "a gRPC method answers only the services named for it (CallingService roles);"
                  + " anyone who can open a socket is not a caller");

  /** Classes of {@code ownPackage} (e.g. {@code org.mdmaat.session}) use no other service. */
  public static ArchRule usesNoOtherService(String ownPackage) {
    var others = List.of(SERVICES).stream().filter(p -> !p.startsWith(ownPackage + ".")).toList();
    ClassesShouldConjunction rule =
        noClasses()
            .that()
            .resideInAPackage(ownPackage + "..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(others.toArray(String[]::new));
    return rule.because(
        "services talk over contracts (gRPC, events), never through each other's code");
  }
}
