package org.mdmaat.session.accountability;

/**
 * Something in a site's ledger that does not add up. The rules refuse these now; they can still be
 * found in lines written before the rules (V5) or changed outside the service.
 *
 * @param seq the ledger line where it shows, when one does
 */
public record Discrepancy(String kind, String kitCode, Long seq, String detail) {
  static final String DISPENSED_WITHOUT_RECEIPT = "DISPENSED_WITHOUT_RECEIPT";
  static final String NEGATIVE_BALANCE = "NEGATIVE_BALANCE";
  static final String RETURNED_MORE_THAN_DISPENSED = "RETURNED_MORE_THAN_DISPENSED";
  static final String CONTENT_NOT_RECORDED = "CONTENT_NOT_RECORDED";
  static final String SITE_BALANCE_WENT_NEGATIVE = "SITE_BALANCE_WENT_NEGATIVE";
  static final String RUNNING_BALANCE_BROKEN = "RUNNING_BALANCE_BROKEN";
}
