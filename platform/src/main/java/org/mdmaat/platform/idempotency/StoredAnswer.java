package org.mdmaat.platform.idempotency;

/**
 * A key's row as the filter reads it: the request it was first used for ({@code fingerprint}) and,
 * once that request answered, the answer to replay.
 */
record StoredAnswer(
    String fingerprint,
    String method,
    String path,
    String state,
    Integer status,
    String contentType,
    String location,
    String body) {
  static final String IN_FLIGHT = "IN_FLIGHT";
  static final String DONE = "DONE";

  boolean done() {
    return DONE.equals(state);
  }
}
