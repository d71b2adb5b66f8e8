package org.mdmaat.session.accountability;

import java.math.BigDecimal;

/**
 * What happened to study drug at a site. RETURNED is drug dispensed but not given, back into the
 * site's stock.
 */
public enum MovementKind {
  RECEIVED(1),
  DISPENSED(-1),
  RETURNED(1),
  DESTROYED(-1);

  private final int sign;

  MovementKind(int sign) {
    this.sign = sign;
  }

  BigDecimal signed(BigDecimal mg) {
    return sign > 0 ? mg : mg.negate();
  }
}
