package org.mdmaat.recruitment.trial;

/** How doses are set: MAPP's fixed split dose, or milligrams per kilogram of body weight. */
public enum RegimenKind {
  FIXED_SPLIT,
  WEIGHT_BASED
}
