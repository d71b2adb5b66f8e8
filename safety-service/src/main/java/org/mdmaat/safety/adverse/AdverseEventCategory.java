package org.mdmaat.safety.adverse;

/**
 * What kind of effect. POSITIVE_ABUSE_RELATED (euphoria, elevated mood, "feeling high", drug
 * liking) is its own category: its absence from the first MDMA-AT application left abuse potential
 * unjudgeable.
 */
public enum AdverseEventCategory {
  POSITIVE_ABUSE_RELATED,
  CARDIOVASCULAR,
  PSYCHIATRIC,
  HEPATIC,
  NEUROLOGICAL,
  GASTROINTESTINAL,
  THERMOREGULATORY,
  GENERAL,
  OTHER
}
