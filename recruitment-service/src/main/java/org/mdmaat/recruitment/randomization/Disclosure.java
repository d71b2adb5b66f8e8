package org.mdmaat.recruitment.randomization;

import java.util.List;

/**
 * Arms of a trial's randomized participants, when the asker may see them.
 *
 * @param disclosed false when refused: the trial is blinded and the role is not unblinded
 */
public record Disclosure(boolean disclosed, List<Allocation> allocations) {

  public record Allocation(
      String participantCode, String siteCode, String stratum, String kitCode, String arm) {}

  static Disclosure refused() {
    return new Disclosure(false, List.of());
  }
}
