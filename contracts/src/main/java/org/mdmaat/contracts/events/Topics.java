package org.mdmaat.contracts.events;

/**
 * Kafka topics, one per producing service and aggregate. Events of one participant share a message
 * key (the participant code), so they stay in order on one partition.
 */
public final class Topics {
  private Topics() {}

  public static final String PARTICIPANTS = "recruitment.participants";
  public static final String TRIALS = "recruitment.trials";
  public static final String SESSIONS = "session.sessions";
  public static final String DOSING_HOLDS = "safety.dosing-holds";
  public static final String SAFETY_SIGNALS = "safety.signals";
  public static final String ASSESSMENTS = "outcomes.assessments";

  /** Where a consumer sends a message it cannot process, so it is kept and the stream moves on. */
  public static String deadLetter(String topic) {
    return topic + ".dlq";
  }
}
