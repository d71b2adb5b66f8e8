package org.mdmaat.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestMulti;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.problem.BadRequest;
import org.mdmaat.platform.problem.ProblemDetails;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Roles;

/**
 * The regulator's read-only view of this service's audit trail, at {@code
 * <quarkus.rest.path>/audit}. Reading entries, checkpoints or the access log is itself written to
 * the access log first ({@link AccessLog}, the reason from {@value AccessLog#REASON_HEADER}); when
 * that fails the read is refused.
 */
@Path("/audit")
@RolesAllowed(Roles.REGULATOR)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final AuditTrail audit;
  private final AuditCheckpoints checkpoints;
  private final AccessLog accessLog;

  private final ObjectMapper json;

  AuditResource(
      AuditTrail audit, AuditCheckpoints checkpoints, AccessLog accessLog, ObjectMapper json) {
    this.audit = audit;
    this.checkpoints = checkpoints;
    this.accessLog = accessLog;
    this.json = json;
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
      @QueryParam("to") String to,
      @HeaderParam(AccessLog.REASON_HEADER) String reason) {
    // Parsed here rather than by JAX-RS, which answers a malformed query parameter with 404.
    var violations = new ArrayList<Violation>();
    int size = limit(limit, violations);
    var query =
        query(after, entityType, entityId, actor, trialId, participantCode, from, to, violations);
    var described = new LinkedHashMap<String, Object>();
    described.put("after", query.after());
    described.put("limit", size);
    described.putAll(query.described());
    return accessLog
        .record("audit-trail", describe(described), reason)
        .chain(() -> audit.page(query.after(), size, query.filter()))
        .map(entries -> AuditPage.of(entries, size));
  }

  /**
   * Every entry after seq {@code after} that matches the filters, oldest first, as NDJSON: one line
   * per entry, each exactly an item of {@link #list}. The export is logged once, before a byte is
   * sent (refused with 503 if it cannot be), then read in keyset pages of about {@value
   * #EXPORT_PAGE_BYTES} bytes, each only when the reader has taken the last: one request and one
   * access-log entry for the whole trail, in memory of one page (issue 19, P6).
   */
  // Not application/json or x-ndjson: Quarkus REST would wrap or re-serialize the Multi's chunks;
  // an octet stream is passed through chunk by chunk.
  @GET
  @Path("/export")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  public RestMulti<Buffer> export(
      @QueryParam("after") String after,
      @QueryParam("entityType") String entityType,
      @QueryParam("entityId") String entityId,
      @QueryParam("actor") String actor,
      @QueryParam("trialId") String trialId,
      @QueryParam("participantCode") String participantCode,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @HeaderParam(AccessLog.REASON_HEADER) String reason) {
    var query =
        query(
            after,
            entityType,
            entityId,
            actor,
            trialId,
            participantCode,
            from,
            to,
            new ArrayList<>());
    var described = new LinkedHashMap<String, Object>();
    described.put("export", "ndjson");
    described.put("after", query.after());
    described.putAll(query.described());
    return RestMulti.fromUniResponse(
        accessLog
            .record("audit-trail", describe(described), reason)
            .map(ignored -> lines(query.after(), query.filter())),
        lines -> lines);
  }

  /** Bytes of NDJSON an export page aims at: what one page may hold in memory. */
  static final int EXPORT_PAGE_BYTES = 4 * 1024 * 1024;

  /** Entries of the first export page, and the fewest of any (entries differ in size a lot). */
  static final int EXPORT_FIRST_PAGE = 50;

  static final int EXPORT_MIN_PAGE = 10;

  /** One export page: the entries read, how many were asked for, and its lines. */
  private record ExportPage(List<AuditEntry> entries, int asked, Buffer lines) {}

  /**
   * The entries as NDJSON, one buffer per page, each page read once the last is taken. A page holds
   * about {@value #EXPORT_PAGE_BYTES} bytes: the next page's size follows the last page's mean
   * entry size (a vitals batch's entry holds 100 readings and is a hundred times a small entry's
   * size; 1,000 of them at once filled a 384 MB heap), between {@value #EXPORT_MIN_PAGE} and
   * {@value #MAX_LIMIT} entries.
   */
  private Multi<Buffer> lines(Long after, AuditFilter filter) {
    var cursor = new AtomicReference<>(after);
    var size = new AtomicInteger(EXPORT_FIRST_PAGE);
    return Multi.createBy()
        .repeating()
        .uni(
            () -> cursor,
            next -> {
              int asked = size.get();
              return audit
                  .page(next.get(), asked, filter)
                  .map(
                      entries -> {
                        var page = new ExportPage(entries, asked, ndjson(entries));
                        if (!entries.isEmpty()) {
                          next.set(entries.get(entries.size() - 1).getSeq());
                          size.set(nextPageSize(page.lines().length(), entries.size()));
                        }
                        return page;
                      });
            })
        // The short page is the last, and is still written.
        .whilst(page -> page.entries().size() == page.asked())
        .filter(page -> !page.entries().isEmpty())
        .map(ExportPage::lines);
  }

  /** The entries that make about {@value #EXPORT_PAGE_BYTES} at the last page's mean size. */
  static int nextPageSize(long bytes, int entries) {
    long mean = Math.max(1, bytes / Math.max(1, entries));
    return (int) Math.max(EXPORT_MIN_PAGE, Math.min(MAX_LIMIT, EXPORT_PAGE_BYTES / mean));
  }

  private Buffer ndjson(List<AuditEntry> page) {
    var lines = Buffer.buffer(page.size() * 512);
    try {
      for (var entry : page) {
        lines.appendBytes(json.writeValueAsBytes(AuditEntryView.of(entry))).appendByte((byte) '\n');
      }
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  /** The parameters both list and export take, or a 400 naming every bad one. */
  private static Query query(
      String after,
      String entityType,
      String entityId,
      String actor,
      String trialId,
      String participantCode,
      String from,
      String to,
      List<Violation> violations) {
    Long afterSeq = seq("after", after, violations);
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
    var described = new LinkedHashMap<String, Object>();
    described.put("entityType", filter.entityType());
    described.put("entityId", filter.entityId());
    described.put("actor", filter.actor());
    described.put("trialId", filter.trialId());
    described.put("participantCode", filter.participantCode());
    described.put("from", fromTime);
    described.put("to", toTime);
    return new Query(afterSeq, filter, described);
  }

  /** A checked query: where to start, the filter, and the filters as given, for the access log. */
  private record Query(Long after, AuditFilter filter, Map<String, Object> described) {}

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
      return withAccessLog(audit.verify());
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
    return withAccessLog(audit.verify(new ChainHead(seq, anchorHash)));
  }

  // Verify shows no entry's contents, so it is not itself logged; it checks the access log too.
  private Uni<ChainVerification> withAccessLog(Uni<ChainVerification> auditChain) {
    return auditChain.chain(chain -> accessLog.verify().map(chain::withAccessLog));
  }

  /**
   * Every signed checkpoint of the chain, from the store outside the database and from the table (a
   * checkpoint may be in both), for an inspector's offline check (audit-verifier): verify's own
   * input, not filtered by validity.
   */
  @GET
  @Path("/checkpoints")
  public Uni<List<Checkpoint>> checkpoints(@HeaderParam(AccessLog.REASON_HEADER) String reason) {
    return accessLog
        .record("audit-checkpoints", "chain=" + AuditCheckpoints.AUDIT_CHAIN, reason)
        .chain(() -> checkpoints.all(AuditCheckpoints.AUDIT_CHAIN));
  }

  /**
   * Who read what of this service's audit trail, exports and people's identifying details, oldest
   * first. Reading it is logged too (as {@code access-log}, before the page is read).
   */
  @GET
  @Path("/access-log")
  public Uni<PageOf<AccessLogEntryView>> accessLog(
      @BeanParam @Valid PageRequest paging, @HeaderParam(AccessLog.REASON_HEADER) String reason) {
    return accessLog
        .record("access-log", "page=" + paging.page() + "&size=" + paging.size(), reason)
        .chain(() -> accessLog.page(paging.page(), paging.size()))
        .map(
            page ->
                new PageOf<>(
                    page.items().stream().map(AccessLogEntryView::of).toList(),
                    page.page(),
                    page.size(),
                    page.total()));
  }

  /**
   * The access checkpoints as well (chain {@code access}), for an inspector's offline check of the
   * access log.
   */
  @GET
  @Path("/access-log/checkpoints")
  public Uni<List<Checkpoint>> accessCheckpoints(
      @HeaderParam(AccessLog.REASON_HEADER) String reason) {
    return accessLog
        .record("audit-checkpoints", "chain=" + AuditCheckpoints.ACCESS_CHAIN, reason)
        .chain(() -> checkpoints.all(AuditCheckpoints.ACCESS_CHAIN));
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

  /** The query as {@code name=value&...} of the parameters given, for the access log. */
  private static String describe(Map<String, Object> query) {
    var given =
        query.entrySet().stream()
            .filter(e -> e.getValue() != null)
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("&"));
    return given.isEmpty() ? "all" : given;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
