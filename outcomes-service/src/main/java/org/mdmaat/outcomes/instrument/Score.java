package org.mdmaat.outcomes.instrument;

import java.util.Map;

/**
 * What an instrument's scoring rules give for one set of responses.
 *
 * @param subscales sum per subscale code
 * @param band the severity band of the total, or null when the instrument has none
 * @param flags every derived flag by code
 */
public record Score(
    int total, Map<String, Integer> subscales, String band, Map<String, Boolean> flags) {}
