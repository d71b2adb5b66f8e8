package org.mdmaat.benchmarks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * P2 as FHIR: a bedside monitor's R4 {@code transaction} Bundle of vital-sign Observations, as
 * safety-service's FHIR ingest takes them (subject and encounter as identifiers, LOINC codes, UCUM
 * units, the device by name). Each Observation is one vital, stored as one reading.
 */
final class FhirBundles {
  /** LOINC code, UCUM unit and an in-range value of each vital the platform watches. */
  static final String[][] VITALS = {
    {"8480-6", "mm[Hg]", "120"},
    {"8462-4", "mm[Hg]", "80"},
    {"8867-4", "/min", "72"},
    {"8310-5", "Cel", "36.8"},
    {"59408-5", "%", "98"},
  };

  // Always to the millisecond with its offset (OffsetDateTime.toString drops zero seconds).
  private static final DateTimeFormatter MOMENT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  private FhirBundles() {}

  /**
   * {@code entries} Observations of one participant's session, the vitals in turn, each measured 10
   * ms after the one before, from reading number {@code first} on.
   */
  static String transaction(
      String participant, String session, Instant base, long first, int entries, String device) {
    var json = new StringBuilder(entries * 520);
    json.append("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
    for (int e = 0; e < entries; e++) {
      if (e > 0) {
        json.append(',');
      }
      long n = first + e;
      var vital = VITALS[(int) (n % VITALS.length)];
      var at = MOMENT.format(base.plusMillis(n * 10));
      json.append("{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\",")
          .append("\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"")
          .append(vital[0])
          .append("\"}]},\"subject\":{\"identifier\":{\"system\":\"urn:mdmaat:participant-code\",")
          .append("\"value\":\"")
          .append(participant)
          .append("\"}},\"encounter\":{\"identifier\":{\"system\":\"urn:mdmaat:session\",")
          .append("\"value\":\"")
          .append(session)
          .append("\"}},\"effectiveDateTime\":\"")
          .append(at)
          .append("\",\"valueQuantity\":{\"value\":")
          .append(vital[2])
          .append(",\"system\":\"http://unitsofmeasure.org\",\"code\":\"")
          .append(vital[1])
          .append("\"},\"device\":{\"display\":\"")
          .append(device)
          .append("\"}},\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}");
    }
    return json.append("]}").toString();
  }
}
