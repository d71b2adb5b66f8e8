package org.mdmaat.auditverifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline check on exports written here in the API's formats. (That it agrees with the API's
 * own verify on a real service is platform's AuditCheckpointsTest.)
 */
class OfflineVerifierTest {
  @TempDir Path root;
  private Path dir;
  private KeyPair keys;

  @BeforeEach
  void keys() throws Exception {
    dir = Files.createDirectories(root.resolve("safety"));
    keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Files.writeString(
        dir.resolve("public-key.pem"),
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");
  }

  /** Entries seq 10, 20, ... with {@code after} states, linked and hashed. */
  static List<String> chain(int length, int rewriteFrom) {
    var lines = new ArrayList<String>();
    String prev = OfflineVerifier.GENESIS;
    for (int i = 1; i <= length; i++) {
      var after =
          i >= rewriteFrom
              ? "{\"dose\":12,\"step\":" + i + "}"
              : "{\"dose\":120,\"step\":" + i + "}";
      var body =
          "{\"seq\":"
              + i * 10
              + ",\"id\":\"00000000-0000-0000-0000-0000000000"
              + String.format("%02d", i)
              + "\",\"occurredAt\":\"2026-03-01T09:00:0"
              + (i % 10)
              + ".1234Z\",\"actor\":\"investigator.sf\",\"actorRoles\":\"investigator\","
              + "\"entityType\":\"DosingHold\",\"entityId\":\"H-"
              + i
              + "\",\"action\":\"CREATE\",\"before\":null,\"after\":"
              + after
              + ",\"reason\":\"=cmd|' /C calc'!A0\",\"trialId\":\"MAPP-1\","
              + "\"participantCode\":null,\"correlationId\":\"c-"
              + i
              + "\",\"prevHash\":\""
              + prev
              + "\"";
      var hash = OfflineVerifier.hash(Json.object(body + ",\"hash\":null}"));
      lines.add(body + ",\"hash\":\"" + hash + "\"}");
      prev = hash;
    }
    return lines;
  }

  /** Access log entries seq 1, 2, ..., linked and hashed. */
  static List<String> accessChain(int length) {
    var lines = new ArrayList<String>();
    String prev = OfflineVerifier.GENESIS;
    for (int i = 1; i <= length; i++) {
      var body =
          "{\"seq\":"
              + i
              + ",\"id\":\"10000000-0000-0000-0000-0000000000"
              + String.format("%02d", i)
              + "\",\"occurredAt\":\"2026-03-01T10:00:0"
              + i
              + ".5Z\",\"actor\":\"regulator.fda\",\"actorId\":\"4b1c-sub\","
              + "\"actorRoles\":\"regulator\",\"resourceKind\":\"audit-trail\","
              + "\"resource\":\"limit=100\",\"reason\":"
              + (i % 2 == 0 ? "null" : "\"inspection\"")
              + ",\"correlationId\":\"c-"
              + i
              + "\",\"prevHash\":\""
              + prev
              + "\"";
      var hash = OfflineVerifier.accessHash(Json.object(body + ",\"hash\":null}"));
      lines.add(body + ",\"hash\":\"" + hash + "\"}");
      prev = hash;
    }
    return lines;
  }

  private String checkpoint(long seq, String hash) throws Exception {
    return checkpoint("audit", seq, hash);
  }

  private String checkpoint(String chain, long seq, String hash) throws Exception {
    var id = UUID.randomUUID().toString();
    var at = Instant.parse("2026-03-02T00:00:00.123456Z").plusSeconds(seq).toString();
    var keyId = OfflineVerifier.keyId(keys.getPublic());
    var payload =
        String.join(
                "\n",
                "mdmaat-checkpoint-v1",
                id,
                "safety-service",
                chain,
                "" + seq,
                hash,
                at,
                keyId)
            + "\n";
    var signer = Signature.getInstance("Ed25519");
    signer.initSign(keys.getPrivate());
    signer.update(payload.getBytes(StandardCharsets.UTF_8));
    var signature = Base64.getEncoder().encodeToString(signer.sign());
    return "{\"id\":\"%s\",\"service\":\"safety-service\",\"chain\":\"%s\",\"headSeq\":%d,\"headHash\":\"%s\",\"signedAt\":\"%s\",\"keyId\":\"%s\",\"signature\":\"%s\"}"
        .formatted(id, chain, seq, hash, at, keyId, signature);
  }

  private static String hashOf(String line) {
    return Json.object(line).get("hash").string();
  }

  private void write(List<String> entries, List<String> checkpoints) throws Exception {
    Files.write(dir.resolve("entries.ndjson"), entries);
    Files.createDirectories(dir.resolve("checkpoints"));
    Files.write(dir.resolve("checkpoints/checkpoints-1.ndjson"), checkpoints);
  }

  private String run() {
    var out = new ByteArrayOutputStream();
    int code = Main.run(new String[] {root.toString()}, new PrintStream(out), System.err);
    return code + " " + out.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void anUntouchedExportIsIntact() throws Exception {
    var entries = chain(6, 99);
    write(
        entries,
        List.of(checkpoint(30, hashOf(entries.get(2))), checkpoint(60, hashOf(entries.get(5)))));
    assertThat(run()).isEqualTo("0 safety: INTACT (6 entries, 2 signed checkpoints)");
  }

  @Test
  void anEditedEntryIsNamed() throws Exception {
    var entries = new ArrayList<>(chain(6, 99));
    entries.set(3, entries.get(3).replace("\"dose\":120", "\"dose\":12"));
    write(entries, List.of());
    assertThat(run()).startsWith("1 safety: BROKEN at entry 40: entry 40 does not match its hash");
  }

  @Test
  void aRewriteReHashedForwardIsNamedAtTheFirstCheckpointAfterIt() throws Exception {
    var original = chain(6, 99);
    var checkpoints =
        List.of(checkpoint(20, hashOf(original.get(1))), checkpoint(50, hashOf(original.get(4))));
    write(chain(6, 3), checkpoints); // seq 30 on rewritten, every hash recomputed
    assertThat(run())
        .startsWith("1 safety: BROKEN at entry 50: entry 50 no longer has the hash")
        .contains("after entry 20");
  }

  @Test
  void theNewestEntriesRemovedBelowTheNewestCheckpointAreNamed() throws Exception {
    var entries = chain(6, 99);
    write(entries.subList(0, 3), List.of(checkpoint(50, hashOf(entries.get(4)))));
    assertThat(run())
        .startsWith("1 safety: BROKEN at entry 50: entry 50, signed by the checkpoint")
        .contains("gone");
  }

  @Test
  void aReplacedCheckpointIsNamed() throws Exception {
    var entries = chain(4, 99);
    var replaced =
        checkpoint(40, hashOf(entries.get(3))).replace(hashOf(entries.get(3)), "a".repeat(64));
    write(entries, List.of(replaced));
    assertThat(run())
        .startsWith("1 safety: BROKEN at entry 40: the checkpoint")
        .contains("not validly signed");
  }

  @Test
  void anAccessLogBesideTheEntriesIsCheckedAgainstItsOwnCheckpoints() throws Exception {
    var entries = chain(3, 99);
    var access = accessChain(4);
    write(
        entries,
        List.of(
            checkpoint(30, hashOf(entries.get(2))),
            checkpoint("access", 3, hashOf(access.get(2)))));
    Files.write(dir.resolve("access-log.ndjson"), access);
    assertThat(run())
        .isEqualTo(
            "0 safety: INTACT (3 entries, 1 signed checkpoints;"
                + " access log 4 entries, 1 signed checkpoints)");
  }

  @Test
  void anEditedAccessEntryBreaksTheExport() throws Exception {
    var entries = chain(3, 99);
    var access = new ArrayList<>(accessChain(4));
    access.set(1, access.get(1).replace("\"reason\":null", "\"reason\":\"routine\""));
    write(entries, List.of());
    Files.write(dir.resolve("access-log.ndjson"), access);
    assertThat(run())
        .startsWith(
            "1 safety: BROKEN: the access log is broken at its entry 2:"
                + " entry 2 does not match its hash");
  }

  @Test
  void accessEntriesRemovedBelowTheirCheckpointAreNamed() throws Exception {
    var entries = chain(3, 99);
    var access = accessChain(4);
    write(entries, List.of(checkpoint("access", 4, hashOf(access.get(3)))));
    Files.write(dir.resolve("access-log.ndjson"), access.subList(0, 2));
    assertThat(run())
        .startsWith("1 safety: BROKEN: the access log is broken at its entry 4: entry 4, signed")
        .contains("gone");
  }

  @Test
  void anExportThatCannotBeReadIsExitTwo() {
    var err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {root.resolve("nowhere").toString()}, System.out, new PrintStream(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot verify");
  }
}
