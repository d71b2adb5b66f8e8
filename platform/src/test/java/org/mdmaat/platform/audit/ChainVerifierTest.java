package org.mdmaat.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

  /** A well-formed chain with seq 10, 20, 30, ... (gaps, as after rolled-back transactions). */
  static List<AuditEntry> chain(int length) {
    var entries = new ArrayList<AuditEntry>();
    String previous = AuditEntry.GENESIS;
    for (int i = 1; i <= length; i++) {
      var entry =
          new AuditEntry(
              UUID.randomUUID(),
              Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i),
              "coordinator.sf",
              "site-coordinator",
              "Participant",
              "p-" + i,
              i == 1 ? "CREATE" : "UPDATE",
              i == 1 ? null : "{\"step\":" + (i - 1) + "}",
              "{\"step\":" + i + "}",
              null,
              "MAPP-1",
              "P-" + i,
              null);
      entry.link(previous);
      previous = entry.getHash();
      entries.add(copy(entry, i * 10L, UnaryOperator.identity()));
    }
    return entries;
  }

  /** The row as stored, with one column changed by {@code tamper} (hash left as it was). */
  static AuditEntry copy(AuditEntry e, long seq, UnaryOperator<String> tamper) {
    return AuditEntry.stored(
        seq,
        e.getId(),
        e.getOccurredAt(),
        e.getActor(),
        e.getActorRoles(),
        e.getEntityType(),
        e.getEntityId(),
        e.getAction(),
        e.getBeforeState(),
        tamper.apply(e.getAfterState()),
        e.getReason(),
        e.getTrialId(),
        e.getParticipantCode(),
        e.getCorrelationId(),
        e.getPrevHash(),
        e.getHash());
  }

  static ChainVerification verify(List<AuditEntry> entries) {
    var verifier = new ChainVerifier();
    for (var entry : entries) {
      if (!verifier.accept(entry)) {
        break;
      }
    }
    return verifier.result();
  }

  @Test
  void anUntouchedChainIsIntact() {
    var result = verify(chain(25));
    assertThat(result).isEqualTo(new ChainVerification(true, 25, null, null));
    assertThat(verify(List.of())).isEqualTo(new ChainVerification(true, 0, null, null));
  }

  @Test
  void anAlteredEntryIsNamedByItsOwnHash() {
    var entries = chain(10);
    var original = entries.get(6);
    entries.set(6, copy(original, original.getSeq(), after -> after.replace("7", "8")));

    var result = verify(entries);

    assertThat(result.intact()).isFalse();
    assertThat(result.firstBrokenSeq()).isEqualTo(70L);
    assertThat(result.entriesChecked()).isEqualTo(7);
    assertThat(result.problem()).contains("entry 70").contains("altered");
  }

  @Test
  void aRemovedEntryIsNamedByTheNextOne() {
    var entries = chain(10);
    entries.remove(3); // seq 40

    var result = verify(entries);

    assertThat(result.intact()).isFalse();
    assertThat(result.firstBrokenSeq()).isEqualTo(50L);
    assertThat(result.problem()).contains("entry 50").contains("entry 30");
  }

  @Test
  void removingTheFirstEntryBreaksTheLinkToTheStart() {
    var entries = chain(3);
    entries.remove(0);

    var result = verify(entries);

    assertThat(result.firstBrokenSeq()).isEqualTo(20L);
    assertThat(result.problem()).contains("start of the chain");
  }

  @Test
  void anEntryAlteredAndResealedIsCaughtByTheNextLink() {
    var entries = chain(5);
    var original = entries.get(1);
    var forged =
        new AuditEntry(
            original.getId(),
            original.getOccurredAt(),
            original.getActor(),
            original.getActorRoles(),
            original.getEntityType(),
            original.getEntityId(),
            original.getAction(),
            original.getBeforeState(),
            "{\"step\":99}",
            original.getReason(),
            original.getTrialId(),
            original.getParticipantCode(),
            original.getCorrelationId());
    forged.link(original.getPrevHash());
    entries.set(1, copy(forged, original.getSeq(), UnaryOperator.identity()));

    var result = verify(entries);

    assertThat(result.firstBrokenSeq()).isEqualTo(30L);
  }

  @Test
  void stopsAtTheFirstBreakEvenWhenFedInBatches() {
    var entries = chain(12);
    entries.set(2, copy(entries.get(2), 30L, after -> "{}"));
    entries.remove(8);
    var verifier = new ChainVerifier();
    for (int from = 0; from < entries.size(); from += 4) {
      entries.subList(from, Math.min(from + 4, entries.size())).forEach(verifier::accept);
    }
    assertThat(verifier.result().firstBrokenSeq()).isEqualTo(30L);
    assertThat(verifier.result().entriesChecked()).isEqualTo(3);
  }
}
