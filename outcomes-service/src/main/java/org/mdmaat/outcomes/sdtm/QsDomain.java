package org.mdmaat.outcomes.sdtm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mdmaat.outcomes.assessment.Assessment;
import org.mdmaat.outcomes.instrument.Instrument;
import org.mdmaat.platform.cdisc.DatasetJson.Column;
import org.mdmaat.platform.cdisc.Sdtm;

/**
 * The QS domain (SDTM IG 3.3, Questionnaires): one row per item response and one for the total of
 * each assessment's current revision. QSCAT is the instrument's name, VISIT its timepoint.
 */
final class QsDomain {
  private QsDomain() {}

  static final List<Column> COLUMNS;

  static {
    var all = new ArrayList<>(Sdtm.identifiers());
    all.addAll(
        List.of(
            Column.integerKey("QSSEQ", "Sequence Number", 6),
            Column.text("QSGRPID", "Group ID", 64),
            Column.key("QSTESTCD", "Question Short Name", 8, 4),
            Column.text("QSTEST", "Question Name", 40),
            Column.key("QSCAT", "Category of Question", 80, 3),
            Column.text("QSORRES", "Finding in Original Units", 20),
            Column.text("QSSTRESC", "Character Result/Finding in Std Format", 20),
            Column.decimal("QSSTRESN", "Numeric Finding in Standard Units"),
            Column.text("QSDRVFL", "Derived Flag", 1),
            Column.integerKey("VISITNUM", "Visit Number", 5),
            Column.text("VISIT", "Visit Name", 40),
            Column.dateTime("QSDTC", "Date/Time of Finding")));
    COLUMNS = List.copyOf(all);
  }

  /**
   * QSTESTCD of an item: the instrument's code and the item's (CAPS5B1, AUDITQ10), or where that
   * passes SDTM's eight characters the instrument's code and the item's position (SDS02).
   */
  static String testCode(Instrument instrument, String itemCode) {
    var code = (instrument.code() + itemCode).toUpperCase().replaceAll("[^A-Z0-9]", "");
    if (code.length() <= 8) {
      return code;
    }
    int position = 1;
    for (var item : instrument.items()) {
      if (item.code().equals(itemCode)) {
        break;
      }
      position++;
    }
    var byPosition = instrument.code() + String.format("%02d", position);
    return byPosition.substring(0, Math.min(8, byPosition.length()));
  }

  /** QSTESTCD of the total: the instrument's code and TOT (CAPS5TOT). */
  static String totalCode(Instrument instrument) {
    var prefix = instrument.code().toUpperCase().replaceAll("[^A-Z0-9]", "");
    return prefix.substring(0, Math.min(5, prefix.length())) + "TOT";
  }

  private static String label(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40);
  }

  /** The rows of one assessment; {@code seq} is the subject's last QSSEQ and is advanced. */
  static List<Object[]> rows(
      Assessment a, Instrument instrument, Map<String, Integer> responses, int[] seq) {
    var rows = new ArrayList<Object[]>();
    var labels = new TreeMap<String, String>();
    instrument.items().forEach(item -> labels.put(item.code(), item.label()));
    for (var item : new TreeMap<>(responses).entrySet()) {
      rows.add(
          row(
              a,
              instrument,
              ++seq[0],
              testCode(instrument, item.getKey()),
              label(labels.getOrDefault(item.getKey(), item.getKey())),
              item.getValue(),
              null));
    }
    rows.add(
        row(
            a,
            instrument,
            ++seq[0],
            totalCode(instrument),
            label(instrument.code() + " Total Score"),
            a.total,
            "Y"));
    return rows;
  }

  private static Object[] row(
      Assessment a,
      Instrument instrument,
      int seq,
      String testCode,
      String test,
      int value,
      String derived) {
    return new Object[] {
      a.trialId,
      "QS",
      Sdtm.usubjid(a.trialId, a.participantCode),
      seq,
      a.id.toString(),
      testCode,
      test,
      instrument.name(),
      Integer.toString(value),
      Integer.toString(value),
      (double) value,
      derived,
      a.timepoint.ordinal() + 1,
      a.timepoint.name().replace('_', ' '),
      a.administeredAt
    };
  }
}
