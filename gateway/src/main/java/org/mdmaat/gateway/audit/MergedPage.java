package org.mdmaat.gateway.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One page of the audit trails of all services, merged by time.
 *
 * @param items entries, each with a {@code service} field, oldest first
 * @param next where each service's trail continues; null when every trail is exhausted
 */
record MergedPage(List<ObjectNode> items, Map<String, Long> next) {

  /** One service's page, as it answered. */
  record ServicePage(String service, List<ObjectNode> items, Long nextAfter) {}

  /** Oldest first; at the same instant by service name, then seq (the export merges alike). */
  static final Comparator<ObjectNode> ORDER =
      Comparator.comparing((ObjectNode item) -> occurredAt(item))
          .thenComparing(item -> item.path("service").asText())
          .thenComparingLong(item -> item.path("seq").asLong());

  /**
   * A k-way merge of the services' pages (each in seq order) by occurredAt, taking at most {@code
   * limit} entries. Each service's entries keep their seq order, and a service's cursor moves only
   * past entries given out, so no entry is skipped or repeated across pages. Every service was
   * asked for {@code limit} entries, so a service cannot run out of fetched entries while it still
   * has more, before the page is full.
   */
  static MergedPage merge(List<ServicePage> pages, Map<String, Long> cursor, int limit) {
    int[] taken = new int[pages.size()];
    var items = new ArrayList<ObjectNode>(limit);
    while (items.size() < limit) {
      int best = -1;
      for (int i = 0; i < pages.size(); i++) {
        var page = pages.get(i);
        if (taken[i] < page.items().size()
            && (best < 0
                || ORDER.compare(
                        page.items().get(taken[i]), pages.get(best).items().get(taken[best]))
                    < 0)) {
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      items.add(pages.get(best).items().get(taken[best]++));
    }
    var next = new TreeMap<>(cursor);
    boolean more = false;
    for (int i = 0; i < pages.size(); i++) {
      var page = pages.get(i);
      if (taken[i] > 0) {
        next.put(page.service(), page.items().get(taken[i] - 1).path("seq").asLong());
      }
      more |= taken[i] < page.items().size() || page.nextAfter() != null;
    }
    return new MergedPage(items, more ? next : null);
  }

  static Instant occurredAt(ObjectNode item) {
    return occurredAt(item.path("occurredAt").asText());
  }

  /** The time an entry occurred; the epoch for text that is not one (as the order has it). */
  static Instant occurredAt(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
