package org.mdmaat.platform.testapp;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** The system clock, moved ahead by a test to make a login old without waiting. */
@ApplicationScoped
public class MovableClock implements InstantSource {
  private volatile Duration ahead = Duration.ZERO;

  @Override
  public Instant instant() {
    return Instant.now().plus(ahead);
  }

  public void moveAhead(Duration by) {
    ahead = by;
  }

  public void reset() {
    ahead = Duration.ZERO;
  }
}
