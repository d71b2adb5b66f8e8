package org.mdmaat.safety.adverse;

/** The investigator's causality assessment against the study drug. */
public enum Relatedness {
  NOT_RELATED,
  UNLIKELY,
  POSSIBLE,
  PROBABLE,
  DEFINITE;

  /** A "reasonable possibility" (21 CFR 312.32(a)): a suspected adverse reaction. */
  public boolean suspected() {
    return this == POSSIBLE || this == PROBABLE || this == DEFINITE;
  }
}
