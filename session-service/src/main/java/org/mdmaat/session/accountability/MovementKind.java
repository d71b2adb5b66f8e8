package org.mdmaat.session.accountability;

import java.math.BigDecimal;

/**
 * What happened to study drug at a site. RETURNED is drug dispensed but not given, back into the
 * site's stock. LOST and STOLEN carry a report (DEA Form 106). DESTROYED is written only once two
 * witnesses have signed the destruction.
 */
public enum MovementKind {
  RECEIVED(1),
  DISPENSED(-1),
  RETURNED(1),
  LOST(-1),
  STOLEN(-1),
  DESTROYED(-1);

  private final int sign;

  MovementKind(int sign) {
    this.sign = sign;
  }

  BigDecimal signed(BigDecimal mg) {
    return sign > 0 ? mg : mg.negate();
  }

  boolean incident() {
    return this == LOST || this == STOLEN;
  }
}
