package org.mdmaat.auditverifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Checks one service's audit export with nothing but the JDK: every entry's SHA-256 and link, and
 * the chain against every checkpoint validly signed by the service's public key, as the platform's
 * {@code GET <service>/audit/verify} does (platform README: the entry hash, "Signed checkpoints").
 *
 * <p>A service's export is a directory: {@code entries.ndjson} (the entries in seq order, as {@code
 * GET <service>/audit} or the gateway's NDJSON export gives them), {@code checkpoints/} (the
 * service's checkpoint files, {@code *.ndjson}, from its checkpoint store) and {@code
 * public-key.pem} (the key the sponsor handed over, X.509 PEM).
 */
public final class OfflineVerifier {
  static final String GENESIS = "0".repeat(64);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private OfflineVerifier() {}

  /**
   * The outcome for one service, in the API's terms; {@code accessLog} is the access log's own
   * (null when the export has none), and a broken access log makes the whole not intact.
   */
  public record Result(
      String service,
      boolean intact,
      long entriesChecked,
      Long firstBrokenSeq,
      String problem,
      int checkpointsChecked,
      Result accessLog) {

    Result(
        String service,
        boolean intact,
        long entriesChecked,
        Long firstBrokenSeq,
        String problem,
        int checkpointsChecked) {
      this(service, intact, entriesChecked, firstBrokenSeq, problem, checkpointsChecked, null);
    }

    /** As the API's {@code withAccessLog}: the audit chain's seq, the access log's problem. */
    Result withAccessLog(Result access) {
      String why = problem;
      if (why == null && !access.intact()) {
        why =
            "the access log is broken at its entry "
                + access.firstBrokenSeq()
                + ": "
                + access.problem();
      }
      return new Result(
          service,
          intact && access.intact(),
          entriesChecked,
          firstBrokenSeq,
          why,
          checkpointsChecked,
          access);
    }

    /** The line printed for the inspector. */
    public String line() {
      if (!intact) {
        return firstBrokenSeq == null
            ? service + ": BROKEN: " + problem
            : service + ": BROKEN at entry " + firstBrokenSeq + ": " + problem;
      }
      return service
          + ": INTACT ("
          + entriesChecked
          + " entries, "
          + checkpointsChecked
          + " signed checkpoints"
          + (accessLog == null
              ? ""
              : "; access log "
                  + accessLog.entriesChecked()
                  + " entries, "
                  + accessLog.checkpointsChecked()
                  + " signed checkpoints")
          + ")";
    }
  }

  record Checkpoint(
      String id,
      String service,
      String chain,
      long headSeq,
      String headHash,
      String signedAt,
      String keyId,
      String signature) {}

  /**
   * Verifies the export in {@code dir}; the directory's name is the service's name here. With an
   * {@code access-log.ndjson} (the service's access log, as {@code GET <service>/audit/access-log}
   * pages give it) it also verifies that chain against the {@code access} checkpoints.
   */
  public static Result verify(Path dir) {
    var key = publicKey(dir.resolve("public-key.pem"));
    var all = checkpoints(dir.resolve("checkpoints"));
    var audit = verify(dir, "audit", dir.resolve("entries.ndjson"), all, key);
    var accessLog = dir.resolve("access-log.ndjson");
    if (!Files.exists(accessLog)) {
      return audit;
    }
    return audit.withAccessLog(verify(dir, "access", accessLog, all, key));
  }

  private static Result verify(
      Path dir, String chain, Path entries, List<Checkpoint> all, PublicKey key) {
    var name = dir.getFileName().toString();
    var keyId = keyId(key);
    var checkpoints = new NavigableMapHolder();
    String signer = null;
    for (var checkpoint : all) {
      if (!chain.equals(checkpoint.chain())) {
        continue;
      }
      if (signer == null) {
        signer = checkpoint.service();
      }
      if (!signer.equals(checkpoint.service()) || !signedBy(checkpoint, key)) {
        return new Result(
            name,
            false,
            0,
            checkpoint.headSeq(),
            "the checkpoint "
                + checkpoint.id()
                + " of entry "
                + checkpoint.headSeq()
                + " is not validly signed by this service's key "
                + keyId
                + ": it was altered, replaced or forged",
            0);
      }
      if (checkpoint.headSeq() > 0) {
        checkpoints.map.merge(
            checkpoint.headSeq(),
            checkpoint,
            (a, b) -> Instant.parse(a.signedAt()).isBefore(Instant.parse(b.signedAt())) ? a : b);
      }
    }
    return walk(
        name,
        entries,
        checkpoints.map,
        "access".equals(chain) ? OfflineVerifier::accessHash : OfflineVerifier::hash);
  }

  private static final class NavigableMapHolder {
    final NavigableMap<Long, Checkpoint> map = new TreeMap<>();
  }

  private static Result walk(
      String name,
      Path entries,
      NavigableMap<Long, Checkpoint> checkpoints,
      Function<Map<String, Json.Value>, String> hasher) {
    String expectedPrev = GENESIS;
    Long previousSeq = null;
    long lastMatched = 0;
    long checked = 0;
    try (Stream<String> lines = Files.lines(entries, StandardCharsets.UTF_8)) {
      for (var line : (Iterable<String>) lines.filter(l -> !l.isBlank())::iterator) {
        var e = Json.object(line);
        long seq = Long.parseLong(e.get("seq").raw());
        checked++;
        var skipped = checkpoints.subMap(previousSeq == null ? 0 : previousSeq, false, seq, false);
        if (!skipped.isEmpty()) {
          return gone(name, checked, skipped.firstEntry().getValue(), previousSeq, checkpoints);
        }
        var hash = text(e, "hash");
        if (hash == null || !hash.equals(hasher.apply(e))) {
          return broken(
              name,
              checked,
              seq,
              "entry " + seq + " does not match its hash: it was altered after it was written",
              checkpoints);
        }
        if (!expectedPrev.equals(text(e, "prevHash"))) {
          return broken(
              name,
              checked,
              seq,
              "entry "
                  + seq
                  + " does not link to "
                  + (previousSeq == null ? "the start of the chain" : "entry " + previousSeq)
                  + ": an entry before it was removed, inserted or altered",
              checkpoints);
        }
        var checkpoint = checkpoints.get(seq);
        if (checkpoint != null) {
          if (!checkpoint.headHash().equals(hash)) {
            return broken(
                name,
                checked,
                seq,
                "entry "
                    + seq
                    + " no longer has the hash signed by the checkpoint of "
                    + checkpoint.signedAt()
                    + ": entries after "
                    + (lastMatched == 0 ? "the start of the chain" : "entry " + lastMatched)
                    + " up to it were rewritten and re-hashed",
                checkpoints);
          }
          lastMatched = seq;
        }
        expectedPrev = hash;
        previousSeq = seq;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + entries, e);
    }
    var after = checkpoints.tailMap(previousSeq == null ? 0 : previousSeq, false);
    if (!after.isEmpty()) {
      return gone(name, checked, after.firstEntry().getValue(), previousSeq, checkpoints);
    }
    return new Result(name, true, checked, null, null, checkpoints.size());
  }

  private static Result gone(
      String name,
      long checked,
      Checkpoint checkpoint,
      Long previousSeq,
      NavigableMap<Long, Checkpoint> checkpoints) {
    return broken(
        name,
        checked,
        checkpoint.headSeq(),
        "entry "
            + checkpoint.headSeq()
            + ", signed by the checkpoint of "
            + checkpoint.signedAt()
            + ", is gone: entries after "
            + (previousSeq == null ? "the start of the chain" : "entry " + previousSeq)
            + " were removed",
        checkpoints);
  }

  private static Result broken(
      String name, long checked, long seq, String problem, Map<Long, Checkpoint> checkpoints) {
    return new Result(name, false, checked, seq, problem, checkpoints.size());
  }

  /** An access log entry's SHA-256 as platform's README defines it ("access log"). */
  static String accessHash(Map<String, Json.Value> e) {
    return sha256(
        "mdmaat-access-v1",
        text(e, "id"),
        TIME.format(Instant.parse(text(e, "occurredAt"))),
        text(e, "actor"),
        text(e, "actorId"),
        text(e, "actorRoles"),
        text(e, "resourceKind"),
        text(e, "resource"),
        text(e, "reason"),
        text(e, "correlationId"),
        text(e, "prevHash"));
  }

  /** The entry's SHA-256 as platform's README defines it, from the exported fields. */
  static String hash(Map<String, Json.Value> e) {
    var occurredAt = TIME.format(Instant.parse(text(e, "occurredAt")));
    var fields =
        new String[] {
          "mdmaat-audit-v1",
          text(e, "id"),
          occurredAt,
          text(e, "actor"),
          text(e, "actorRoles"),
          text(e, "entityType"),
          text(e, "entityId"),
          text(e, "action"),
          state(e.get("before")),
          state(e.get("after")),
          text(e, "reason"),
          text(e, "trialId"),
          text(e, "participantCode"),
          text(e, "correlationId"),
          text(e, "prevHash")
        };
    return sha256(fields);
  }

  /** SHA-256 of each field as a 4-byte big-endian length and its UTF-8 (-1 for null). */
  private static String sha256(String... fields) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      for (var field : fields) {
        if (field == null) {
          digest.update(ByteBuffer.allocate(4).putInt(-1).array());
        } else {
          var bytes = field.getBytes(StandardCharsets.UTF_8);
          digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
          digest.update(bytes);
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /**
   * A state as stored: the API embeds stored JSON as it is and gives text that is not one JSON
   * value as a string. So a string whose content is itself one JSON value was stored as that string
   * literal.
   */
  private static String state(Json.Value value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isString() && !Json.isOneValue(value.string())) {
      return value.string();
    }
    return value.raw();
  }

  private static String text(Map<String, Json.Value> e, String field) {
    var value = e.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isString() ? value.string() : value.raw();
  }

  static List<Checkpoint> checkpoints(Path dir) {
    var all = new ArrayList<Checkpoint>();
    if (!Files.isDirectory(dir)) {
      return all;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (var file : files.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList()) {
        for (var line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          var c = Json.object(line);
          all.add(
              new Checkpoint(
                  text(c, "id"),
                  text(c, "service"),
                  text(c, "chain"),
                  Long.parseLong(c.get("headSeq").raw()),
                  text(c, "headHash"),
                  text(c, "signedAt"),
                  text(c, "keyId"),
                  text(c, "signature")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    return all;
  }

  /** The signed bytes: platform README, "Signed checkpoints". */
  static boolean signedBy(Checkpoint c, PublicKey key) {
    try {
      var payload =
          String.join(
                  "\n",
                  "mdmaat-checkpoint-v1",
                  c.id(),
                  c.service(),
                  c.chain(),
                  Long.toString(c.headSeq()),
                  c.headHash(),
                  Instant.parse(c.signedAt()).toString(),
                  c.keyId())
              + "\n";
      var verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(payload.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(Base64.getDecoder().decode(c.signature()));
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  static PublicKey publicKey(Path pem) {
    try {
      var text = Files.readString(pem, StandardCharsets.US_ASCII);
      var begin = "-----BEGIN PUBLIC KEY-----";
      int from = text.indexOf(begin);
      int to = text.indexOf("-----END PUBLIC KEY-----");
      if (from < 0 || to < from) {
        throw new IllegalArgumentException(pem + " holds no PUBLIC KEY PEM block");
      }
      var der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pem, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(pem + " is not an Ed25519 public key", e);
    }
  }

  static String keyId(PublicKey key) {
    try {
      var digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
