package org.mdmaat.safety.sdtm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mdmaat.platform.cdisc.DatasetJson.Column;
import org.mdmaat.platform.cdisc.Sdtm;
import org.mdmaat.safety.adverse.AdverseEvent;
import org.mdmaat.safety.adverse.AdverseEventCategory;
import org.mdmaat.safety.adverse.SeriousnessCriterion;
import org.mdmaat.safety.vitals.VitalSign;

/**
 * The SDTM IG 3.3 variables of the two domains safety-service owns, VS and AE, and how one stored
 * record becomes rows. Controlled terminology: VSTESTCD/VSTEST (C66741/C67153), units (C66770),
 * AEOUT (C66768), AESER and the seriousness flags (NY, C66742).
 */
final class SafetyDomains {
  private SafetyDomains() {}

  static final List<Column> VS =
      columns(
          Column.integerKey("VSSEQ", "Sequence Number", 4),
          Column.text("VSGRPID", "Group ID", 64),
          Column.text("VSSPID", "Sponsor-Defined Identifier", 64),
          Column.key("VSTESTCD", "Vital Signs Test Short Name", 8, 3),
          Column.text("VSTEST", "Vital Signs Test Name", 40),
          Column.text("VSORRES", "Result or Finding in Original Units", 20),
          Column.text("VSORRESU", "Original Units", 20),
          Column.text("VSSTRESC", "Character Result/Finding in Std Format", 20),
          Column.decimal("VSSTRESN", "Numeric Result/Finding in Standard Units"),
          Column.text("VSSTRESU", "Standard Units", 20),
          Column.text("VSEVAL", "Evaluator", 20),
          Column.dateTime("VSDTC", "Date/Time of Measurements"));

  static final List<Column> AE =
      columns(
          Column.integerKey("AESEQ", "Sequence Number", 3),
          Column.text("AEGRPID", "Group ID", 64),
          Column.text("AESPID", "Sponsor-Defined Identifier", 64),
          Column.text("AETERM", "Reported Term for the Adverse Event", 200),
          Column.text("AEDECOD", "Dictionary-Derived Term", 200),
          Column.text("AECAT", "Category for Adverse Event", 40),
          Column.text("AESCAT", "Subcategory for Adverse Event", 200),
          Column.text("AESER", "Serious Event", 1),
          Column.text("AEREL", "Causality", 20),
          Column.text("AEOUT", "Outcome of Adverse Event", 40),
          Column.text("AESDTH", "Results in Death", 1),
          Column.text("AESLIFE", "Is Life Threatening", 1),
          Column.text("AESHOSP", "Requires or Prolongs Hospitalization", 1),
          Column.text("AESDISAB", "Persist or Signif Disability/Incapacity", 1),
          Column.text("AESCONG", "Congenital Anomaly or Birth Defect", 1),
          Column.text("AESMIE", "Other Medically Important Serious Event", 1),
          Column.text("AETOXGR", "Standard Toxicity Grade", 2),
          Column.dateTime("AEDTC", "Date/Time of Collection"),
          Column.dateTime("AESTDTC", "Start Date/Time of Adverse Event"));

  private static List<Column> columns(Column... own) {
    var all = new ArrayList<>(Sdtm.identifiers());
    all.addAll(List.of(own));
    return List.copyOf(all);
  }

  /** One vital-sign test: its code, name, the stored value's unit (CDISC unit CT). */
  enum Test {
    SYSBP("Systolic Blood Pressure", "mmHg"),
    DIABP("Diastolic Blood Pressure", "mmHg"),
    PULSE("Pulse Rate", "beats/min"),
    TEMP("Temperature", "C"),
    OXYSAT("Oxygen Saturation", "%");

    final String name;
    final String unit;

    Test(String name, String unit) {
      this.name = name;
      this.unit = unit;
    }

    Number of(VitalSign reading) {
      return switch (this) {
        case SYSBP -> reading.systolic;
        case DIABP -> reading.diastolic;
        case PULSE -> reading.heartRate;
        case TEMP -> reading.temperatureC;
        case OXYSAT -> reading.spo2;
      };
    }
  }

  /**
   * The rows of one reading, a test each for every value measured; {@code seq} is the subject's
   * next VSSEQ and is advanced.
   */
  static List<Object[]> vs(VitalSign reading, int[] seq) {
    var rows = new ArrayList<Object[]>(5);
    for (var test : Test.values()) {
      var value = test.of(reading);
      if (value == null) {
        continue;
      }
      var text = value instanceof Double d ? stripZeros(d) : value.toString();
      rows.add(
          new Object[] {
            reading.trialId,
            "VS",
            Sdtm.usubjid(reading.trialId, reading.participantCode),
            ++seq[0],
            reading.sessionId,
            reading.id.toString(),
            test.name(),
            test.name,
            text,
            test.unit,
            text,
            value.doubleValue(),
            test.unit,
            // A device's reading has no human evaluator; staff readings are the site's.
            reading.sourceKind != null && reading.sourceKind.name().equals("STAFF")
                ? "INVESTIGATOR"
                : null,
            reading.measuredAt
          });
    }
    return rows;
  }

  private static String stripZeros(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** AECAT's wording for each category; positive/abuse-related as the FDA's abuse guidance. */
  static String category(AdverseEventCategory category) {
    return switch (category) {
      case POSITIVE_ABUSE_RELATED -> "POSITIVE/ABUSE-RELATED";
      default -> category.name();
    };
  }

  static final Map<String, String> RELATEDNESS =
      Map.of(
          "NOT_RELATED", "NOT RELATED",
          "UNLIKELY", "UNLIKELY RELATED",
          "POSSIBLE", "POSSIBLY RELATED",
          "PROBABLE", "PROBABLY RELATED",
          "DEFINITE", "RELATED");

  static final Map<String, String> OUTCOME =
      Map.of(
          "RECOVERED", "RECOVERED/RESOLVED",
          "RECOVERING", "RECOVERING/RESOLVING",
          "NOT_RECOVERED", "NOT RECOVERED/NOT RESOLVED",
          "RECOVERED_WITH_SEQUELAE", "RECOVERED/RESOLVED WITH SEQUELAE",
          "FATAL", "FATAL",
          "UNKNOWN", "UNKNOWN");

  /**
   * An event's current version as one AE row. AECAT is its first category (positive/abuse-related
   * first when present), AESCAT the others; AEDECOD stays blank: the platform does not code terms
   * in MedDRA, which a submission adds.
   */
  static Object[] ae(AdverseEvent event, int seq) {
    var categories = List.copyOf(event.categories());
    Set<SeriousnessCriterion> criteria = event.criteria();
    return new Object[] {
      event.trialId,
      "AE",
      Sdtm.usubjid(event.trialId, event.participantCode),
      seq,
      event.sessionId,
      event.id.toString(),
      event.term,
      null,
      categories.isEmpty() ? null : category(categories.get(0)),
      categories.size() < 2
          ? null
          : categories.subList(1, categories.size()).stream()
              .map(SafetyDomains::category)
              .collect(Collectors.joining("; ")),
      Sdtm.yesNo(event.serious),
      event.relatedness == null ? null : RELATEDNESS.get(event.relatedness.name()),
      event.outcome == null ? null : OUTCOME.get(event.outcome.name()),
      Sdtm.yesNo(criteria.contains(SeriousnessCriterion.DEATH)),
      Sdtm.yesNo(criteria.contains(SeriousnessCriterion.LIFE_THREATENING)),
      Sdtm.yesNo(criteria.contains(SeriousnessCriterion.HOSPITALIZATION)),
      Sdtm.yesNo(criteria.contains(SeriousnessCriterion.DISABILITY)),
      Sdtm.yesNo(criteria.contains(SeriousnessCriterion.CONGENITAL_ANOMALY)),
      Sdtm.yesNo(criteria.contains(SeriousnessCriterion.IMPORTANT_MEDICAL_EVENT)),
      Integer.toString(event.grade),
      event.reportedAt,
      event.onsetAt
    };
  }
}
