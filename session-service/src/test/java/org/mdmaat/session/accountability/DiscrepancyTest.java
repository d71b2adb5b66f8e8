package org.mdmaat.session.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The discrepancy report over ledgers the rules would refuse today: lines written before V5 (no
 * receipt, no content, returns beyond dispenses) or changed outside the service.
 */
class DiscrepancyTest {
  private final List<KitMovement> lines = new ArrayList<>();
  private long seq = 0;

  private KitMovement line(
      String kit, MovementKind kind, int mg, KitContent content, Long previous, int balance) {
    var m = new KitMovement();
    m.id = UUID.randomUUID();
    m.seq = ++seq;
    m.previousSeq = previous;
    m.siteCode = "US-SF-01";
    m.kitCode = kit;
    m.kind = kind;
    m.mgHcl = new BigDecimal(mg).setScale(2);
    m.content = content;
    m.balanceAfter = new BigDecimal(balance).setScale(2);
    m.recordedBy = "pharmacist.sf";
    m.recordedAt = Instant.now();
    lines.add(m);
    return m;
  }

  private static Kit kit(String code, KitContent content) {
    var k = new Kit();
    k.kitCode = code;
    k.content = content;
    return k;
  }

  private static List<String> kinds(List<Discrepancy> found, String kit) {
    return found.stream().filter(d -> kit.equals(d.kitCode())).map(Discrepancy::kind).toList();
  }

  @Test
  void aLedgerKeptByTheRulesHasNone() {
    line("A", MovementKind.RECEIVED, 300, KitContent.MDMA, 0L, 300);
    line("B", MovementKind.RECEIVED, 300, KitContent.PLACEBO, 0L, 300);
    line("A", MovementKind.DISPENSED, 80, KitContent.MDMA, 1L, 220);
    line("B", MovementKind.DISPENSED, 80, KitContent.PLACEBO, 2L, 220);
    line("A", MovementKind.RETURNED, 20, KitContent.MDMA, 3L, 240);
    line("A", MovementKind.DESTROYED, 240, KitContent.MDMA, 5L, 0);
    assertThat(
            AccountabilityService.findDiscrepancies(
                lines, List.of(kit("A", KitContent.MDMA), kit("B", KitContent.PLACEBO))))
        .isEmpty();
  }

  @Test
  void linesWrittenBeforeTheRulesAreReported() {
    // Dispensed from a kit never received, its content unknown; more returned than dispensed.
    line("X", MovementKind.DISPENSED, 80, null, 0L, -80);
    line("Y", MovementKind.RECEIVED, 100, KitContent.MDMA, 0L, 100);
    line("Y", MovementKind.RETURNED, 30, KitContent.MDMA, 2L, 130);
    var found = AccountabilityService.findDiscrepancies(lines, List.of(kit("Y", KitContent.MDMA)));
    assertThat(kinds(found, "X"))
        .containsExactlyInAnyOrder(
            Discrepancy.DISPENSED_WITHOUT_RECEIPT,
            Discrepancy.NEGATIVE_BALANCE,
            Discrepancy.CONTENT_NOT_RECORDED,
            Discrepancy.SITE_BALANCE_WENT_NEGATIVE);
    assertThat(kinds(found, "Y")).containsExactly(Discrepancy.RETURNED_MORE_THAN_DISPENSED);
    assertThat(found)
        .filteredOn(d -> d.kind().equals(Discrepancy.SITE_BALANCE_WENT_NEGATIVE))
        .singleElement()
        .satisfies(d -> assertThat(d.seq()).isEqualTo(1L));
  }

  @Test
  void aRunningBalanceThatDoesNotContinueItsLastLineIsReported() {
    line("A", MovementKind.RECEIVED, 300, KitContent.MDMA, 0L, 300);
    line("A", MovementKind.DISPENSED, 80, KitContent.MDMA, 1L, 300); // balance not moved
    line("A", MovementKind.DISPENSED, 80, KitContent.MDMA, 2L, 220); // continues what is stored
    line("B", MovementKind.RECEIVED, 100, KitContent.PLACEBO, 0L, 100);
    line("B", MovementKind.DISPENSED, 40, KitContent.PLACEBO, 0L, 60); // forks the chain
    var found =
        AccountabilityService.findDiscrepancies(
            lines, List.of(kit("A", KitContent.MDMA), kit("B", KitContent.PLACEBO)));
    assertThat(found)
        .extracting(Discrepancy::kind, Discrepancy::seq)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Discrepancy.RUNNING_BALANCE_BROKEN, 2L),
            org.assertj.core.groups.Tuple.tuple(Discrepancy.RUNNING_BALANCE_BROKEN, 5L));
  }
}
