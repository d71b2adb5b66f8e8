package org.mdmaat.platform.audit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.mdmaat.platform.problem.BadRequest;
import org.mdmaat.platform.problem.ProblemDetails;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Roles;

/**
 * The regulator's read-only view of this service's audit trail, at {@code
 * <quarkus.rest.path>/audit}.
 */
@Path("/audit")
@RolesAllowed(Roles.REGULATOR)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final AuditTrail audit;
  private final AuditCheckpoints checkpoints;

  AuditResource(AuditTrail audit, AuditCheckpoints checkpoints) {
    this.audit = audit;
    this.checkpoints = checkpoints;
  }

  /** Entries after seq {@code after}, oldest first, optionally filtered; page on with nextAfter. */
  @GET
  public Uni<AuditPage> list(
      @QueryParam("after") String after,
      @QueryParam("limit") String limit,
      @QueryParam("entityType") String entityType,
      @QueryParam("entityId") String entityId,
      @QueryParam("actor") String actor,
      @QueryParam("trialId") String trialId,
      @QueryParam("participantCode") String participantCode,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    // Parsed here rather than by JAX-RS, which answers a malformed query parameter with 404.
    var violations = new ArrayList<Violation>();
    Long afterSeq = seq("after", after, violations);
    int size = limit(limit, violations);
    Instant fromTime = time("from", from, violations);
    Instant toTime = time("to", to, violations);
    if (!violations.isEmpty()) {
      throw new BadRequest(
          ProblemDetails.platformCode(400), "The query has invalid parameters.", violations);
    }
    var filter =
        new AuditFilter(
            blankToNull(entityType),
            blankToNull(entityId),
            blankToNull(actor),
            blankToNull(trialId),
            blankToNull(participantCode),
            fromTime,
            toTime);
    return audit.page(afterSeq, size, filter).map(entries -> AuditPage.of(entries, size));
  }

  /**
   * Recomputes the whole chain and names the first broken entry, if any. With {@code anchorSeq} and
   * {@code anchorHash} (a {@link ChainHead} kept earlier) it also confirms that entry is still
   * there unchanged, which shows the newest entries being removed.
   */
  @GET
  @Path("/verify")
  public Uni<ChainVerification> verify(
      @QueryParam("anchorSeq") String anchorSeq, @QueryParam("anchorHash") String anchorHash) {
    if ((anchorSeq == null || anchorSeq.isBlank())
        && (anchorHash == null || anchorHash.isBlank())) {
      return audit.verify();
    }
    var violations = new ArrayList<Violation>();
    Long seq = seq("anchorSeq", anchorSeq, violations);
    if (seq == null && violations.isEmpty()) {
      violations.add(new Violation("anchorSeq", "is required with anchorHash"));
    }
    if (anchorHash == null || !anchorHash.matches("[0-9a-f]{64}")) {
      violations.add(new Violation("anchorHash", "must be the 64 hex digits of a kept head hash"));
    }
    if (!violations.isEmpty()) {
      throw new BadRequest(
          ProblemDetails.platformCode(400), "The anchor is not valid.", violations);
    }
    return audit.verify(new ChainHead(seq, anchorHash));
  }

  /**
   * Every signed checkpoint of the chain, from the store outside the database and from the table (a
   * checkpoint may be in both), for an inspector's offline check (audit-verifier): verify's own
   * input, not filtered by validity.
   */
  @GET
  @Path("/checkpoints")
  public Uni<List<Checkpoint>> checkpoints() {
    return checkpoints.all(AuditCheckpoints.AUDIT_CHAIN);
  }

  /** The newest entry (seq and hash): keep it, and pass it to verify later as the anchor. */
  @GET
  @Path("/head")
  public Uni<ChainHead> head() {
    return audit.head();
  }

  private static Long seq(String name, String value, List<Violation> violations) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long seq = Long.parseLong(value.trim());
      if (seq >= 0) {
        return seq;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    violations.add(new Violation(name, "must be a non-negative whole number (a seq)"));
    return null;
  }

  private static int limit(String value, List<Violation> violations) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    violations.add(new Violation("limit", "must be between 1 and " + MAX_LIMIT));
    return DEFAULT_LIMIT;
  }

  private static Instant time(String name, String value, List<Violation> violations) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException notUtc) {
      try {
        return OffsetDateTime.parse(value.trim()).toInstant();
      } catch (DateTimeParseException e) {
        violations.add(
            new Violation(name, "must be an ISO-8601 time with zone, e.g. 2025-01-31T09:00:00Z"));
        return null;
      }
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
