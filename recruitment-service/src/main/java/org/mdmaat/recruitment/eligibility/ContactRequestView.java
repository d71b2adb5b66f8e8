package org.mdmaat.recruitment.eligibility;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A pre-screened candidate who asked to be contacted, for the trial's site coordinators. */
public record ContactRequestView(
    UUID id,
    String trialId,
    UUID recruitmentCallId,
    Result result,
    List<String> criteria,
    ContactDetails contact,
    Instant submittedAt) {

  static ContactRequestView of(PreScreen screen) {
    return new ContactRequestView(
        screen.id,
        screen.trialId,
        screen.recruitmentCallId,
        screen.result,
        screen.criteria.isEmpty() ? List.of() : List.of(screen.criteria.split(",")),
        new ContactDetails(screen.contactName, screen.contactEmail, screen.contactPhone),
        screen.submittedAt);
  }
}
