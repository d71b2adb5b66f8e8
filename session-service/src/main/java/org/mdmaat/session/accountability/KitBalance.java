package org.mdmaat.session.accountability;

import java.math.BigDecimal;
import java.util.List;

/** A site's balance (mg HCl) in all and per kit. */
public record KitBalance(String siteCode, BigDecimal balanceMgHcl, List<Kit> kits) {
  public record Kit(
      String kitCode,
      String arm,
      BigDecimal received,
      BigDecimal dispensed,
      BigDecimal returned,
      BigDecimal destroyed,
      BigDecimal balance) {}
}
