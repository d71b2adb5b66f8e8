package org.mdmaat.platform.deadletter;

/**
 * One dead-letter topic of this service's own topics.
 *
 * @param topic the topic its records are replayed onto
 * @param deadLetterTopic {@code <topic>.dlq}
 * @param parked records held on the dead-letter topic (within its retention)
 * @param pending of those, the ones no redrive of this service has replayed yet
 */
public record DeadLetterTopic(String topic, String deadLetterTopic, long parked, long pending) {}
