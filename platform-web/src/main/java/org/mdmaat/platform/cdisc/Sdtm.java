package org.mdmaat.platform.cdisc;

import java.util.List;
import org.mdmaat.platform.cdisc.DatasetJson.Column;

/**
 * What every SDTM domain of the platform shares: the identifier variables (SDTM IG 3.3 section
 * 4.1.2) and how a subject is named. USUBJID is the study and the pseudonymous participant code,
 * never a name: names and contacts stay in recruitment-service.
 */
public final class Sdtm {
  /** The originator written into every file. */
  public static final String ORIGINATOR = "MDMAAT trial platform";

  private Sdtm() {}

  /** STUDYID, DOMAIN, USUBJID: the first three variables of every subject-level domain. */
  public static List<Column> identifiers() {
    return List.of(
        Column.key("STUDYID", "Study Identifier", 64, 1),
        Column.text("DOMAIN", "Domain Abbreviation", 2),
        Column.key("USUBJID", "Unique Subject Identifier", 100, 2));
  }

  /** Unique within the submission: the trial and the participant's pseudonymous code. */
  public static String usubjid(String trialId, String participantCode) {
    return trialId + "-" + participantCode;
  }

  /** SDTM's Y/N (NY code list). */
  public static String yesNo(boolean value) {
    return value ? "Y" : "N";
  }
}
