package org.mdmaat.platform.security;

/**
 * A person's access token, carried to another service that must decide on that person's verified
 * identity (not on a name in a request field). Never logged or audited: {@link #toString()} hides
 * it.
 */
public record Bearer(String token) {
  public Bearer {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("no token");
    }
  }

  @Override
  public String toString() {
    return "Bearer[hidden]";
  }
}
