package org.mdmaat.platform.inbox;

/**
 * An event that contradicts what the consumer already holds (a participant announced again at
 * another site, randomized twice differently). Thrown by the effect of {@link Inbox#processOnce}:
 * nothing of it is applied, it is counted, and the dead-letter strategy keeps the message for a
 * person to look at. Never silently applied, never silently ignored.
 */
public class ConflictingEvent extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public ConflictingEvent(String message) {
    super(message);
  }
}
