package org.mdmaat.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergedPageTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static ObjectNode item(String service, long seq, long second) {
    return AuditTrails.JSON
        .createObjectNode()
        .put("service", service)
        .put("seq", seq)
        .put("occurredAt", T0.plusSeconds(second).toString());
  }

  @Test
  void takesTheEarliestHeadEachTimeAndMovesOnlyTheCursorsOfServicesItTookFrom() {
    var a = new MergedPage.ServicePage("a", List.of(item("a", 10, 1), item("a", 11, 5)), 11L);
    var b = new MergedPage.ServicePage("b", List.of(item("b", 7, 2), item("b", 8, 3)), 8L);
    var c = new MergedPage.ServicePage("c", List.of(), null);
    var page = MergedPage.merge(List.of(a, b, c), Map.of("c", 99L), 2);
    assertThat(page.items()).extracting(i -> i.get("seq").asLong()).containsExactly(10L, 7L);
    assertThat(page.next()).containsEntry("a", 10L).containsEntry("b", 7L).containsEntry("c", 99L);
  }

  @Test
  void keepsEachServicesSeqOrderEvenWhenItsClockWentBackwards() {
    var a = new MergedPage.ServicePage("a", List.of(item("a", 1, 5), item("a", 2, 4)), null);
    var b = new MergedPage.ServicePage("b", List.of(item("b", 1, 6)), null);
    var page = MergedPage.merge(List.of(a, b), Map.of(), 10);
    assertThat(page.items())
        .extracting(i -> i.get("service").asText() + i.get("seq").asLong())
        .containsExactly("a1", "a2", "b1");
    assertThat(page.next()).isNull();
  }

  @Test
  void saysThereIsMoreWhileAnyServiceHasMore() {
    var a = new MergedPage.ServicePage("a", List.of(item("a", 1, 1)), 1L);
    assertThat(MergedPage.merge(List.of(a), Map.of(), 1).next()).containsEntry("a", 1L);
  }

  @Test
  void mergingPagesOfASimulatedTrailGivesEveryEntryOnce() {
    // Three services with interleaved times, paged 4 at a time through their "next" cursors.
    var trails = Map.of("x", 11, "y", 5, "z", 0);
    var cursor = Map.<String, Long>of();
    var seen = new ArrayList<String>();
    for (int round = 0; round < 50; round++) {
      var pages = new ArrayList<MergedPage.ServicePage>();
      for (var service : List.of("x", "y", "z")) {
        long after = cursor.getOrDefault(service, 0L);
        var items = new ArrayList<ObjectNode>();
        for (long seq = after + 1; seq <= trails.get(service) && items.size() < 4; seq++) {
          items.add(item(service, seq, seq * 2 + service.charAt(0)));
        }
        pages.add(
            new MergedPage.ServicePage(
                service, items, items.size() < 4 ? null : items.get(3).get("seq").asLong()));
      }
      var page = MergedPage.merge(pages, cursor, 4);
      page.items().forEach(i -> seen.add(i.get("service").asText() + i.get("seq").asLong()));
      if (page.next() == null) {
        break;
      }
      cursor = page.next();
    }
    assertThat(seen).hasSize(16).doesNotHaveDuplicates();
  }

  @Test
  void cursorsRoundTripAndRefuseForgeries() {
    var positions = Map.of("recruitment", 12L, "safety", 1_000_000L);
    assertThat(AuditCursor.decode(AuditCursor.encode(positions))).isEqualTo(positions);
    assertThatThrownBy(() -> AuditCursor.decode("not-ours"))
        .isInstanceOf(IllegalArgumentException.class);
    var forged = java.util.Base64.getUrlEncoder().encodeToString("v1;safety:-1".getBytes());
    assertThatThrownBy(() -> AuditCursor.decode(forged))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
