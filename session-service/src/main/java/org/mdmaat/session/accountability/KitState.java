package org.mdmaat.session.accountability;

import java.math.BigDecimal;
import java.util.Map;

/** What the ledger says about one kit (mg HCl), read while the site's ledger is locked. */
record KitState(
    BigDecimal received,
    BigDecimal dispensed,
    BigDecimal returned,
    BigDecimal lost,
    BigDecimal stolen,
    BigDecimal destroyed,
    BigDecimal pendingDestruction) {

  static KitState of(Map<MovementKind, BigDecimal> sums, BigDecimal pendingDestruction) {
    return new KitState(
        mg(sums.get(MovementKind.RECEIVED)),
        mg(sums.get(MovementKind.DISPENSED)),
        mg(sums.get(MovementKind.RETURNED)),
        mg(sums.get(MovementKind.LOST)),
        mg(sums.get(MovementKind.STOLEN)),
        mg(sums.get(MovementKind.DESTROYED)),
        mg(pendingDestruction));
  }

  /** Amounts are mg HCl to two decimals, zero when there is none. */
  static BigDecimal mg(BigDecimal amount) {
    return (amount == null ? BigDecimal.ZERO : amount).setScale(2);
  }

  /** In the kit now. */
  BigDecimal onHand() {
    return received
        .subtract(dispensed)
        .add(returned)
        .subtract(lost)
        .subtract(stolen)
        .subtract(destroyed);
  }

  /** In the kit and not set aside for a destruction: what may be dispensed or destroyed. */
  BigDecimal available() {
    return onHand().subtract(pendingDestruction);
  }

  /** Dispensed and not yet returned: the most that can come back. */
  BigDecimal returnable() {
    return dispensed.subtract(returned);
  }
}
