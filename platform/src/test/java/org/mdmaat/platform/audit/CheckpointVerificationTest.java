package org.mdmaat.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdmaat.platform.audit.ChainVerifierTest.chain;
import static org.mdmaat.platform.audit.ChainVerifierTest.copy;

import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The chain checked against signed checkpoints, and the checkpoints' own signatures. */
class CheckpointVerificationTest {
  private static final java.security.KeyPair KEYS = keys();

  private static java.security.KeyPair keys() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static Checkpoint checkpointOf(AuditEntry head) {
    var id = UUID.randomUUID();
    var at = Instant.parse("2025-01-02T00:00:00Z").plusSeconds(head.getSeq());
    var keyId = Checkpoints.keyId(KEYS.getPublic());
    var payload = Checkpoint.payload(id, "svc", "audit", head.getSeq(), head.getHash(), at, keyId);
    var signature =
        Base64.getEncoder().encodeToString(Checkpoints.sign(KEYS.getPrivate(), payload));
    return new Checkpoint(id, "svc", "audit", head.getSeq(), head.getHash(), at, keyId, signature);
  }

  static ChainVerification verify(List<AuditEntry> entries, List<Checkpoint> checkpoints) {
    var verifier = new ChainVerifier(checkpoints);
    for (var entry : entries) {
      if (!verifier.accept(entry)) {
        break;
      }
    }
    return verifier.result();
  }

  /** Entries from {@code from} on rewritten (after_state changed) and re-hashed forward. */
  static List<AuditEntry> rewrittenFrom(List<AuditEntry> entries, int from) {
    var result = new ArrayList<>(entries.subList(0, from));
    String previous = from == 0 ? AuditEntry.GENESIS : entries.get(from - 1).getHash();
    for (int i = from; i < entries.size(); i++) {
      var e = entries.get(i);
      var forged =
          new AuditEntry(
              e.getId(),
              e.getOccurredAt(),
              e.getActor(),
              e.getActorRoles(),
              e.getEntityType(),
              e.getEntityId(),
              e.getAction(),
              e.getBeforeState(),
              i == from ? "{\"step\":999}" : e.getAfterState(),
              e.getReason(),
              e.getTrialId(),
              e.getParticipantCode(),
              e.getCorrelationId());
      forged.link(previous);
      previous = forged.getHash();
      result.add(copy(forged, e.getSeq(), UnaryOperator.identity()));
    }
    return result;
  }

  @Test
  void anUntouchedChainMatchesEveryCheckpoint() {
    var entries = chain(10);
    var result =
        verify(entries, List.of(checkpointOf(entries.get(3)), checkpointOf(entries.get(9))));
    assertThat(result.intact()).isTrue();
    assertThat(result.checkpointsChecked()).isEqualTo(2);
    assertThat(result.newestCheckpointSeq()).isEqualTo(100L);
  }

  @Test
  void aChainRewrittenAndReHashedForwardFailsAtTheFirstCheckpointedEntry() {
    var entries = chain(10);
    var checkpoints = List.of(checkpointOf(entries.get(2)), checkpointOf(entries.get(7)));
    var rewritten = rewrittenFrom(entries, 4); // seq 50 on; links and hashes all consistent
    assertThat(verify(rewritten, List.of()).intact()).isTrue();

    var result = verify(rewritten, checkpoints);

    assertThat(result.intact()).isFalse();
    assertThat(result.firstBrokenSeq()).isEqualTo(80L);
    assertThat(result.problem())
        .contains("entry 80")
        .contains("after entry 30")
        .contains("rewritten");
  }

  @Test
  void theNewestEntriesRemovedBelowTheNewestCheckpointAreNamed() {
    var entries = chain(10);
    var checkpoints = List.of(checkpointOf(entries.get(7)));
    var cut = new ArrayList<>(entries.subList(0, 6)); // 70..100 removed

    var result = verify(cut, checkpoints);

    assertThat(result.intact()).isFalse();
    assertThat(result.firstBrokenSeq()).isEqualTo(80L);
    assertThat(result.problem()).contains("entry 80").contains("gone").contains("after entry 60");
  }

  @Test
  void entriesRemovedAboveTheNewestCheckpointAreNotYetCovered() {
    var entries = chain(10);
    var result = verify(entries.subList(0, 9), List.of(checkpointOf(entries.get(7))));
    assertThat(result.intact()).isTrue();
  }

  @Test
  void aCheckpointedEntryRemovedAndTheRestReHashedIsNamed() {
    var entries = chain(6);
    var checkpoints = List.of(checkpointOf(entries.get(2))); // seq 30
    var without = new ArrayList<>(entries);
    without.remove(2);
    var rehashed = rewrittenFrom(without, 2);

    var result = verify(rehashed, checkpoints);

    assertThat(result.firstBrokenSeq()).isEqualTo(30L);
    assertThat(result.problem()).contains("gone");
  }

  @Test
  void aSignatureHoldsOnlyForTheSignedContentsAndKey() throws Exception {
    var entries = chain(3);
    var checkpoint = checkpointOf(entries.get(2));
    assertThat(Checkpoints.signedBy(checkpoint, KEYS.getPublic())).isTrue();
    var replaced =
        new Checkpoint(
            checkpoint.id(),
            checkpoint.service(),
            checkpoint.chain(),
            checkpoint.headSeq(),
            "f".repeat(64),
            checkpoint.signedAt(),
            checkpoint.keyId(),
            checkpoint.signature());
    assertThat(Checkpoints.signedBy(replaced, KEYS.getPublic())).isFalse();
    var other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertThat(Checkpoints.signedBy(checkpoint, other.getPublic())).isFalse();
    var garbage =
        new Checkpoint(
            checkpoint.id(),
            checkpoint.service(),
            checkpoint.chain(),
            checkpoint.headSeq(),
            checkpoint.headHash(),
            checkpoint.signedAt(),
            checkpoint.keyId(),
            "not base64!");
    assertThat(Checkpoints.signedBy(garbage, KEYS.getPublic())).isFalse();
  }
}
