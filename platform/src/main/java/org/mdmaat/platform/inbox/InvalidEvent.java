package org.mdmaat.platform.inbox;

/**
 * A message that is not a readable event envelope. Thrown by {@link Inbox#parse}; with the Kafka
 * connector's {@code failure-strategy=dead-letter-queue} the message goes to the dead-letter topic
 * and the consumer moves on.
 */
public class InvalidEvent extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidEvent(String message, Throwable cause) {
    super(message, cause);
  }
}
