package org.mdmaat.platform.security.tokens;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bearer tokens this service has verified, with the identity built from each, kept until the
 * token's own expiry and never beyond (issue 19: the RS256 check of every request's token was a
 * large share of CPU, done again for the same token on each request).
 *
 * <p>The key is the SHA-256 of the whole raw token, signature included: a token that differs in any
 * character (a forged signature on a copied header and payload, a changed claim) is another key and
 * goes through full verification. Only identities that passed full verification are stored ({@link
 * RememberVerifiedToken}); {@link VerifiedTokenMechanism} answers from here; an entry is refused
 * from its expiry second on. At most {@value #MAX_ENTRIES} tokens are kept; beyond that the cache
 * starts again (a bound on memory, not a policy: a miss only costs one verification).
 */
@Singleton
public class VerifiedTokens {
  static final int MAX_ENTRIES = 10_000;

  /** The attribute set on an identity answered from here (so it is not stored again). */
  public static final String FROM_CACHE = VerifiedTokens.class.getName() + ".from-cache";

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong verified = new AtomicLong();
  private Clock clock = Clock.systemUTC();

  private record Entry(SecurityIdentity identity, long expiresAtEpochSecond) {}

  /** The identity verified for {@code rawToken} if it has not expired; else empty. */
  public Optional<SecurityIdentity> find(String rawToken) {
    var key = key(rawToken);
    var entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (clock.instant().getEpochSecond() >= entry.expiresAtEpochSecond()) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    hits.incrementAndGet();
    return Optional.of(entry.identity());
  }

  /**
   * Keeps {@code identity}, just verified from {@code rawToken}, until {@code expiresAtEpochSecond}
   * (the token's {@code exp}); a token without a future expiry is not kept.
   */
  public void remember(String rawToken, SecurityIdentity identity, long expiresAtEpochSecond) {
    if (expiresAtEpochSecond <= clock.instant().getEpochSecond()) {
      return;
    }
    var key = key(rawToken);
    if (entries.containsKey(key)) {
      return;
    }
    verified.incrementAndGet();
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(key, new Entry(identity, expiresAtEpochSecond));
  }

  /** How many requests were answered from here (for tests and metrics). */
  public long hits() {
    return hits.get();
  }

  /** How many distinct tokens were stored after a full verification. */
  public long verified() {
    return verified.get();
  }

  /** Tests only: the clock expiry is judged by. */
  void clock(Clock clock) {
    this.clock = clock;
  }

  static String key(String rawToken) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(rawToken.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
