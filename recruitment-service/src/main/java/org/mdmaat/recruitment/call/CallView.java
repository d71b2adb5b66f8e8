package org.mdmaat.recruitment.call;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A recruitment call as anyone may read it: only public facts about the trial (no sponsor settings,
 * no randomization, no participants).
 */
public record CallView(
    UUID id,
    String trialId,
    String protocolCode,
    String title,
    String phase,
    String condition,
    String status,
    boolean open,
    String summary,
    List<Site> sites,
    EligibilitySummary eligibility,
    Instant postedAt,
    Instant closedAt) {

  public record Site(String code, String country, String city) {}

  /** The criteria in plain language, from the rules' messages. */
  public record EligibilitySummary(List<String> inclusion, List<String> exclusion) {}
}
