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

  /** Database lock and unlock of a trial's outcome data (key: trial id). */
  public static final String DATA_LOCKS = "outcomes.data-locks";

  /**
   * The one service that may write {@code topic}: the topic's first segment names it ({@code
   * safety.signals} is safety-service's). Consumers refuse an envelope whose {@code source} is
   * anyone else; the broker's ACLs say the same.
   */
  public static String owner(String topic) {
    int dot = topic == null ? -1 : topic.indexOf('.');
    if (dot <= 0) {
      throw new IllegalArgumentException("not a topic of the platform: " + topic);
    }
    String producer = topic.substring(0, dot);
    return switch (producer) {
      case "recruitment", "session", "safety", "outcomes" -> producer + "-service";
      default -> producer;
    };
  }

  /** Where a consumer sends a message it cannot process, so it is kept and the stream moves on. */
  public static String deadLetter(String topic) {
    return topic + ".dlq";
  }
}
