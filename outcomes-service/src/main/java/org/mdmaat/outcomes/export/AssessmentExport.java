package org.mdmaat.outcomes.export;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.mdmaat.outcomes.assessment.Timepoint;
import org.mdmaat.outcomes.assessment.WindowView;

/** Writes assessments as CSV, one row per item response. */
public final class AssessmentExport {
  static final String CSV_HEADER =
      "assessment_id,participant_code,trial_id,site_code,instrument,timepoint,revision,"
          + "administered_at,recorded_by,recorded_at,reason,total,band,item,value,"
          + "window_status,window_target_date";

  private AssessmentExport() {}

  /** One revision of one assessment, flattened for export. */
  public record Row(
      UUID assessmentId,
      String participantCode,
      String trialId,
      String siteCode,
      String instrument,
      Timepoint timepoint,
      int revision,
      Instant administeredAt,
      String recordedBy,
      Instant recordedAt,
      String reason,
      int total,
      String band,
      Map<String, Integer> responses,
      WindowView window) {}

  /**
   * Current values only: the latest revision of each assessment, one line per item, with its window
   * status (IN_WINDOW, OUT_OF_WINDOW, ANCHOR_MISSING) and target date.
   */
  public static String csv(List<Row> latest) {
    var out = new StringBuilder(CSV_HEADER).append("\r\n");
    for (var row : latest) {
      for (var item : new TreeMap<>(row.responses()).entrySet()) {
        out.append(
                String.join(
                    ",",
                    cell(row.assessmentId().toString()),
                    cell(row.participantCode()),
                    cell(row.trialId()),
                    cell(row.siteCode()),
                    cell(row.instrument()),
                    cell(row.timepoint().name()),
                    Integer.toString(row.revision()),
                    cell(utc(row.administeredAt())),
                    cell(row.recordedBy()),
                    cell(utc(row.recordedAt())),
                    cell(row.reason()),
                    Integer.toString(row.total()),
                    cell(row.band()),
                    cell(item.getKey()),
                    Integer.toString(item.getValue()),
                    cell(row.window() == null ? null : row.window().status().name()),
                    cell(
                        row.window() == null || row.window().targetDate() == null
                            ? null
                            : row.window().targetDate().toString())))
            .append("\r\n");
      }
    }
    return out.toString();
  }

  /** RFC 4180 quoting; a leading formula character is defused for spreadsheet users. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String text = value;
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d.*")) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  static String utc(Instant instant) {
    return instant == null
        ? null
        : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MICROS));
  }
}
