package org.mdmaat.session.accountability;

/**
 * What a kit holds, recorded by the pharmacist on receipt. It is the participant's arm: only
 * pharmacists see it; the audit trail and every blinded answer carry the kit code alone.
 */
public enum KitContent {
  /** MDMA HCl: Schedule I, the controlled-substance balance. */
  MDMA,
  /** Placebo: tracked the same way, in a balance of its own. */
  PLACEBO
}
