package org.mdmaat.session.sdtm;

import java.util.ArrayList;
import java.util.List;
import org.mdmaat.platform.cdisc.DatasetJson;
import org.mdmaat.platform.cdisc.DatasetJson.Column;
import org.mdmaat.platform.cdisc.Sdtm;
import org.mdmaat.session.accountability.KitContent;
import org.mdmaat.session.dosing.Dose;

/**
 * The EX domain (SDTM IG 3.3, Exposure): one record per dose given, initial or supplemental.
 * Controlled terminology: EXDOSU "mg" (C71620), EXDOSFRM "CAPSULE" (C66726), EXDOSFRQ "ONCE"
 * (C71113), EXROUTE "ORAL" (C66729), EPOCH "TREATMENT" (C99079).
 *
 * <p>Blinding: while the trial is blinded EXTRT is {@value #MASKED} (the IG's term for a treatment
 * that is not known and has no synonym, as exchanged between sponsor and agency) and EXDOSE the mg
 * HCl the label of the kit said, the same for both arms; no kit content is read. Once unblinded, EX
 * is what it is meant to be, the actual treatment: EXTRT "MDMA" or "PLACEBO" by the content of the
 * kit the dose came from (as received by the pharmacy), and a placebo dose is 0 mg of MDMA HCl, as
 * the IG counts a placebo in the active's unit. The kit code is EXREFID (the IG's reference id:
 * "kit number, bottle label"), the dose's id EXSPID, the session's id EXGRPID (an initial dose and
 * its supplemental together).
 */
final class ExDomain {
  private ExDomain() {}

  static final String MASKED = "MASKED";

  /** VISITNUM of experimental session n is 100 + n: QS's timepoints already use 1 to 7. */
  static final int VISITNUM_BASE = 100;

  static final List<Column> COLUMNS;

  static {
    var all = new ArrayList<>(Sdtm.identifiers());
    all.addAll(
        List.of(
            Column.integer("EXSEQ", "Sequence Number"),
            Column.text("EXGRPID", "Group ID", 64),
            Column.text("EXREFID", "Reference ID", 64),
            Column.text("EXSPID", "Sponsor-Defined Identifier", 64),
            Column.key("EXTRT", "Name of Treatment", 40, 3),
            Column.text("EXCAT", "Category of Treatment", 40),
            Column.decimal("EXDOSE", "Dose"),
            Column.text("EXDOSU", "Dose Units", 8),
            Column.text("EXDOSFRM", "Dose Form", 20),
            Column.text("EXDOSFRQ", "Dosing Frequency per Interval", 8),
            Column.text("EXROUTE", "Route of Administration", 20),
            Column.integer("VISITNUM", "Visit Number"),
            Column.text("VISIT", "Visit Name", 40),
            Column.text("EPOCH", "Epoch", 20),
            new Column(
                "EXSTDTC", "Start Date/Time of Treatment", DatasetJson.DataType.DATETIME, 32, 4),
            Column.dateTime("EXENDTC", "End Date/Time of Treatment")));
    COLUMNS = List.copyOf(all);
  }

  /** EXCAT: which of a session's doses it is. */
  static String category(Dose dose) {
    return dose.supplemental ? "SUPPLEMENTAL DOSE" : "INITIAL DOSE";
  }

  /**
   * One dose's row. {@code content} is the kit's content once the trial is unblinded, null while it
   * is blinded; {@code session} the experimental session's number.
   */
  static Object[] row(Dose dose, int seq, int session, KitContent content) {
    String treatment;
    double mg;
    if (content == null) {
      treatment = MASKED;
      mg = dose.mgHcl.doubleValue();
    } else if (content == KitContent.MDMA) {
      treatment = "MDMA";
      mg = dose.mgHcl.doubleValue();
    } else {
      treatment = "PLACEBO";
      mg = 0.0;
    }
    return new Object[] {
      dose.trialId,
      "EX",
      Sdtm.usubjid(dose.trialId, dose.participantCode),
      seq,
      dose.sessionId.toString(),
      dose.kitCode,
      dose.id.toString(),
      treatment,
      category(dose),
      mg,
      "mg",
      "CAPSULE",
      "ONCE",
      "ORAL",
      VISITNUM_BASE + session,
      "EXPERIMENTAL SESSION " + session,
      "TREATMENT",
      dose.administeredAt,
      dose.administeredAt
    };
  }
}
