package org.mdmaat.recruitment.trial;

/** Where the allocation lists' seed comes from. */
public enum SeedHandling {
  /** Drawn by the service from SecureRandom when the trial is created; never shown. */
  GENERATED,
  /** Given by the sponsor's independent statistician, so the lists can be regenerated. */
  PROVIDED
}
