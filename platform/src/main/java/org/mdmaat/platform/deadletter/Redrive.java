package org.mdmaat.platform.deadletter;

import java.util.List;

/**
 * What one redrive replayed (also the {@code after} of its audit entry).
 *
 * @param topic the topic the records were replayed onto
 * @param deadLetterTopic where they were parked
 * @param replayed how many records were replayed
 * @param eventIds each replayed envelope's id, in replay order ({@code unreadable@partition:offset}
 *     for a record that is not an envelope)
 * @param pending records still parked and not replayed (over the limit, or parked meanwhile)
 */
public record Redrive(
    String topic, String deadLetterTopic, int replayed, List<String> eventIds, long pending) {}
