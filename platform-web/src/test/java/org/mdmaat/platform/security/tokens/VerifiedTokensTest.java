package org.mdmaat.platform.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The cache of verified tokens, without a server: what it answers and what it never does. */
class VerifiedTokensTest {
  private static final long NOW = 1_800_000_000L;
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl";
  private final VerifiedTokens tokens = new VerifiedTokens();
  private final QuarkusSecurityIdentity identity =
      QuarkusSecurityIdentity.builder().setPrincipal(() -> "a").addRole("sponsor").build();

  VerifiedTokensTest() {
    at(NOW);
  }

  private void at(long epochSecond) {
    tokens.clock(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  @Test
  void aVerifiedTokenIsAnsweredUntilItsExpiry() {
    tokens.remember(TOKEN, identity, NOW + 60);

    assertThat(tokens.find(TOKEN)).containsSame(identity);
    at(NOW + 59);
    assertThat(tokens.find(TOKEN)).containsSame(identity);
    assertThat(tokens.hits()).isEqualTo(2);
    assertThat(tokens.verified()).isEqualTo(1);
  }

  @Test
  void anExpiredTokenIsNeverAnsweredEvenIfStored() {
    tokens.remember(TOKEN, identity, NOW + 60);

    at(NOW + 60);
    assertThat(tokens.find(TOKEN)).isEmpty();
    at(NOW);
    // Removed at its expiry, not kept for a clock that goes back.
    assertThat(tokens.find(TOKEN)).isEmpty();
    assertThat(tokens.hits()).isZero();
  }

  @Test
  void aTokenAlreadyExpiredIsNotStored() {
    tokens.remember(TOKEN, identity, NOW);
    tokens.remember(TOKEN, identity, 0);

    assertThat(tokens.find(TOKEN)).isEmpty();
    assertThat(tokens.verified()).isZero();
  }

  @Test
  void aTokenWithTheSameHeaderAndClaimsButAnotherSignatureIsAMiss() {
    tokens.remember(TOKEN, identity, NOW + 60);
    var forged = TOKEN.substring(0, TOKEN.lastIndexOf('.') + 1) + "Zm9yZ2Vk";

    assertThat(tokens.find(forged)).isEmpty();
    assertThat(tokens.find(TOKEN + "x")).isEmpty();
    assertThat(tokens.find(TOKEN.substring(0, TOKEN.length() - 1))).isEmpty();
    assertThat(VerifiedTokens.key(forged)).isNotEqualTo(VerifiedTokens.key(TOKEN));
  }

  @Test
  void theCacheIsBounded() {
    for (int i = 0; i <= VerifiedTokens.MAX_ENTRIES; i++) {
      tokens.remember(TOKEN + i, identity, NOW + 60);
    }

    // The last one is kept; the cache started again rather than growing past its bound.
    assertThat(tokens.find(TOKEN + VerifiedTokens.MAX_ENTRIES)).isPresent();
    assertThat(tokens.find(TOKEN + 0)).isEmpty();
  }

  @Test
  void onlyABearerTokenIsLookedUp() {
    assertThat(VerifiedTokenMechanism.bearer("Bearer " + TOKEN)).isEqualTo(TOKEN);
    assertThat(VerifiedTokenMechanism.bearer("bEaReR " + TOKEN)).isEqualTo(TOKEN);
    assertThat(VerifiedTokenMechanism.bearer(null)).isNull();
    assertThat(VerifiedTokenMechanism.bearer("Bearer ")).isNull();
    assertThat(VerifiedTokenMechanism.bearer("Bearer    ")).isNull();
    assertThat(VerifiedTokenMechanism.bearer("Basic " + TOKEN)).isNull();
    assertThat(VerifiedTokenMechanism.bearer("Bearer")).isNull();
  }
}
