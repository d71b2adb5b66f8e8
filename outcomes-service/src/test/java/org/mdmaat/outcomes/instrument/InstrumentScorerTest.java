package org.mdmaat.outcomes.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.platform.problem.RuleViolation;
import org.mdmaat.platform.problem.Violation;

/** The instrument definitions (JSON) scored by the generic scorer. */
class InstrumentScorerTest {
  static final Map<String, Instrument> CATALOG = InstrumentCatalog.load(new ObjectMapper());

  static Map<String, Integer> all(Instrument instrument, int value) {
    var responses = new HashMap<String, Integer>();
    instrument.items().forEach(item -> responses.put(item.code(), value));
    return responses;
  }

  @Test
  void loadsEveryInstrumentFromData() {
    assertThat(CATALOG).containsOnlyKeys("CAPS5", "PCL5", "BDI2", "SDS", "AUDIT", "WAISR");
    assertThat(CATALOG.get("CAPS5").items()).hasSize(22);
    assertThat(CATALOG.get("CAPS5").requiresIndependentRater()).isTrue();
    assertThat(CATALOG.get("PCL5").requiresIndependentRater()).isFalse();
  }

  @Test
  void caps5SumsTheTwentySymptomItemsOnly() {
    var caps = CATALOG.get("CAPS5");
    var responses = all(caps, 4);
    responses.put("F", 1);
    responses.put("G", 1);
    var score = InstrumentScorer.score(caps, responses);
    assertThat(score.total()).isEqualTo(80);
    assertThat(score.subscales())
        .containsEntry("B", 20)
        .containsEntry("C", 8)
        .containsEntry("D", 28)
        .containsEntry("E", 24);
    assertThat(score.flags()).containsEntry("ptsdDiagnosis", true);
  }

  /** Minimal diagnosis: 1 B, 1 C, 2 D, 2 E at severity 2, F and G met. */
  static Map<String, Integer> minimalDiagnosis() {
    var responses = all(CATALOG.get("CAPS5"), 1);
    responses.putAll(Map.of("B3", 2, "C2", 2, "D1", 2, "D7", 2, "E2", 2, "E6", 3, "F", 1, "G", 1));
    return responses;
  }

  @Test
  void caps5DiagnosticRuleNeedsEveryClusterAndDurationAndImpairment() {
    var caps = CATALOG.get("CAPS5");
    assertThat(InstrumentScorer.score(caps, minimalDiagnosis()).flags())
        .containsEntry("ptsdDiagnosis", true);
    assertThat(InstrumentScorer.score(caps, minimalDiagnosis()).total()).isEqualTo(20 + 7);

    var oneD = minimalDiagnosis();
    oneD.put("D7", 1); // only one D symptom at severity >= 2
    assertThat(InstrumentScorer.score(caps, oneD).flags()).containsEntry("ptsdDiagnosis", false);

    var noB = minimalDiagnosis();
    noB.put("B3", 1);
    assertThat(InstrumentScorer.score(caps, noB).flags()).containsEntry("ptsdDiagnosis", false);

    var oneE = minimalDiagnosis();
    oneE.put("E6", 1);
    assertThat(InstrumentScorer.score(caps, oneE).flags()).containsEntry("ptsdDiagnosis", false);

    var noC = minimalDiagnosis();
    noC.put("C2", 0);
    assertThat(InstrumentScorer.score(caps, noC).flags()).containsEntry("ptsdDiagnosis", false);

    var shortDuration = minimalDiagnosis();
    shortDuration.put("F", 0);
    assertThat(InstrumentScorer.score(caps, shortDuration).flags())
        .containsEntry("ptsdDiagnosis", false);

    var noImpairment = minimalDiagnosis();
    noImpairment.put("G", 0);
    assertThat(InstrumentScorer.score(caps, noImpairment).flags())
        .containsEntry("ptsdDiagnosis", false);
  }

  @Test
  void pcl5ProvisionalPtsdFrom33() {
    var pcl = CATALOG.get("PCL5");
    var responses = all(pcl, 0);
    // 8 items at 4 = 32, then one more point.
    for (int i = 1; i <= 8; i++) {
      responses.put("Q" + i, 4);
    }
    var at32 = InstrumentScorer.score(pcl, responses);
    assertThat(at32.total()).isEqualTo(32);
    assertThat(at32.flags()).containsEntry("provisionalPtsd", false);
    assertThat(at32.subscales()).containsEntry("B", 20).containsEntry("C", 8).containsEntry("D", 4);
    responses.put("Q20", 1);
    var at33 = InstrumentScorer.score(pcl, responses);
    assertThat(at33.total()).isEqualTo(33);
    assertThat(at33.flags()).containsEntry("provisionalPtsd", true);
    assertThat(at33.subscales()).containsEntry("E", 1);
  }

  @Test
  void bdi2SeverityBandsAtTheirEdges() {
    var bdi = CATALOG.get("BDI2");
    assertThat(bandAt(bdi, 0)).isEqualTo("minimal");
    assertThat(bandAt(bdi, 13)).isEqualTo("minimal");
    assertThat(bandAt(bdi, 14)).isEqualTo("mild");
    assertThat(bandAt(bdi, 19)).isEqualTo("mild");
    assertThat(bandAt(bdi, 20)).isEqualTo("moderate");
    assertThat(bandAt(bdi, 28)).isEqualTo("moderate");
    assertThat(bandAt(bdi, 29)).isEqualTo("severe");
    assertThat(bandAt(bdi, 63)).isEqualTo("severe");
  }

  private static String bandAt(Instrument bdi, int total) {
    var responses = all(bdi, 0);
    int left = total;
    for (int i = 1; i <= 21 && left > 0; i++) {
      int value = Math.min(3, left);
      responses.put("Q" + i, value);
      left -= value;
    }
    var score = InstrumentScorer.score(bdi, responses);
    assertThat(score.total()).isEqualTo(total);
    return score.band();
  }

  @Test
  void auditItems9And10AreScored0Or2Or4() {
    var audit = CATALOG.get("AUDIT");
    var responses = all(audit, 0);
    responses.put("Q9", 4);
    responses.put("Q10", 2);
    responses.put("Q1", 1);
    var score = InstrumentScorer.score(audit, responses);
    assertThat(score.total()).isEqualTo(7);
    assertThat(score.flags()).containsEntry("hazardousDrinking", false);
    responses.put("Q2", 1);
    assertThat(InstrumentScorer.score(audit, responses).flags())
        .containsEntry("hazardousDrinking", true);

    responses.put("Q9", 3);
    assertThatThrownBy(() -> InstrumentScorer.score(audit, responses))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        new Violation("responses.Q9", "3 is out of range (one of 0, 2, 4)")));
  }

  @Test
  void waiSrHasGoalTaskAndBondSubscalesOfFourItems() {
    var wai = CATALOG.get("WAISR");
    var responses = all(wai, 1);
    responses.put("Q3", 5); // bond
    responses.put("Q4", 5); // goal
    responses.put("Q1", 5); // task
    var score = InstrumentScorer.score(wai, responses);
    assertThat(score.total()).isEqualTo(24);
    assertThat(score.subscales())
        .containsEntry("BOND", 8)
        .containsEntry("GOAL", 8)
        .containsEntry("TASK", 8);
    wai.subscales().forEach(s -> assertThat(s.items()).hasSize(4));
  }

  @Test
  void sdsSumsThreeDomains() {
    var sds = CATALOG.get("SDS");
    var score = InstrumentScorer.score(sds, Map.of("WORK", 10, "SOCIAL", 7, "FAMILY", 0));
    assertThat(score.total()).isEqualTo(17);
  }

  @Test
  void namesEveryMissingUnknownAndOutOfRangeItem() {
    var wai = CATALOG.get("WAISR");
    var responses = all(wai, 3);
    responses.remove("Q12");
    responses.put("Q2", 0);
    responses.put("Q13", 3);
    assertThatThrownBy(() -> InstrumentScorer.score(wai, responses))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.code()).isEqualTo("OUT-0422");
              assertThat(e.violations())
                  .extracting(Violation::field)
                  .containsExactly("responses.Q2", "responses.Q12", "responses.Q13");
            });
  }

  @Test
  void everyInstrumentSaysWhichWayItImproves() {
    assertThat(CATALOG.get("WAISR").betterWhen()).isEqualTo(BetterWhen.HIGHER);
    assertThat(CATALOG.get("CAPS5").betterWhen()).isEqualTo(BetterWhen.LOWER);
    assertThat(CATALOG.values()).allSatisfy(i -> assertThat(i.betterWhen()).isNotNull());
  }

  @Test
  void refusesADefinitionWithABrokenRule() {
    var caps = CATALOG.get("CAPS5");
    var broken =
        new Instrument(
            "X",
            "x",
            "1",
            false,
            BetterWhen.LOWER,
            caps.items(),
            caps.subscales(),
            caps.bands(),
            java.util.List.of(
                new Instrument.Flag(
                    "f",
                    "f",
                    java.util.List.of(new Instrument.Condition("Z", 2, 1, null, null, null)))),
            null);
    assertThatThrownBy(() -> InstrumentCatalog.check(broken, "x.json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bad condition");
  }

  @Test
  void refusesADefinitionThatDoesNotSayWhichWayItImproves() {
    var caps = CATALOG.get("CAPS5");
    var undirected =
        new Instrument(
            "X",
            "x",
            "1",
            false,
            null,
            caps.items(),
            caps.subscales(),
            caps.bands(),
            caps.flags(),
            caps.outcome());
    assertThatThrownBy(() -> InstrumentCatalog.check(undirected, "x.json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("betterWhen");
  }
}
