package org.mdmaat.recruitment.call;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.mdmaat.recruitment.trial.VisitTemplateSettings;

/**
 * A recruitment call as anyone may read it: only public facts about the trial (no sponsor settings,
 * no randomization, no participants). {@code visitTemplate} is the trial's visit template as stored
 * (what taking part involves: how many preparation, dosing and integration sessions, how far
 * apart); the regimen stays private.
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
    VisitTemplateSettings visitTemplate,
    Instant postedAt,
    Instant closedAt) {

  public record Site(String code, String country, String city) {}

  /** The criteria in plain language, from the rules' messages. */
  public record EligibilitySummary(List<String> inclusion, List<String> exclusion) {}
}
