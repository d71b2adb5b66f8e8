package org.mdmaat.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.problem.NotFound;

class ScopeTest {
  private final Scope coordinator =
      new Scope(
          Set.of("US-SF-01"),
          Optional.empty(),
          new Actor("coordinator.sf", Set.of(Roles.SITE_COORDINATOR)));
  private final Scope sponsor =
      new Scope(Set.of(), Optional.of("maps"), new Actor("sponsor.maps", Set.of(Roles.SPONSOR)));

  @Test
  void anotherSiteIsNotFound() {
    coordinator.requireSite("US-SF-01");
    assertThatThrownBy(() -> coordinator.requireSite("US-BOS-01"))
        .isInstanceOfSatisfying(
            NotFound.class, e -> assertThat(e.code()).isEqualTo("PLATFORM-0404"));
    assertThatThrownBy(() -> coordinator.requireSite(null)).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> sponsor.requireSite("US-SF-01")).isInstanceOf(NotFound.class);
  }

  @Test
  void anotherSponsorIsNotFound() {
    sponsor.requireSponsor("maps");
    assertThatThrownBy(() -> sponsor.requireSponsor("northstar"))
        .isInstanceOfSatisfying(
            NotFound.class, e -> assertThat(e.code()).isEqualTo("PLATFORM-0404"));
    assertThatThrownBy(() -> coordinator.requireSponsor("maps")).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> sponsor.requireSponsor(null)).isInstanceOf(NotFound.class);
  }

  @Test
  void blindedUnlessAnUnblindedRole() {
    assertThat(coordinator.blinded()).isTrue();
    assertThat(sponsor.blinded()).isTrue();
    for (var role : Roles.UNBLINDED) {
      assertThat(new Scope(Set.of(), Optional.empty(), new Actor("x", Set.of(role))).blinded())
          .as(role)
          .isFalse();
    }
    assertThat(coordinator.hasRole(Roles.SITE_COORDINATOR)).isTrue();
    assertThat(coordinator.hasRole(Roles.SPONSOR)).isFalse();
  }
}
