package org.mdmaat.platform.problem;

/**
 * One thing wrong with a request, named by its field path (e.g. {@code sites[0].code}) so a client
 * can show the message next to the input.
 *
 * @param field path of the offending field, or null when the problem is not about one field
 * @param message what is wrong, in words a user can act on
 */
public record Violation(String field, String message) {}
