package org.mdmaat.session.accountability;

/** Something in a site's ledger that does not add up. */
public record Discrepancy(String kind, String kitCode, String detail) {
  static final String DISPENSED_WITHOUT_RECEIPT = "DISPENSED_WITHOUT_RECEIPT";
  static final String NEGATIVE_BALANCE = "NEGATIVE_BALANCE";
  static final String RETURNED_MORE_THAN_DISPENSED = "RETURNED_MORE_THAN_DISPENSED";
  static final String SITE_BALANCE_WENT_NEGATIVE = "SITE_BALANCE_WENT_NEGATIVE";
}
