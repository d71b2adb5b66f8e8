package org.mdmaat.safety.followup;

/**
 * The positive (abuse-related) effects asked about after every dosing session, each by name: the
 * first MDMA-AT application left abuse potential unjudgeable because such effects were only
 * recorded when volunteered.
 */
public enum SolicitedPositiveEffect {
  EUPHORIC_MOOD("euphoric mood"),
  ELEVATED_MOOD("elevated mood"),
  FEELING_HIGH("feeling high"),
  DRUG_LIKING("drug liking"),
  DESIRE_TO_TAKE_AGAIN("desire to take the drug again"),
  FEELING_OF_RELAXATION("feeling of relaxation");

  /** The adverse event term a positive answer is recorded under. */
  public final String term;

  SolicitedPositiveEffect(String term) {
    this.term = term;
  }
}
