package org.mdmaat.session.accountability;

import java.math.BigDecimal;

/**
 * A site's balances (mg HCl): the controlled substance (MDMA) and placebo apart, each the running
 * balance of its last ledger line. Pharmacists only: the MDMA balance moves when an MDMA kit is
 * dispensed, so it tells the arm of every dose.
 *
 * @param contentNotRecordedMgHcl balance of lines written before contents were recorded on every
 *     line and whose kit's receipt named none; null when there are none
 */
public record KitBalance(
    String siteCode,
    ContentBalance mdma,
    ContentBalance placebo,
    BigDecimal contentNotRecordedMgHcl,
    long lastSeq) {

  /**
   * @param kits kits of this content received at the site
   * @param onHandMgHcl the running balance after the content's last line
   * @param pendingDestructionMgHcl set aside by destructions still waiting for witnesses
   * @param availableMgHcl on hand and not set aside: what can still be dispensed
   */
  public record ContentBalance(
      KitContent content,
      long kits,
      BigDecimal onHandMgHcl,
      BigDecimal pendingDestructionMgHcl,
      BigDecimal availableMgHcl,
      long lastSeq) {}
}
