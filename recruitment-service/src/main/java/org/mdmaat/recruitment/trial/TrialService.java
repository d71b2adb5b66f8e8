package org.mdmaat.recruitment.trial;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.events.TrialStatusChanged;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.recruitment.Problems;
import org.mdmaat.recruitment.eligibility.EligibilityRule;
import org.mdmaat.recruitment.eligibility.RuleCheck;
import org.mdmaat.recruitment.eligibility.RuleSets;
import org.mdmaat.recruitment.randomization.AllocationLists;
import org.mdmaat.recruitment.randomization.PermutedBlocks;
import org.mdmaat.recruitment.randomization.Strata;

/**
 * Trials and their recruitment status. Every change is audited and announced (TrialStatusChanged)
 * in its own transaction; the allocation lists are generated when a trial starts enrolling.
 */
@ApplicationScoped
public class TrialService {
  public static final String SOURCE = "recruitment-service";

  private final AuditTrail audit;
  private final Outbox outbox;
  private final ObjectMapper json;
  private final TrialDocuments documents;
  private final AllocationLists allocations;
  private final RuleSets ruleSets;

  TrialService(
      AuditTrail audit,
      Outbox outbox,
      ObjectMapper json,
      TrialDocuments documents,
      AllocationLists allocations,
      RuleSets ruleSets) {
    this.ruleSets = ruleSets;
    this.audit = audit;
    this.outbox = outbox;
    this.json = json;
    this.documents = documents;
    this.allocations = allocations;
  }

  /** Creates a trial of the caller's sponsor in NOT_YET_RECRUITING. */
  @WithTransaction
  public Uni<TrialView> create(CreateTrialRequest request, Scope scope) {
    return create(request, sponsorOf(scope), scope.actor(), UUID.randomUUID().toString());
  }

  /**
   * As {@link #create(CreateTrialRequest, Scope)}, for {@code sponsor} with a chosen id, in the
   * caller's transaction.
   */
  public Uni<TrialView> create(
      CreateTrialRequest request, String sponsor, Actor actor, String trialId) {
    var trial = build(request, sponsor, trialId, actor);
    var sites =
        request.sites().stream()
            .map(
                s -> {
                  var site = new TrialSite();
                  site.trialId = trial.id;
                  site.code = s.code();
                  site.country = s.country();
                  site.city = s.city();
                  site.timeZone = s.timeZone();
                  return site;
                })
            .toList();
    return Trial.count("sponsor = ?1 and protocolCode = ?2", sponsor, trial.protocolCode)
        .invoke(
            existing -> {
              if (existing > 0) {
                throw Problems.DUPLICATE_PROTOCOL_CODE.problem(
                    "protocolCode "
                        + trial.protocolCode
                        + " is already used by one of your trials");
              }
            })
        .chain(() -> trial.persist())
        .chain(() -> TrialSite.persist(sites))
        .map(ignored -> documents.view(trial, sites))
        .call(
            view ->
                audit.record(
                    new AuditEvent(
                        actor, "Trial", trial.id, "CREATE", null, view, null, trial.id, null)));
  }

  private Trial build(CreateTrialRequest request, String sponsor, String trialId, Actor actor) {
    var violations = new ArrayList<Violation>();
    var codes = new HashSet<String>();
    for (int i = 0; i < request.sites().size(); i++) {
      if (!codes.add(request.sites().get(i).code())) {
        violations.add(new Violation("sites[" + i + "].code", "duplicate site code"));
      }
    }
    String ruleSet = null;
    List<EligibilityRule> rules = List.of();
    var eligibility = request.eligibility();
    if (eligibility == null || (eligibility.ruleSet() == null && eligibility.rules() == null)) {
      ruleSet = "MAPP2";
      rules = ruleSets.named(ruleSet).orElseThrow();
    } else if (eligibility.ruleSet() != null && eligibility.rules() != null) {
      violations.add(new Violation("eligibility", "give either ruleSet or rules, not both"));
    } else if (eligibility.ruleSet() != null) {
      ruleSet = eligibility.ruleSet();
      var named = ruleSets.named(ruleSet);
      if (named.isEmpty()) {
        violations.add(
            new Violation("eligibility.ruleSet", "unknown rule set; known: " + RuleSets.NAMES));
      } else {
        rules = named.get();
      }
    } else {
      rules = eligibility.rules();
      violations.addAll(RuleCheck.check(rules, "eligibility.rules"));
    }

    var randomization = request.randomization();
    var blockSizes =
        randomization == null || randomization.blockSizes() == null
            ? RandomizationSettings.DEFAULT_BLOCK_SIZES
            : List.copyOf(randomization.blockSizes());
    for (int i = 0; i < blockSizes.size(); i++) {
      if (blockSizes.get(i) % 2 != 0) {
        violations.add(
            new Violation("randomization.blockSizes[" + i + "]", "a 1:1 block needs an even size"));
      }
    }
    var regimen =
        (request.regimen() == null ? RegimenSettings.MAPP : request.regimen()).withDefaults();
    if (regimen.minMgPerKg() > regimen.maxMgPerKg()) {
      violations.add(new Violation("regimen.minMgPerKg", "must not exceed maxMgPerKg"));
    }
    // With no supplemental dose (fraction 0) the supplemental window is never used.
    if (regimen.supplementalFraction() > 0
        && regimen.supplementalEarliestMinutes() > regimen.supplementalLatestMinutes()) {
      violations.add(
          new Violation(
              "regimen.supplementalEarliestMinutes", "must not exceed supplementalLatestMinutes"));
    }
    if (regimen.kind() == RegimenKind.FIXED_SPLIT
        && !regimen.initialDosesMgHcl().contains(regimen.firstSessionInitialMgHcl())) {
      violations.add(
          new Violation(
              "regimen.firstSessionInitialMgHcl", "must be one of the initial doses allowed"));
    }
    if (!violations.isEmpty()) {
      throw Problems.RULE_BROKEN.problem("The trial settings are inconsistent", violations);
    }

    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    var trial = new Trial();
    trial.id = trialId;
    trial.sponsor = sponsor;
    trial.protocolCode = request.protocolCode();
    trial.title = request.title();
    trial.phase = request.phase().name();
    trial.condition = request.condition();
    trial.targetEnrollment = request.targetEnrollment();
    trial.status = TrialStatus.NOT_YET_RECRUITING;
    trial.eligibilityRuleSet = ruleSet;
    trial.eligibilityRules = ruleSets.write(rules);
    trial.blockSizes = documents.write(blockSizes);
    trial.stratifyBySubtype =
        randomization != null && Boolean.TRUE.equals(randomization.stratifyByDissociativeSubtype());
    boolean provided = randomization != null && randomization.seed() != null;
    if (provided && actor.roles().stream().noneMatch(Roles.UNBLINDED::contains)) {
      // Whoever knows the seed can rebuild the lists: only an unblinded role may choose it.
      throw Problems.SEED_NEEDS_UNBLINDED_ROLE.problem(
          "Only the unblinded statistician may set a randomization seed; leave it out and one is"
              + " drawn from SecureRandom");
    }
    trial.seedHandling = provided ? SeedHandling.PROVIDED : SeedHandling.GENERATED;
    trial.randomizationSeed =
        provided ? randomization.seed().toLowerCase() : PermutedBlocks.newSeed();
    trial.regimen = documents.write(regimen);
    trial.visitTemplate =
        documents.write(
            (request.visitTemplate() == null ? VisitTemplateSettings.MAPP : request.visitTemplate())
                .withDefaults());
    trial.createdAt = now;
    return trial;
  }

  /** The sponsor's own trial; another sponsor's looks missing. */
  @WithSession
  public Uni<TrialView> get(String id, Scope scope) {
    return owned(id, sponsorOf(scope)).flatMap(this::view);
  }

  /** The trial for any caller entitled to it by other means (e.g. a site or a regulator). */
  @WithSession
  public Uni<Trial> find(String id) {
    return Trial.<Trial>findById(id).onItem().ifNull().failWith(() -> missing(id));
  }

  @WithSession
  public Uni<List<TrialSite>> sites(String trialId) {
    return TrialSite.list("trialId", Sort.ascending("code"), trialId);
  }

  @WithSession
  public Uni<PageOf<TrialView>> list(Scope scope, TrialStatus status, int page, int size) {
    var sponsor = sponsorOf(scope);
    var query =
        status == null
            ? Trial.<Trial>find("sponsor", Sort.descending("createdAt").and("id"), sponsor)
            : Trial.<Trial>find(
                "sponsor = ?1 and status = ?2",
                Sort.descending("createdAt").and("id"),
                sponsor,
                status);
    return PageOf.ofAll(query, this::views, page, size);
  }

  /**
   * A trial the caller may read outside the sponsor's API: its sponsor's (sponsor role, the token's
   * {@code sponsor} claim) or one held at a site the caller works at (investigator, site
   * coordinator). Any other looks missing (404).
   */
  @WithSession
  public Uni<TrialView> readable(String id, Scope scope) {
    return Trial.<Trial>findById(id)
        .chain(
            trial ->
                trial == null
                    ? Uni.createFrom().<TrialView>failure(missing(id))
                    : view(trial)
                        .invoke(
                            view -> {
                              if (!readable(scope, view)) {
                                throw missing(id);
                              }
                            }));
  }

  /** As {@link #readable(String, Scope)}, the trials in {@code statuses} (all when empty). */
  @WithSession
  public Uni<PageOf<TrialView>> readable(
      Scope scope, Set<TrialStatus> statuses, int page, int size) {
    var where = new ArrayList<String>();
    var params = new HashMap<String, Object>();
    if (scope.hasRole(Roles.SPONSOR) && scope.sponsor().isPresent()) {
      where.add("sponsor = :sponsor");
      params.put("sponsor", scope.sponsor().get());
    }
    if (atSites(scope) && !scope.sites().isEmpty()) {
      where.add("id in (select s.trialId from TrialSite s where s.code in :sites)");
      params.put("sites", scope.sites());
    }
    if (where.isEmpty()) {
      return Uni.createFrom().item(new PageOf<>(List.of(), page, size, 0));
    }
    var query = "(" + String.join(" or ", where) + ")";
    if (!statuses.isEmpty()) {
      query += " and status in :statuses";
      params.put("statuses", statuses);
    }
    return PageOf.ofAll(
        Trial.<Trial>find(query, Sort.descending("createdAt").and("id"), params),
        this::views,
        page,
        size);
  }

  private static boolean atSites(Scope scope) {
    return scope.hasRole(Roles.INVESTIGATOR) || scope.hasRole(Roles.SITE_COORDINATOR);
  }

  private static boolean readable(Scope scope, TrialView trial) {
    return (scope.hasRole(Roles.SPONSOR) && scope.belongsTo(trial.sponsor()))
        || (atSites(scope) && trial.sites().stream().anyMatch(s -> scope.worksAt(s.code())));
  }

  @WithTransaction
  public Uni<TrialView> changeStatus(String id, Scope scope, StatusChangeRequest request) {
    return ownedForUpdate(id, sponsorOf(scope))
        .flatMap(trial -> move(trial, request.status(), request.reason(), scope.actor()))
        .flatMap(this::view);
  }

  /**
   * Suspends the trial on safety-service's stopping rule, in the caller's transaction. A trial that
   * cannot be suspended from its status (already suspended, or ended) is left as it is.
   */
  public Uni<Boolean> suspendForSafety(String trialId, String reason, Actor actor) {
    return Trial.<Trial>findById(trialId, LockModeType.PESSIMISTIC_WRITE)
        .onItem()
        .ifNull()
        .failWith(() -> new IllegalStateException("enrollment pause for unknown trial " + trialId))
        .flatMap(
            trial ->
                trial.status.canMoveTo(TrialStatus.SUSPENDED)
                    ? move(trial, TrialStatus.SUSPENDED, reason, actor).replaceWith(true)
                    : Uni.createFrom().item(false));
  }

  /** Moves a trial's status in the caller's transaction (e.g. for the demo data). */
  public Uni<TrialView> moveTo(String id, TrialStatus target, String reason, Actor actor) {
    return Trial.<Trial>findById(id, LockModeType.PESSIMISTIC_WRITE)
        .onItem()
        .ifNull()
        .failWith(() -> missing(id))
        .flatMap(trial -> move(trial, target, reason, actor))
        .flatMap(this::view);
  }

  private Uni<Trial> move(Trial trial, TrialStatus target, String reason, Actor actor) {
    if (!trial.status.canMoveTo(target)) {
      return Uni.createFrom()
          .failure(
              Problems.ILLEGAL_TRANSITION.problem(
                  "A trial cannot move from "
                      + trial.status
                      + " to "
                      + target
                      + "; allowed: "
                      + trial.status.next()));
    }
    var previous = trial.status;
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return sites(trial.id)
        .flatMap(
            sites -> {
              var before = documents.view(trial, sites);
              trial.status = target;
              var event =
                  EventEnvelope.of(
                      EventTypes.TRIAL_STATUS_CHANGED,
                      SOURCE,
                      trial.id,
                      null,
                      json.valueToTree(
                          new TrialStatusChanged(
                              trial.id, previous.name(), target.name(), reason, now)));
              Uni<Void> lists =
                  target.enrolling()
                      ? allocations.prepare(
                          trial.id,
                          trial.randomizationSeed,
                          Strata.all(
                              sites.stream().map(s -> s.code).toList(), trial.stratifyBySubtype),
                          documents.blockSizes(trial),
                          trial.targetEnrollment,
                          actor)
                      : Uni.createFrom().voidItem();
              return lists
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  actor,
                                  "Trial",
                                  trial.id,
                                  "TRANSITION",
                                  before,
                                  documents.view(trial, sites),
                                  reason,
                                  trial.id,
                                  null)))
                  .call(() -> outbox.publish(Topics.TRIALS, trial.id, event))
                  .replaceWith(trial);
            });
  }

  /**
   * Sets or changes the time zone of a site of the sponsor's own trial (another sponsor's trial or
   * an unknown site: 404). Audited with the reason; setting the zone it already has writes nothing.
   */
  @WithTransaction
  public Uni<TrialView> setSiteTimeZone(
      String id, String siteCode, Scope scope, SiteTimeZoneRequest request) {
    return ownedForUpdate(id, sponsorOf(scope))
        .flatMap(
            trial ->
                sites(trial.id)
                    .flatMap(
                        sites -> {
                          var site =
                              sites.stream()
                                  .filter(s -> s.code.equals(siteCode))
                                  .findFirst()
                                  .orElseThrow(
                                      () ->
                                          Problems.NOT_FOUND.problem(
                                              "No site " + siteCode + " in trial " + id));
                          return changeTimeZone(
                                  trial, site, request.timeZone(), request.reason(), scope.actor())
                              .map(ignored -> documents.view(trial, sites));
                        }));
  }

  /**
   * The sponsor sets the trial's screening CAPS-5 threshold, with a reason; audited ({@code Trial},
   * {@code UPDATE}, before and after). The value it already has writes nothing.
   */
  @WithTransaction
  public Uni<TrialView> setScreeningThreshold(
      String id, Scope scope, ScreeningThresholdRequest request) {
    return ownedForUpdate(id, sponsorOf(scope))
        .flatMap(
            trial ->
                changeScreeningThreshold(
                    trial, request.minTotal(), request.reason(), scope.actor()))
        .flatMap(this::view);
  }

  /**
   * Sets the screening CAPS-5 threshold of a trial that has none, in the caller's transaction,
   * audited with {@code reason} (demo data); one already set is kept. True when it was set now.
   */
  public Uni<Boolean> fillMissingScreeningThreshold(
      String id, int minTotal, String reason, Actor actor) {
    return Trial.<Trial>findById(id, LockModeType.PESSIMISTIC_WRITE)
        .onItem()
        .ifNull()
        .failWith(() -> missing(id))
        .flatMap(
            trial ->
                trial.screeningCaps5MinTotal != null
                    ? Uni.createFrom().item(false)
                    : changeScreeningThreshold(trial, minTotal, reason, actor).replaceWith(true));
  }

  private Uni<Trial> changeScreeningThreshold(
      Trial trial, int minTotal, String reason, Actor actor) {
    if (Integer.valueOf(minTotal).equals(trial.screeningCaps5MinTotal)) {
      return Uni.createFrom().item(trial);
    }
    return sites(trial.id)
        .flatMap(
            sites -> {
              var before = documents.view(trial, sites);
              trial.screeningCaps5MinTotal = minTotal;
              var after = documents.view(trial, sites);
              return audit
                  .record(
                      new AuditEvent(
                          actor, "Trial", trial.id, "UPDATE", before, after, reason, trial.id,
                          null))
                  .replaceWith(trial);
            });
  }

  /**
   * Gives the sites of a trial that have no time zone yet the one named in {@code zones}, in the
   * caller's transaction, each change audited with {@code reason}; a zone already set is kept.
   * Answers how many sites were changed.
   */
  public Uni<Integer> fillMissingSiteTimeZones(
      String id, Map<String, String> zones, String reason, Actor actor) {
    return Trial.<Trial>findById(id, LockModeType.PESSIMISTIC_WRITE)
        .onItem()
        .ifNull()
        .failWith(() -> missing(id))
        .flatMap(
            trial ->
                sites(trial.id)
                    .flatMap(
                        sites -> {
                          var missingZone =
                              sites.stream()
                                  .filter(s -> s.timeZone == null && zones.containsKey(s.code))
                                  .toList();
                          Uni<Void> chain = Uni.createFrom().voidItem();
                          for (var site : missingZone) {
                            chain =
                                chain.chain(
                                    () ->
                                        changeTimeZone(
                                                trial, site, zones.get(site.code), reason, actor)
                                            .replaceWithVoid());
                          }
                          return chain.replaceWith(missingZone.size());
                        }));
  }

  private Uni<Boolean> changeTimeZone(
      Trial trial, TrialSite site, String zone, String reason, Actor actor) {
    if (zone.equals(site.timeZone)) {
      return Uni.createFrom().item(false);
    }
    var before = TrialView.SiteView.of(site);
    site.timeZone = zone;
    return audit
        .record(
            new AuditEvent(
                actor,
                "TrialSite",
                trial.id + "/" + site.code,
                "UPDATE",
                before,
                TrialView.SiteView.of(site),
                reason,
                trial.id,
                null))
        .replaceWith(true);
  }

  /**
   * Applies outcomes-service's database lock or unlock of {@code trialId}, in the caller's
   * transaction. An event older than the last change applied is ignored, so a late unlock cannot
   * undo a newer lock. Answers whether the trial changed.
   */
  public Uni<Boolean> applyDataLock(
      String trialId, boolean locked, Instant changedAt, String reason, Actor actor) {
    return Trial.<Trial>findById(trialId, LockModeType.PESSIMISTIC_WRITE)
        .onItem()
        .ifNull()
        .failWith(() -> new IllegalStateException("data lock for unknown trial " + trialId))
        .flatMap(
            trial -> {
              if (trial.outcomeDataLockChangedAt != null
                  && !changedAt.isAfter(trial.outcomeDataLockChangedAt)) {
                return Uni.createFrom().item(false);
              }
              return sites(trial.id)
                  .flatMap(
                      sites -> {
                        var before = documents.view(trial, sites);
                        trial.outcomeDataLockedAt = locked ? changedAt : null;
                        trial.outcomeDataLockChangedAt = changedAt;
                        return audit
                            .record(
                                new AuditEvent(
                                    actor,
                                    "Trial",
                                    trial.id,
                                    locked ? "DATA_LOCKED" : "DATA_UNLOCKED",
                                    before,
                                    documents.view(trial, sites),
                                    reason,
                                    trial.id,
                                    null))
                            .replaceWith(true);
                      });
            });
  }

  /**
   * The independent statistician sets the randomization seed before the lists are generated
   * (NOT_YET_RECRUITING). Audited without the seed, which never leaves the service.
   */
  @WithTransaction
  public Uni<TrialView> setSeed(String id, Scope scope, String seed) {
    var actor = scope.actor();
    return ownedForUpdate(id, sponsorOf(scope))
        .flatMap(
            trial -> {
              if (trial.status != TrialStatus.NOT_YET_RECRUITING) {
                return Uni.createFrom()
                    .failure(
                        Problems.ILLEGAL_TRANSITION.problem(
                            "The allocation lists exist once a trial recruits; the seed can only"
                                + " be set while it is NOT_YET_RECRUITING"));
              }
              return sites(trial.id)
                  .flatMap(
                      sites -> {
                        var before = documents.view(trial, sites);
                        trial.seedHandling = SeedHandling.PROVIDED;
                        trial.randomizationSeed = seed.toLowerCase();
                        var after = documents.view(trial, sites);
                        return audit
                            .record(
                                new AuditEvent(
                                    actor,
                                    "Trial",
                                    trial.id,
                                    "SEED_SET",
                                    before,
                                    after,
                                    "randomization seed set by the unblinded statistician",
                                    trial.id,
                                    null))
                            .replaceWith(after);
                      });
            });
  }

  private Uni<Trial> owned(String id, String sponsor) {
    return Trial.<Trial>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> missing(id))
        .invoke(
            trial -> {
              if (!trial.sponsor.equals(sponsor)) {
                throw missing(id);
              }
            });
  }

  /** The trial of {@code sponsor}, locked for update; another sponsor's answers 404. */
  /** The caller's sponsor (the token's {@code sponsor} claim); 403 when the token names none. */
  public static String sponsorOf(Scope scope) {
    return scope
        .sponsor()
        .orElseThrow(() -> Problems.FORBIDDEN.problem("The token names no sponsor"));
  }

  public Uni<Trial> ownedForUpdate(String id, String sponsor) {
    return Trial.<Trial>findById(id, LockModeType.PESSIMISTIC_WRITE)
        .onItem()
        .ifNull()
        .failWith(() -> missing(id))
        .invoke(
            trial -> {
              if (!trial.sponsor.equals(sponsor)) {
                throw missing(id);
              }
            });
  }

  public Uni<TrialView> view(Trial trial) {
    return sites(trial.id).map(sites -> documents.view(trial, sites));
  }

  /** Views of a page of trials, their sites read in one query. */
  private Uni<List<TrialView>> views(List<Trial> trials) {
    if (trials.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return TrialSite.<TrialSite>list(
            "trialId in ?1 order by code", trials.stream().map(t -> t.id).toList())
        .map(
            sites -> {
              var byTrial = sites.stream().collect(Collectors.groupingBy(s -> s.trialId));
              return trials.stream()
                  .map(t -> documents.view(t, byTrial.getOrDefault(t.id, List.of())))
                  .toList();
            });
  }

  public static Problem missing(String id) {
    return Problems.NOT_FOUND.problem("No trial " + id);
  }
}
