package org.mdmaat.session.dosing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.mdmaat.session.schedule.SessionKind;
import org.mdmaat.session.schedule.SessionStatus;

/**
 * A dosing session's doses and its supplemental window, for the monitor's dose timeline: the
 * session's doses (never an arm), whether the trial's regimen has a supplemental dose, its window
 * in minutes after the initial dose, and, once the initial dose is given, when the window opens and
 * closes by the same rule the dose check applies ({@link DoseRules#windowCountsFrom}). {@code
 * supplementalOpensAt}/{@code ClosesAt} are null before the initial dose or without a supplemental
 * dose.
 */
public record DoseTimeline(
    UUID sessionId,
    String participantCode,
    String siteCode,
    SessionKind kind,
    int number,
    SessionStatus status,
    List<DoseView> doses,
    boolean supplementalAllowed,
    Integer supplementalEarliestMinutes,
    Integer supplementalLatestMinutes,
    Instant supplementalOpensAt,
    Instant supplementalClosesAt,
    boolean supplementalGiven) {}
