package org.mdmaat.recruitment.trial;

import java.util.EnumSet;
import java.util.Set;

/** ClinicalTrials.gov recruitment statuses and the moves between them that make sense. */
public enum TrialStatus {
  NOT_YET_RECRUITING,
  RECRUITING,
  ENROLLING_BY_INVITATION,
  ACTIVE_NOT_RECRUITING,
  SUSPENDED,
  TERMINATED,
  COMPLETED,
  WITHDRAWN;

  /** The statuses this one may move to; TERMINATED, COMPLETED and WITHDRAWN are final. */
  public Set<TrialStatus> next() {
    return switch (this) {
      // WITHDRAWN: halted before the first participant was enrolled.
      case NOT_YET_RECRUITING -> EnumSet.of(RECRUITING, ENROLLING_BY_INVITATION, WITHDRAWN);
      case RECRUITING ->
          EnumSet.of(
              ENROLLING_BY_INVITATION, ACTIVE_NOT_RECRUITING, SUSPENDED, TERMINATED, COMPLETED);
      case ENROLLING_BY_INVITATION ->
          EnumSet.of(RECRUITING, ACTIVE_NOT_RECRUITING, SUSPENDED, TERMINATED, COMPLETED);
      case ACTIVE_NOT_RECRUITING -> EnumSet.of(RECRUITING, SUSPENDED, TERMINATED, COMPLETED);
      case SUSPENDED ->
          EnumSet.of(RECRUITING, ENROLLING_BY_INVITATION, ACTIVE_NOT_RECRUITING, TERMINATED);
      case TERMINATED, COMPLETED, WITHDRAWN -> EnumSet.noneOf(TrialStatus.class);
    };
  }

  public boolean canMoveTo(TrialStatus target) {
    return next().contains(target);
  }

  /** Whether candidates may be enrolled and randomized. */
  public boolean enrolling() {
    return this == RECRUITING || this == ENROLLING_BY_INVITATION;
  }
}
