package org.mdmaat.contracts.events;

/** Marker for the payload records carried in {@link EventEnvelope#data()}. */
public sealed interface Payloads
    permits ParticipantEnrolled,
        ParticipantRandomized,
        ParticipantWithdrawn,
        TrialStatusChanged,
        TrialUnblinded,
        SessionScheduled,
        SessionRescheduled,
        FollowUpContactsScheduled,
        SessionCompleted,
        DoseAdministered,
        ProtocolDeviationRecorded,
        DosingHoldPlaced,
        DosingHoldLifted,
        TrialEnrollmentPaused,
        SeriousAdverseEventReported,
        AssessmentRecorded {}
