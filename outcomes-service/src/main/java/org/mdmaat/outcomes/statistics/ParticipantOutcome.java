package org.mdmaat.outcomes.statistics;

/**
 * One participant's result at a timepoint, with what statistics compare it against.
 *
 * @param baseline the baseline total, or null when no baseline was recorded
 * @param diagnosedAtBaseline the instrument's diagnosis flag at baseline (null: none / no baseline)
 * @param diagnosedNow the diagnosis flag at this timepoint (null: the instrument has none)
 */
public record ParticipantOutcome(
    int total, Integer baseline, Boolean diagnosedAtBaseline, Boolean diagnosedNow) {}
