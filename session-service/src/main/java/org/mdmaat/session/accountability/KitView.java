package org.mdmaat.session.accountability;

import java.math.BigDecimal;
import java.time.Instant;

/** One kit's totals (mg HCl) at its site, with its content: pharmacists only. */
public record KitView(
    String kitCode,
    KitContent content,
    BigDecimal received,
    BigDecimal dispensed,
    BigDecimal returned,
    BigDecimal lost,
    BigDecimal stolen,
    BigDecimal destroyed,
    BigDecimal pendingDestruction,
    BigDecimal balance,
    BigDecimal available,
    long receivedSeq,
    String receivedBy,
    Instant receivedAt) {
  static KitView of(Kit kit, KitState state) {
    return new KitView(
        kit.kitCode,
        kit.content,
        state.received(),
        state.dispensed(),
        state.returned(),
        state.lost(),
        state.stolen(),
        state.destroyed(),
        state.pendingDestruction(),
        state.onHand(),
        state.available(),
        kit.receivedSeq,
        kit.receivedBy,
        kit.receivedAt);
  }
}
