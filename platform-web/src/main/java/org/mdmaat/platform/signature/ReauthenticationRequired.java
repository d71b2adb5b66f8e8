package org.mdmaat.platform.signature;

import java.time.Duration;
import org.mdmaat.platform.problem.Problem;

/**
 * 401: a signature needs a login at most {@link #maxAge()} old. Answered with the RFC 9470
 * challenge ({@code insufficient_user_authentication}, {@code max_age}), so a client knows to send
 * the user through Keycloak again with {@code max_age} or {@code prompt=login}.
 */
public class ReauthenticationRequired extends Problem {
  private static final long serialVersionUID = 1L;
  public static final String CODE = "PLATFORM-0401-REAUTHENTICATE";

  private final Duration maxAge;

  public ReauthenticationRequired(String detail, Duration maxAge) {
    super(CODE, detail, null);
    this.maxAge = maxAge;
  }

  @Override
  public int status() {
    return 401;
  }

  public Duration maxAge() {
    return maxAge;
  }

  /** The {@code WWW-Authenticate} challenge of RFC 9470. */
  public String challenge() {
    return "Bearer error=\"insufficient_user_authentication\", error_description=\""
        + "A more recent authentication is required to sign\", max_age="
        + maxAge.toSeconds();
  }
}
