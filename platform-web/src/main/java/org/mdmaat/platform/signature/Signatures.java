package org.mdmaat.platform.signature;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import org.mdmaat.platform.problem.RuleViolation;
import org.mdmaat.platform.security.Caller;

/**
 * Electronic signatures per 21 CFR 11.50 and 11.200: the signer is who the verified token says,
 * named as the identity provider names them, freshly authenticated (their {@code auth_time} at most
 * {@code platform.signatures.max-age} old, so each signing is a new entry of both password and
 * username), and the signature carries a hash of the record it signs.
 */
@ApplicationScoped
@Startup
public class Signatures {
  static final Duration LONGEST = Duration.ofMinutes(15);
  public static final String NAMELESS = "PLATFORM-0422-SIGNER-NAME";

  // Canonical JSON: the same content hashes the same, whatever the order it was built in.
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
          .build();

  private final Duration maxAge;
  private final InstantSource clock;

  Signatures(SignatureConfig config, InstantSource clock) {
    this.maxAge = config.maxAge();
    this.clock = clock;
    // A zero or negative window would refuse every signature, a long one would accept any token.
    if (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(LONGEST) > 0) {
      throw new IllegalStateException(
          "platform.signatures.max-age must be between 1 second and " + LONGEST + "; is " + maxAge);
    }
  }

  /**
   * Signs {@code record} for {@code caller} with {@code meaning}.
   *
   * @throws ReauthenticationRequired if the caller's token has no {@code auth_time} or it is older
   *     than the window
   * @throws RuleViolation if the account has no name to sign with
   */
  public ElectronicSignature sign(Caller caller, SignatureMeaning meaning, SignedRecord record) {
    var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    var authenticatedAt =
        caller
            .authTime()
            .orElseThrow(
                () ->
                    new ReauthenticationRequired(
                        "The token does not say when its user logged in; log in again to sign.",
                        maxAge));
    if (Duration.between(authenticatedAt, now).compareTo(maxAge) > 0) {
      throw new ReauthenticationRequired(
          "Signing needs a login at most "
              + maxAge.toMinutes()
              + " minutes old; this one is from "
              + authenticatedAt
              + ". Log in again (max_age or prompt=login) and repeat the request.",
          maxAge);
    }
    var name =
        caller
            .fullName()
            .orElseThrow(
                () ->
                    new RuleViolation(
                        NAMELESS,
                        "The account has no name in the identity provider; it cannot sign.",
                        null));
    return new ElectronicSignature(
        caller.id(),
        caller.subject(),
        name,
        meaning,
        now,
        authenticatedAt,
        record.type(),
        record.id(),
        hash(record));
  }

  /** Whether {@code signature} was made on exactly this record. */
  public static boolean signs(ElectronicSignature signature, SignedRecord record) {
    return signature.recordType().equals(record.type())
        && signature.recordId().equals(record.id())
        && signature.contentHash().equals(hash(record));
  }

  /** SHA-256 (hex) of the record's canonical JSON: type, id and content. */
  public static String hash(SignedRecord record) {
    var document = new LinkedHashMap<String, Object>();
    document.put("type", record.type());
    document.put("id", record.id());
    document.put("content", record.content());
    try {
      byte[] bytes = CANONICAL.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the signed record cannot be written as JSON", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
