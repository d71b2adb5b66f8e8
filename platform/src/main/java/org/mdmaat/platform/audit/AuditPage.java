package org.mdmaat.platform.audit;

import java.util.List;

/**
 * One page of the audit trail.
 *
 * @param items entries in seq order
 * @param nextAfter pass as {@code after} to get the next page; null when this page is the last
 */
public record AuditPage(List<AuditEntryView> items, Long nextAfter) {

  static AuditPage of(List<AuditEntry> entries, int limit) {
    var items = entries.stream().map(AuditEntryView::of).toList();
    Long next = entries.size() < limit ? null : entries.get(entries.size() - 1).getSeq();
    return new AuditPage(items, next);
  }
}
