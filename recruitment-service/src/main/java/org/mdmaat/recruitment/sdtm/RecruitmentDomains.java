package org.mdmaat.recruitment.sdtm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mdmaat.platform.cdisc.DatasetJson;
import org.mdmaat.platform.cdisc.DatasetJson.Column;
import org.mdmaat.platform.cdisc.Sdtm;
import org.mdmaat.recruitment.participant.Participant;
import org.mdmaat.recruitment.randomization.Arm;

/**
 * DM and DS (SDTM IG 3.3) from the participants recruitment-service holds. Never a name, e-mail or
 * phone: USUBJID and SUBJID are the pseudonymous code. An arm only once the trial is unblinded.
 */
final class RecruitmentDomains {
  private RecruitmentDomains() {}

  static final List<Column> DM =
      columns(
          Column.text("SUBJID", "Subject Identifier for the Study", 40),
          new Column(
              "RFICDTC", "Date/Time of Informed Consent", DatasetJson.DataType.DATE, 10, null),
          Column.text("SITEID", "Study Site Identifier", 40),
          Column.text("SEX", "Sex", 20),
          Column.text("ARMCD", "Planned Arm Code", 20),
          Column.text("ARM", "Description of Planned Arm", 200),
          Column.text("ACTARMCD", "Actual Arm Code", 20),
          Column.text("ACTARM", "Description of Actual Arm", 200),
          Column.text("COUNTRY", "Country", 3));

  static final List<Column> DS =
      columns(
          Column.integerKey("DSSEQ", "Sequence Number", 4),
          Column.text("DSTERM", "Reported Term for the Disposition Event", 200),
          Column.key("DSDECOD", "Standardized Disposition Term", 40, 3),
          Column.text("DSCAT", "Category for Disposition Event", 40),
          // ISO 8601 text: a date for consent, a UTC date-time for the others.
          Column.text("DSSTDTC", "Start Date/Time of Disposition Event", 32));

  private static List<Column> columns(Column... own) {
    var all = new ArrayList<>(Sdtm.identifiers());
    all.addAll(List.of(own));
    return List.copyOf(all);
  }

  static final Map<Arm, String[]> ARMS =
      Map.of(
          Arm.MDMA, new String[] {"MDMA", "MDMA-assisted therapy"},
          Arm.PLACEBO, new String[] {"PBO", "Placebo with therapy"});

  /** SEX code list (C66731): F, M, U, UNDIFFERENTIATED. */
  static String sex(Participant p) {
    if (p.sex == null) {
      return "U";
    }
    return switch (p.sex.name()) {
      case "FEMALE" -> "F";
      case "MALE" -> "M";
      case "INTERSEX" -> "UNDIFFERENTIATED";
      default -> "U";
    };
  }

  /** One DM row; {@code arm} null while the trial is blinded (or the participant has none). */
  static Object[] dm(Participant p, Arm arm, String country) {
    var codes = arm == null ? null : ARMS.get(arm);
    return new Object[] {
      p.trialId,
      "DM",
      Sdtm.usubjid(p.trialId, p.code),
      p.code,
      p.consentDate == null ? null : p.consentDate.toString(),
      p.siteCode,
      sex(p),
      codes == null ? null : codes[0],
      codes == null ? null : codes[1],
      codes == null ? null : codes[0],
      codes == null ? null : codes[1],
      country
    };
  }

  /** The participant's disposition events: consent, randomization and how it ended, if it did. */
  static List<Object[]> ds(Participant p) {
    var rows = new ArrayList<Object[]>();
    if (p.consentDate != null) {
      rows.add(
          ds(
              p,
              "INFORMED CONSENT OBTAINED",
              "INFORMED CONSENT OBTAINED",
              "PROTOCOL MILESTONE",
              p.consentDate.toString()));
    }
    if (p.randomizedAt != null) {
      rows.add(ds(p, "RANDOMIZED", "RANDOMIZED", "PROTOCOL MILESTONE", p.randomizedAt));
    }
    switch (p.status) {
      case COMPLETED -> rows.add(ds(p, "COMPLETED", "COMPLETED", "DISPOSITION EVENT", p.updatedAt));
      case WITHDRAWN ->
          rows.add(
              ds(
                  p,
                  p.endedReason == null ? "WITHDRAWN" : p.endedReason,
                  "WITHDRAWAL BY SUBJECT",
                  "DISPOSITION EVENT",
                  p.updatedAt));
      case SCREEN_FAILED ->
          rows.add(
              ds(
                  p,
                  p.endedReason == null ? "SCREEN FAILURE" : p.endedReason,
                  "SCREEN FAILURE",
                  "DISPOSITION EVENT",
                  p.updatedAt));
      default -> {}
    }
    return rows;
  }

  private static Object[] ds(
      Participant p, String term, String decod, String category, Object start) {
    return new Object[] {
      p.trialId, "DS", Sdtm.usubjid(p.trialId, p.code), 0, term, decod, category, start
    };
  }
}
