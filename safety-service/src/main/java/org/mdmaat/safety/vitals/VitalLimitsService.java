package org.mdmaat.safety.vitals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.platform.signature.Signatures;
import org.mdmaat.platform.signature.SignedRecord;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.SafetyConfig;
import org.mdmaat.safety.signing.StoredSignature;
import org.mdmaat.safety.trial.TrialAccess;

/**
 * Who sets the vital-sign limits, and which are in force. The trial's own limits are its sponsor's
 * (the medical monitor's), set whole, within the hard clinical bounds, with a reason and an
 * electronic signature. An investigator may make them stricter for their own site, never looser. A
 * trial that has set none is judged by the configured defaults (DOMAIN.md's assumed limits), so no
 * reading goes unjudged; answers name every limit a default stands for. Every change is audited and
 * kept in the history ({@link VitalThresholdChange}).
 */
@ApplicationScoped
public class VitalLimitsService {
  /** The type of record a sponsor's signature names. */
  public static final String RECORD_TYPE = "VitalThresholds";

  private final AuditTrail audit;
  private final TrialAccess trials;
  private final Signatures signatures;
  private final SafetyConfig config;
  private final ObjectMapper json;

  VitalLimitsService(
      AuditTrail audit,
      TrialAccess trials,
      Signatures signatures,
      SafetyConfig config,
      ObjectMapper json) {
    this.audit = audit;
    this.trials = trials;
    this.signatures = signatures;
    this.config = config;
    this.json = json;
  }

  /** What the sponsor signs: the trial, the version and the limits with the reason. */
  public record SignedLimits(String trialId, int version, VitalLimits limits, String reason) {}

  /** A site's override as set, and what it makes of the trial's limits. */
  public record SiteLimitsView(
      String trialId,
      String siteCode,
      VitalLimits override,
      int version,
      String reason,
      String updatedBy,
      Instant updatedAt,
      ThresholdsView inForce) {}

  /** One change in the history. */
  public record LimitChangeView(
      UUID id,
      String trialId,
      String siteCode,
      int version,
      VitalLimits limits,
      String reason,
      String changedBy,
      Instant changedAt,
      org.mdmaat.platform.signature.ElectronicSignature signature) {

    static LimitChangeView of(VitalThresholdChange c, VitalLimits limits) {
      return new LimitChangeView(
          c.id,
          c.trialId,
          c.siteCode,
          c.version,
          limits,
          c.reason,
          c.changedBy,
          c.changedAt,
          StoredSignature.shown(c.signature, RECORD_TYPE, c.trialId + "/" + c.version));
    }
  }

  // ---- reading -------------------------------------------------------------------------------

  /** The trial's limits in force, for a caller who may see the trial. */
  public Uni<ThresholdsView> trialWide(String trialId, Scope scope) {
    return trials
        .requireAccess(trialId, scope)
        .chain(() -> Panache.withSession(() -> inForce(trialId, null)));
  }

  /** A site's override and the limits in force there: the sponsor (own trial) or site staff. */
  public Uni<SiteLimitsView> atSite(String trialId, String siteCode, Scope scope) {
    var sponsor = TrialAccess.actingSponsor(scope);
    if (sponsor.isEmpty()) {
      scope.requireSite(siteCode);
    }
    return trials
        .requireAccess(trialId, sponsor, sponsor.isPresent() ? Set.of() : Set.of(siteCode))
        .chain(() -> Panache.withSession(() -> siteView(trialId, siteCode)));
  }

  /**
   * Needs a session: the limits in force for the trial ({@code siteCode} null) or at one of its
   * sites.
   */
  public Uni<ThresholdsView> inForce(String trialId, String siteCode) {
    return VitalThresholds.<VitalThresholds>findById(trialId)
        .flatMap(
            trial ->
                (siteCode == null
                        ? Uni.createFrom().<SiteVitalThresholds>nullItem()
                        : SiteVitalThresholds.<SiteVitalThresholds>findById(
                            new SiteVitalThresholds.Key(trialId, siteCode)))
                    .map(site -> view(trialId, siteCode, trial, site)));
  }

  private Uni<SiteLimitsView> siteView(String trialId, String siteCode) {
    return VitalThresholds.<VitalThresholds>findById(trialId)
        .flatMap(
            trial ->
                SiteVitalThresholds.<SiteVitalThresholds>findById(
                        new SiteVitalThresholds.Key(trialId, siteCode))
                    .map(site -> siteView(trialId, siteCode, trial, site)));
  }

  private SiteLimitsView siteView(
      String trialId, String siteCode, VitalThresholds trial, SiteVitalThresholds site) {
    var inForce = view(trialId, siteCode, trial, site);
    return site == null
        ? new SiteLimitsView(trialId, siteCode, null, 0, null, null, null, inForce)
        : new SiteLimitsView(
            trialId,
            siteCode,
            parse(site.limits),
            site.version,
            site.reason,
            site.updatedBy,
            site.updatedAt,
            inForce);
  }

  private ThresholdsView view(
      String trialId, String siteCode, VitalThresholds trial, SiteVitalThresholds site) {
    var defaults = defaults().asMap();
    var own = trial == null ? new EnumMap<Limit, Double>(Limit.class) : trial.limits().asMap();
    var merged = new EnumMap<Limit, Double>(Limit.class);
    var defaulted = new ArrayList<String>();
    for (var l : Limit.values()) {
      if (own.containsKey(l)) {
        merged.put(l, own.get(l));
      } else {
        merged.put(l, defaults.get(l));
        defaulted.add(l.field());
      }
    }
    var trialWide = VitalLimits.of(merged);
    var inForce = site == null ? trialWide : trialWide.strictest(parse(site.limits));
    var stricter = new ArrayList<String>();
    for (var l : Limit.values()) {
      if (!inForce.get(l).equals(trialWide.get(l))) {
        stricter.add(l.field());
      }
    }
    return new ThresholdsView(
        trialId,
        siteCode,
        inForce,
        trial == null,
        List.copyOf(defaulted),
        List.copyOf(stricter),
        trial == null ? 0 : trial.version,
        trial == null ? null : trial.reason,
        trial == null ? null : trial.updatedBy,
        trial == null ? null : trial.updatedAt,
        trial == null
            ? null
            : StoredSignature.shown(trial.signature, RECORD_TYPE, trialId + "/" + trial.version));
  }

  /** The configured defaults (DOMAIN.md's assumed limits; lower ones assumed here). */
  VitalLimits defaults() {
    var d = config.vitals();
    return new VitalLimits(
        d.systolicWarn(),
        d.systolicCritical(),
        d.systolicLowWarn(),
        d.systolicLowCritical(),
        d.diastolicWarn(),
        d.diastolicCritical(),
        d.diastolicLowWarn(),
        d.diastolicLowCritical(),
        d.heartRateWarn(),
        d.heartRateCritical(),
        d.heartRateLowWarn(),
        d.heartRateLowCritical(),
        d.temperatureWarn(),
        d.temperatureCritical(),
        d.temperatureLowWarn(),
        d.temperatureLowCritical(),
        d.spo2Warn(),
        d.spo2Critical());
  }

  // ---- the sponsor's trial-wide limits ---------------------------------------------------------

  /**
   * The sponsor sets its trial's limits: all of them, plausible and ordered (else 422 naming each),
   * on a trial it owns (else 404), signed by {@code signer} after a fresh login (else 401) before
   * anything is written.
   */
  public Uni<ThresholdsView> setTrialWide(
      String trialId, TrialLimitsRequest request, Caller signer) {
    var limits = request.limits();
    refuseImplausible(limits);
    var broken = new ArrayList<Violation>(limits.missing());
    broken.addAll(limits.disordered());
    if (!broken.isEmpty()) {
      throw Problems.LIMITS_INVALID.problem(
          "The trial's limits are incomplete or out of order: " + fields(broken), broken);
    }
    var scope = signer.scope();
    return trials
        .requireSponsor(trialId, scope.sponsor().orElse(""))
        .chain(() -> Panache.withTransaction(() -> storeTrialWide(trialId, request, signer)));
  }

  private Uni<ThresholdsView> storeTrialWide(
      String trialId, TrialLimitsRequest request, Caller signer) {
    var actor = signer.actor();
    return lock(trialId)
        .chain(() -> VitalThresholds.<VitalThresholds>findById(trialId))
        .flatMap(
            existing -> {
              var before = view(trialId, null, existing, null);
              var row = existing == null ? new VitalThresholds() : existing;
              int version = existing == null ? 1 : existing.version + 1;
              var signature =
                  signatures.sign(
                      signer,
                      request.signature().meaning(),
                      new SignedRecord(
                          RECORD_TYPE,
                          trialId + "/" + version,
                          new SignedLimits(trialId, version, request.limits(), request.reason())));
              var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
              row.trialId = trialId;
              row.set(request.limits());
              row.version = version;
              row.reason = request.reason();
              row.signature = StoredSignature.of(signature);
              row.updatedBy = actor.subject();
              row.updatedAt = now;
              var change = change(trialId, null, version, request.limits(), request.reason(), now);
              change.changedBy = actor.subject();
              change.signature = StoredSignature.of(signature);
              Uni<?> saved = existing == null ? row.persist() : Uni.createFrom().item(row);
              return saved
                  .chain(change::persist)
                  .chain(
                      () -> {
                        var after = view(trialId, null, row, null);
                        return audit
                            .record(
                                new AuditEvent(
                                    actor,
                                    RECORD_TYPE,
                                    trialId,
                                    existing == null ? "CREATE" : "UPDATE",
                                    before,
                                    after,
                                    request.reason(),
                                    trialId,
                                    null))
                            .replaceWith(after);
                      });
            });
  }

  // ---- a site's stricter limits ----------------------------------------------------------------

  /**
   * An investigator of {@code siteCode} (another site: 404) makes the trial's limits stricter
   * there: each limit set must be plausible and at least as strict as the trial's (else 422 naming
   * it); the others follow the trial's. A request setting none returns the site to the trial's.
   */
  public Uni<SiteLimitsView> setAtSite(
      String trialId, String siteCode, SiteLimitsRequest request, Scope scope) {
    scope.requireSite(siteCode);
    refuseImplausible(request.limits());
    var actor = scope.actor();
    return trials
        .requireSiteInTrial(trialId, Set.of(siteCode))
        .chain(() -> Panache.withTransaction(() -> storeAtSite(trialId, siteCode, request, actor)));
  }

  private Uni<SiteLimitsView> storeAtSite(
      String trialId, String siteCode, SiteLimitsRequest request, Actor actor) {
    var key = new SiteVitalThresholds.Key(trialId, siteCode);
    return lock(trialId)
        .chain(() -> VitalThresholds.<VitalThresholds>findById(trialId))
        .flatMap(
            trial ->
                SiteVitalThresholds.<SiteVitalThresholds>findById(key)
                    .flatMap(
                        existing -> {
                          var trialWide = view(trialId, null, trial, null).limits();
                          var override = request.limits();
                          var looser = new ArrayList<Violation>();
                          override
                              .asMap()
                              .forEach(
                                  (l, v) -> {
                                    if (l.looser(v, trialWide.get(l))) {
                                      looser.add(
                                          new Violation(
                                              "limits." + l.field(),
                                              "%s is looser than the trial's %s: a site may only make a limit stricter"
                                                  .formatted(
                                                      VitalLimits.format(v),
                                                      VitalLimits.format(trialWide.get(l)))));
                                    }
                                  });
                          if (!looser.isEmpty()) {
                            throw Problems.LIMIT_LOOSER.problem(
                                "The site's limits may not be looser than the trial's: "
                                    + fields(looser),
                                looser);
                          }
                          var disordered = trialWide.strictest(override).disordered();
                          if (!disordered.isEmpty()) {
                            throw Problems.LIMITS_INVALID.problem(
                                "With the site's limits a critical limit lies inside its warn"
                                    + " limit: "
                                    + fields(disordered),
                                disordered);
                          }
                          var before = siteView(trialId, siteCode, trial, existing);
                          var row = existing == null ? new SiteVitalThresholds() : existing;
                          int version = existing == null ? 1 : existing.version + 1;
                          var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                          row.key = key;
                          row.limits = write(override);
                          row.version = version;
                          row.reason = request.reason();
                          row.updatedBy = actor.subject();
                          row.updatedAt = now;
                          var change =
                              change(trialId, siteCode, version, override, request.reason(), now);
                          change.changedBy = actor.subject();
                          Uni<?> saved =
                              existing == null ? row.persist() : Uni.createFrom().item(row);
                          return saved
                              .chain(change::persist)
                              .chain(
                                  () -> {
                                    var after = siteView(trialId, siteCode, trial, row);
                                    return audit
                                        .record(
                                            new AuditEvent(
                                                actor,
                                                "SiteVitalThresholds",
                                                trialId + "/" + siteCode,
                                                existing == null ? "CREATE" : "UPDATE",
                                                before,
                                                after,
                                                request.reason(),
                                                trialId,
                                                null))
                                        .replaceWith(after);
                                  });
                        }));
  }

  // ---- history ---------------------------------------------------------------------------------

  /**
   * Changes of the trial's limits and its sites' overrides, newest first: the sponsor sees all of
   * its trial's, site staff the trial's own and their sites'.
   */
  public Uni<PageOf<LimitChangeView>> history(String trialId, Scope scope, int page, int size) {
    var sponsor = TrialAccess.actingSponsor(scope);
    return trials
        .requireAccess(trialId, scope)
        .chain(
            () ->
                Panache.withSession(
                    () -> {
                      var params = new HashMap<String, Object>();
                      params.put("trial", trialId);
                      var where = "trialId = :trial";
                      if (sponsor.isEmpty()) {
                        where += " and (siteCode is null or siteCode in :sites)";
                        params.put("sites", scope.sites());
                      }
                      return PageOf.of(
                          VitalThresholdChange.<VitalThresholdChange>find(
                              where, Sort.descending("changedAt"), params),
                          (VitalThresholdChange c) -> LimitChangeView.of(c, parse(c.limits)),
                          page,
                          size);
                    }));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static void refuseImplausible(VitalLimits limits) {
    var implausible = limits.implausible();
    if (!implausible.isEmpty()) {
      throw Problems.LIMIT_IMPLAUSIBLE.problem(
          "Implausible vital-sign limits: " + fields(implausible), implausible);
    }
  }

  private static String fields(List<Violation> violations) {
    return String.join(
        ", ", violations.stream().map(v -> v.field().substring("limits.".length())).toList());
  }

  private VitalThresholdChange change(
      String trialId,
      String siteCode,
      int version,
      VitalLimits limits,
      String reason,
      Instant now) {
    var change = new VitalThresholdChange();
    change.id = UUID.randomUUID();
    change.trialId = trialId;
    change.siteCode = siteCode;
    change.version = version;
    change.limits = write(limits);
    change.reason = reason;
    change.changedAt = now;
    return change;
  }

  /** One writer of a trial's limits at a time: the version numbers follow each other. */
  private static Uni<Void> lock(String trialId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select count(*) from"
                            + " (select pg_advisory_xact_lock(hashtext(:key))) as locked",
                        Long.class)
                    .setParameter("key", "safety-vital-limits:" + trialId)
                    .getSingleResult())
        .replaceWithVoid();
  }

  private String write(VitalLimits limits) {
    try {
      return json.writeValueAsString(limits);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private VitalLimits parse(String text) {
    try {
      return json.readValue(text, VitalLimits.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored limits cannot be read", e);
    }
  }
}
