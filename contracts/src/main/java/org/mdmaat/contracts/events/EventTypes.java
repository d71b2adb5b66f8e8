package org.mdmaat.contracts.events;

/** The {@code type} of every event on the platform, with the payload record each carries. */
public final class EventTypes {
  private EventTypes() {}

  // recruitment-service
  /** {@link ParticipantEnrolled}. */
  public static final String PARTICIPANT_ENROLLED = "org.mdmaat.recruitment.ParticipantEnrolled";

  /** {@link ParticipantRandomized}. */
  public static final String PARTICIPANT_RANDOMIZED =
      "org.mdmaat.recruitment.ParticipantRandomized";

  /** {@link ParticipantWithdrawn}. */
  public static final String PARTICIPANT_WITHDRAWN = "org.mdmaat.recruitment.ParticipantWithdrawn";

  /** {@link TrialStatusChanged}. */
  public static final String TRIAL_STATUS_CHANGED = "org.mdmaat.recruitment.TrialStatusChanged";

  /** {@link ParticipantEmergencyUnblinded}. */
  public static final String PARTICIPANT_EMERGENCY_UNBLINDED =
      "org.mdmaat.recruitment.ParticipantEmergencyUnblinded";

  /** {@link ParticipantSubgroupsRecorded}. */
  public static final String PARTICIPANT_SUBGROUPS_RECORDED =
      "org.mdmaat.recruitment.ParticipantSubgroupsRecorded";

  /** {@link TrialUnblinded}. */
  public static final String TRIAL_UNBLINDED = "org.mdmaat.recruitment.TrialUnblinded";

  // session-service
  /** {@link SessionScheduled}. */
  public static final String SESSION_SCHEDULED = "org.mdmaat.session.SessionScheduled";

  /** {@link SessionRescheduled}. */
  public static final String SESSION_RESCHEDULED = "org.mdmaat.session.SessionRescheduled";

  /** {@link FollowUpContactsScheduled}. */
  public static final String FOLLOW_UP_CONTACTS_SCHEDULED =
      "org.mdmaat.session.FollowUpContactsScheduled";

  /** {@link SessionCompleted}. */
  public static final String SESSION_COMPLETED = "org.mdmaat.session.SessionCompleted";

  /** {@link DoseAdministered}. */
  public static final String DOSE_ADMINISTERED = "org.mdmaat.session.DoseAdministered";

  /** {@link ProtocolDeviationRecorded}. */
  public static final String PROTOCOL_DEVIATION_RECORDED =
      "org.mdmaat.session.ProtocolDeviationRecorded";

  // safety-service
  /** {@link DosingHoldPlaced}. */
  public static final String DOSING_HOLD_PLACED = "org.mdmaat.safety.DosingHoldPlaced";

  /** {@link DosingHoldLifted}. */
  public static final String DOSING_HOLD_LIFTED = "org.mdmaat.safety.DosingHoldLifted";

  /** {@link TrialEnrollmentPaused}. */
  public static final String TRIAL_ENROLLMENT_PAUSED = "org.mdmaat.safety.TrialEnrollmentPaused";

  /** {@link SeriousAdverseEventReported}. */
  public static final String SERIOUS_ADVERSE_EVENT_REPORTED =
      "org.mdmaat.safety.SeriousAdverseEventReported";

  // outcomes-service
  /** {@link AssessmentRecorded}. */
  public static final String ASSESSMENT_RECORDED = "org.mdmaat.outcomes.AssessmentRecorded";

  /** {@link TrialDataLocked}. */
  public static final String TRIAL_DATA_LOCKED = "org.mdmaat.outcomes.TrialDataLocked";

  /** {@link TrialDataUnlocked}. */
  public static final String TRIAL_DATA_UNLOCKED = "org.mdmaat.outcomes.TrialDataUnlocked";
}
