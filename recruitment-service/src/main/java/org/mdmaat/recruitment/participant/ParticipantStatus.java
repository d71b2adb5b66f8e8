package org.mdmaat.recruitment.participant;

import java.util.EnumSet;
import java.util.Set;

/** A candidate's way through the trial, and the moves that make sense from each step. */
public enum ParticipantStatus {
  SCREENING,
  CONSENTED,
  ELIGIBLE,
  ENROLLED,
  RANDOMIZED,
  IN_TREATMENT,
  COMPLETED,
  WITHDRAWN,
  SCREEN_FAILED;

  public Set<ParticipantStatus> next() {
    return switch (this) {
      // Consent comes before any study-specific screening procedure (ICH E6), so eligibility is
      // signed on a consented candidate. Screen failure ends screening; once enrolled a
      // participant can only withdraw.
      case SCREENING -> EnumSet.of(CONSENTED, SCREEN_FAILED, WITHDRAWN);
      case CONSENTED -> EnumSet.of(ELIGIBLE, SCREEN_FAILED, WITHDRAWN);
      case ELIGIBLE -> EnumSet.of(ENROLLED, SCREEN_FAILED, WITHDRAWN);
      case ENROLLED -> EnumSet.of(RANDOMIZED, WITHDRAWN);
      case RANDOMIZED -> EnumSet.of(IN_TREATMENT, WITHDRAWN);
      case IN_TREATMENT -> EnumSet.of(COMPLETED, WITHDRAWN);
      case COMPLETED, WITHDRAWN, SCREEN_FAILED -> EnumSet.noneOf(ParticipantStatus.class);
    };
  }

  public boolean canMoveTo(ParticipantStatus target) {
    return next().contains(target);
  }
}
