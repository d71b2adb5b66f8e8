package org.mdmaat.recruitment.demo;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.recruitment.call.RecruitmentCallService;
import org.mdmaat.recruitment.trial.CreateTrialRequest;
import org.mdmaat.recruitment.trial.EligibilitySettings;
import org.mdmaat.recruitment.trial.RandomizationSettings;
import org.mdmaat.recruitment.trial.SiteRequest;
import org.mdmaat.recruitment.trial.Trial;
import org.mdmaat.recruitment.trial.TrialPhase;
import org.mdmaat.recruitment.trial.TrialService;
import org.mdmaat.recruitment.trial.TrialStatus;

/**
 * Seeds, when {@code recruitment.demo.seed=true}, a MAPP2-style trial of sponsor "maps" at US-SF-01
 * (America/Los_Angeles) and US-BOS-02 (America/New_York): RECRUITING, with an open recruitment call
 * and its allocation lists. Idempotent: a trial with the demo id is left alone, except that its
 * sites without a time zone (seeded before sites had one) get theirs, audited.
 */
@ApplicationScoped
public class DemoSeeder {
  public static final String SPONSOR = "maps";
  private static final Logger LOG = Logger.getLogger(DemoSeeder.class);
  private static final Actor SYSTEM = Actor.system("recruitment-service-demo");

  /** The demo sites' time zones; also given to a demo trial seeded before sites had one. */
  /** MAPP2 (DOMAIN.md): CAPS-5 total at least 28 at screening. */
  static final int MAPP2_SCREENING_CAPS5_MIN_TOTAL = 28;

  static final Map<String, String> TIME_ZONES =
      Map.of("US-SF-01", "America/Los_Angeles", "US-BOS-02", "America/New_York");

  private final DemoConfig config;
  private final TrialService trials;
  private final RecruitmentCallService calls;

  DemoSeeder(DemoConfig config, TrialService trials, RecruitmentCallService calls) {
    this.config = config;
    this.trials = trials;
    this.calls = calls;
  }

  void onStart(@Observes StartupEvent started) throws Throwable {
    if (!config.seed()) {
      return;
    }
    boolean seeded = VertxContextSupport.subscribeAndAwait(this::seed);
    LOG.infof("demo trial %s %s", config.trialId(), seeded ? "seeded" : "already present");
  }

  /**
   * Seeds the demo trial unless it exists (then only fills in missing site time zones); true when
   * it was created now.
   */
  public Uni<Boolean> seed() {
    var id = config.trialId();
    return Panache.withTransaction(
        () ->
            Trial.<Trial>findById(id)
                .flatMap(
                    existing ->
                        existing != null
                            ? trials
                                .fillMissingSiteTimeZones(
                                    id,
                                    TIME_ZONES,
                                    "demo data: site time zones for visit windows",
                                    SYSTEM)
                                .invoke(
                                    n -> {
                                      if (n > 0) {
                                        LOG.infof("demo trial %s: %d site time zones set", id, n);
                                      }
                                    })
                                .call(() -> screeningThreshold(id))
                                .replaceWith(false)
                            : trials
                                .create(request(), SPONSOR, SYSTEM, id)
                                .flatMap(
                                    created ->
                                        trials.moveTo(
                                            id,
                                            TrialStatus.RECRUITING,
                                            "demo data: recruitment opens",
                                            SYSTEM))
                                .flatMap(
                                    recruiting ->
                                        calls.post(
                                            id,
                                            "A study of MDMA-assisted therapy for adults who have"
                                                + " lived with PTSD for at least six months."
                                                + " Three preparation sessions, three day-long"
                                                + " therapy sessions with a medication or placebo,"
                                                + " and integration sessions, in San Francisco or"
                                                + " Boston.",
                                            SPONSOR,
                                            SYSTEM))
                                .call(() -> screeningThreshold(id))
                                .replaceWith(true)));
  }

  /** MAPP2's screening CAPS-5 threshold, for a demo trial that has none (audited). */
  private Uni<Boolean> screeningThreshold(String id) {
    return trials.fillMissingScreeningThreshold(
        id, MAPP2_SCREENING_CAPS5_MIN_TOTAL, "demo data: MAPP2 screening CAPS-5 threshold", SYSTEM);
  }

  private static CreateTrialRequest request() {
    return new CreateTrialRequest(
        "MAPP2-DEMO",
        "MDMA-assisted therapy for moderate to severe PTSD (MAPP2-style demo)",
        TrialPhase.PHASE_3,
        "Post-traumatic stress disorder",
        104,
        List.of(
            new SiteRequest("US-SF-01", "US", "San Francisco", TIME_ZONES.get("US-SF-01")),
            new SiteRequest("US-BOS-02", "US", "Boston", TIME_ZONES.get("US-BOS-02"))),
        new EligibilitySettings("MAPP2", null),
        new RandomizationSettings(List.of(2, 4), true, null),
        null,
        null);
  }
}
