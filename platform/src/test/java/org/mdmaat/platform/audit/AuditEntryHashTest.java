package org.mdmaat.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hash is exactly the documented encoding, so anyone can recompute it from the table. */
class AuditEntryHashTest {
  static final UUID ID = UUID.fromString("7b0f6d1c-2a40-4f7e-9d6b-5b1e0c3a9f21");
  // Tests run in America/Los_Angeles: the hash must not depend on the JVM's zone.
  static final Instant AT = Instant.parse("2025-03-09T10:15:30.1234567Z");

  static AuditEntry entry(String reason, String before, String after) {
    var entry =
        new AuditEntry(
            ID,
            AT,
            "investigator.sf",
            "investigator",
            "DosingHold",
            "h-1",
            "CREATE",
            before,
            after,
            reason,
            "MAPP-1",
            "P-0001",
            "corr-1");
    entry.link(AuditEntry.GENESIS);
    return entry;
  }

  @Test
  void isSha256OfTheLengthPrefixedFieldsInTheDocumentedOrder() throws Exception {
    var entry = entry("systolic 185", null, "{\"active\":true}");

    var bytes = new ByteArrayOutputStream();
    var out = new DataOutputStream(bytes);
    for (String field :
        new String[] {
          "mdmaat-audit-v1",
          ID.toString(),
          "2025-03-09T10:15:30.123456Z",
          "investigator.sf",
          "investigator",
          "DosingHold",
          "h-1",
          "CREATE",
          null,
          "{\"active\":true}",
          "systolic 185",
          "MAPP-1",
          "P-0001",
          "corr-1",
          AuditEntry.GENESIS
        }) {
      write(out, field);
    }
    var expected =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));

    assertThat(entry.getHash()).isEqualTo(expected).matches("[0-9a-f]{64}");
    assertThat(entry.getOccurredAt()).isEqualTo(Instant.parse("2025-03-09T10:15:30.123456Z"));
  }

  @Test
  void distinguishesNullFromEmptyAndWhereFieldsEnd() {
    assertThat(entry(null, null, "{}").getHash()).isNotEqualTo(entry("", null, "{}").getHash());
    // Same concatenation, different fields: the lengths keep them apart.
    assertThat(entry("ab", "c", null).getHash()).isNotEqualTo(entry("a", "bc", null).getHash());
    assertThat(entry("x", null, "{}").getHash()).isEqualTo(entry("x", null, "{}").getHash());
  }

  @Test
  void changesWithThePreviousHash() {
    var first = entry("r", null, "{}");
    var second = entry("r", null, "{}");
    second.link(first.getHash());
    assertThat(second.getHash()).isNotEqualTo(first.getHash());
    assertThat(second.getPrevHash()).isEqualTo(first.getHash());
  }

  private static void write(DataOutputStream out, String field) throws IOException {
    if (field == null) {
      out.writeInt(-1);
    } else {
      byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
      out.writeInt(utf8.length);
      out.write(utf8);
    }
  }

  /**
   * The trace id is stored beside the entry but not hashed: entries written before it existed, and
   * verifiers of the mdmaat-audit-v1 format, keep verifying.
   */
  @Test
  void theTraceIdIsNotHashed() {
    var with =
        new AuditEntry(
            ID,
            AT,
            "investigator.sf",
            "investigator",
            "DosingHold",
            "h-1",
            "CREATE",
            null,
            "{\"active\":true}",
            "systolic 185",
            "MAPP-1",
            "P-0001",
            "corr-1",
            "4bf92f3577b34da6a3ce929d0e0e4736");
    with.link(AuditEntry.GENESIS);
    assertThat(with.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(with.getHash())
        .isEqualTo(entry("systolic 185", null, "{\"active\":true}").getHash());
  }
}
