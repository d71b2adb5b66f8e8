package org.mdmaat.platform.problem;

/**
 * The platform's own problem codes beyond the generic {@code PLATFORM-<status>} ones ({@link
 * ProblemDetails#platformCode}): those a service answers because of a mechanism of the platform
 * rather than of its own rules. A code keeps its meaning once released: add constants, never reuse
 * one. {@code PlatformProblemsTest} checks that codes are unique and that their number is their
 * status.
 */
public enum PlatformProblems implements ProblemCode {
  /** An {@code Idempotency-Key} header that is empty, longer than 255 characters or not ASCII. */
  IDEMPOTENCY_KEY_MALFORMED(400, "PLATFORM-0400-IDEMPOTENCY-KEY"),
  /** A dead-letter topic this service does not own (only a topic's owner may replay it). */
  DEAD_LETTER_TOPIC_UNKNOWN(404, "PLATFORM-0404-DEAD-LETTER-TOPIC"),
  /** The first request with this key has not answered yet, or its outcome is unknown. */
  IDEMPOTENCY_KEY_IN_FLIGHT(409, "PLATFORM-0409-IDEMPOTENCY-KEY"),
  /** The key was used before for a different request (method, path, query or body). */
  IDEMPOTENCY_KEY_REUSED(422, "PLATFORM-0422-IDEMPOTENCY-KEY"),
  /** The broker did not answer while dead letters were read or replayed. */
  DEAD_LETTERS_UNAVAILABLE(503, "PLATFORM-0503-DEAD-LETTERS");

  private final int status;
  private final String code;

  PlatformProblems(int status, String code) {
    this.status = status;
    this.code = code;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String code() {
    return code;
  }
}
