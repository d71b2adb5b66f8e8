package org.mdmaat.safety.fhir;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.safety.vitals.SourceKind;
import org.mdmaat.safety.vitals.VitalKind;
import org.mdmaat.safety.vitals.VitalReading;
import org.mdmaat.safety.vitals.VitalSignView;

/**
 * Vital-sign Observations and the platform's readings, both ways: one Observation is one vital of
 * one reading (LOINC code, UCUM unit), its subject the participant's pseudonymous code and its
 * encounter the dosing session, both as identifiers. A stored reading with several vitals is
 * several Observations, with ids {@code <reading id>.<vital>} (e.g. {@code ….heart-rate}).
 */
final class VitalObservations {
  static final String LOINC = "http://loinc.org";
  static final String UCUM = "http://unitsofmeasure.org";
  static final String PARTICIPANT_SYSTEM = "urn:mdmaat:participant-code";
  static final String SESSION_SYSTEM = "urn:mdmaat:session";
  static final String CATEGORY_SYSTEM =
      "http://terminology.hl7.org/CodeSystem/observation-category";

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

  /** The vitals the platform watches: LOINC code, display, UCUM unit, id suffix. */
  enum Vital {
    SYSTOLIC(VitalKind.SYSTOLIC, "8480-6", "Systolic blood pressure", "mm[Hg]", "systolic", true),
    DIASTOLIC(
        VitalKind.DIASTOLIC, "8462-4", "Diastolic blood pressure", "mm[Hg]", "diastolic", true),
    HEART_RATE(VitalKind.HEART_RATE, "8867-4", "Heart rate", "/min", "heart-rate", true),
    TEMPERATURE(VitalKind.TEMPERATURE, "8310-5", "Body temperature", "Cel", "temperature", false),
    SPO2(
        VitalKind.SPO2,
        "59408-5",
        "Oxygen saturation in Arterial blood by Pulse oximetry",
        "%",
        "spo2",
        true);

    final VitalKind kind;
    final String loinc;
    final String display;
    final String unit;
    final String suffix;
    final boolean whole;

    Vital(VitalKind kind, String loinc, String display, String unit, String suffix, boolean whole) {
      this.kind = kind;
      this.loinc = loinc;
      this.display = display;
      this.unit = unit;
      this.suffix = suffix;
      this.whole = whole;
    }

    static Optional<Vital> ofLoinc(String code) {
      return Arrays.stream(values()).filter(v -> v.loinc.equals(code)).findFirst();
    }

    static Optional<Vital> ofSuffix(String suffix) {
      return Arrays.stream(values()).filter(v -> v.suffix.equals(suffix)).findFirst();
    }

    Number valueOf(VitalSignView r) {
      return switch (kind) {
        case SYSTOLIC -> r.systolic();
        case DIASTOLIC -> r.diastolic();
        case HEART_RATE -> r.heartRate();
        case TEMPERATURE -> r.temperatureC();
        case SPO2 -> r.spo2();
      };
    }
  }

  /** One Observation taken as a reading of one participant's dosing session. */
  record Taken(String participantCode, String sessionId, Vital vital, VitalReading reading) {}

  /** What is wrong with an Observation as a reading, each at its path; or the reading. */
  record Mapped(Taken taken, List<Violation> violations) {}

  private VitalObservations() {}

  /** Reads {@code o} as a reading; the violations name paths under the Observation. */
  static Mapped take(Observation o) {
    var wrong = new ArrayList<Violation>();
    var status = o.getStatus();
    if (status != Observation.ObservationStatus.FINAL
        && status != Observation.ObservationStatus.AMENDED
        && status != Observation.ObservationStatus.CORRECTED) {
      wrong.add(new Violation("status", "must be final, amended or corrected"));
    }
    Vital vital = null;
    var loinc = o.getCode().getCoding().stream().filter(c -> LOINC.equals(c.getSystem())).toList();
    if (loinc.size() != 1 || Vital.ofLoinc(loinc.get(0).getCode()).isEmpty()) {
      wrong.add(
          new Violation(
              "code", "must carry one LOINC coding of 8480-6, 8462-4, 8867-4, 8310-5 or 59408-5"));
    } else {
      vital = Vital.ofLoinc(loinc.get(0).getCode()).get();
    }
    Number value = null;
    if (!(o.getValue() instanceof Quantity q) || !q.hasValue()) {
      wrong.add(new Violation("valueQuantity", "a vital sign needs a valueQuantity with a value"));
    } else if (vital != null) {
      if (!UCUM.equals(q.getSystem()) || !vital.unit.equals(q.getCode())) {
        wrong.add(
            new Violation(
                "valueQuantity",
                "LOINC " + vital.loinc + " is given in UCUM " + vital.unit + " (" + UCUM + ")"));
      } else {
        value = number(q.getValue(), vital, wrong);
      }
    }
    var measuredAt = measuredAt(o.getEffective(), wrong);
    var participant = identifier(o.getSubject(), PARTICIPANT_SYSTEM, "subject", wrong);
    var session = identifier(o.getEncounter(), SESSION_SYSTEM, "encounter", wrong);
    SourceKind source = null;
    String sourceId = null;
    if (o.hasDevice()) {
      source = SourceKind.DEVICE;
      sourceId = name(o.getDevice());
      if (sourceId == null) {
        wrong.add(new Violation("device", "needs an identifier value or a display"));
      }
    } else if (o.hasPerformer()) {
      source = SourceKind.STAFF;
      sourceId = name(o.getPerformerFirstRep());
      if (sourceId == null) {
        wrong.add(new Violation("performer", "needs an identifier value or a display"));
      }
    } else {
      wrong.add(new Violation("device", "a reading names its device (or else its performer)"));
    }
    if (!wrong.isEmpty()) {
      return new Mapped(null, wrong);
    }
    var reading =
        new VitalReading(
            measuredAt,
            vital.kind == VitalKind.SYSTOLIC ? value.intValue() : null,
            vital.kind == VitalKind.DIASTOLIC ? value.intValue() : null,
            vital.kind == VitalKind.HEART_RATE ? value.intValue() : null,
            vital.kind == VitalKind.TEMPERATURE ? value.doubleValue() : null,
            vital.kind == VitalKind.SPO2 ? value.intValue() : null,
            source,
            sourceId);
    return new Mapped(new Taken(participant, session, vital, reading), List.of());
  }

  // Values are taken as measured: a whole-number vital with a fraction is refused, not rounded.
  private static Number number(BigDecimal value, Vital vital, List<Violation> wrong) {
    if (!vital.whole) {
      return value.doubleValue();
    }
    try {
      return value.stripTrailingZeros().intValueExact();
    } catch (ArithmeticException e) {
      wrong.add(
          new Violation(
              "valueQuantity.value", vital.display + " is a whole number of " + vital.unit));
      return null;
    }
  }

  private static OffsetDateTime measuredAt(Type effective, List<Violation> wrong) {
    // Only a moment with its offset: a reading's time is judged against the server's clock.
    String text = null;
    if (effective instanceof DateTimeType dt
        && dt.getPrecision().ordinal()
            >= ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND.ordinal()
        && dt.getTimeZone() != null) {
      text = dt.getValueAsString();
    } else if (effective instanceof InstantType instant) {
      text = instant.getValueAsString();
    }
    if (text == null) {
      wrong.add(
          new Violation(
              "effective",
              "effectiveDateTime (to the second, with its offset) or effectiveInstant"));
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (RuntimeException e) {
      wrong.add(new Violation("effective", "not a date and time with offset: " + text));
      return null;
    }
  }

  private static String identifier(
      Reference reference, String system, String path, List<Violation> wrong) {
    var id = reference.getIdentifier();
    if (!system.equals(id.getSystem()) || id.getValue() == null || id.getValue().isBlank()) {
      wrong.add(
          new Violation(
              path + ".identifier", "an identifier of system " + system + " with a value"));
      return null;
    }
    if (id.getValue().length() > 64
        || (path.equals("subject") && !id.getValue().matches("[A-Za-z0-9-]+"))) {
      wrong.add(new Violation(path + ".identifier.value", "not a " + path + " code of ours"));
      return null;
    }
    return id.getValue();
  }

  private static String name(Reference reference) {
    var value =
        reference.getIdentifier().hasValue()
            ? reference.getIdentifier().getValue()
            : reference.getDisplay();
    return value == null || value.isBlank() ? null : value;
  }

  /** One Observation per vital the stored reading holds ({@code only}: just that one). */
  static List<Observation> all(VitalSignView r, Vital only) {
    var found = new ArrayList<Observation>();
    for (var vital : Vital.values()) {
      if ((only == null || only == vital) && vital.valueOf(r) != null) {
        found.add(of(r, vital));
      }
    }
    return found;
  }

  static Observation of(VitalSignView r, Vital vital) {
    var o = new Observation();
    o.setId(id(r.id(), vital));
    o.setStatus(Observation.ObservationStatus.FINAL);
    o.addCategory(new CodeableConcept(new Coding(CATEGORY_SYSTEM, "vital-signs", "Vital Signs")));
    o.setCode(new CodeableConcept(new Coding(LOINC, vital.loinc, vital.display)));
    o.setSubject(
        new Reference()
            .setIdentifier(
                new Identifier().setSystem(PARTICIPANT_SYSTEM).setValue(r.participantCode())));
    o.setEncounter(
        new Reference()
            .setIdentifier(new Identifier().setSystem(SESSION_SYSTEM).setValue(r.sessionId())));
    var at = r.measuredAt().atOffset(ZoneOffset.of(r.measuredOffset()));
    o.setEffective(new DateTimeType(SECONDS.format(at)));
    o.setIssued(Date.from(r.recordedAt()));
    var number = vital.valueOf(r);
    o.setValue(
        new Quantity()
            .setValue(
                vital.whole
                    ? BigDecimal.valueOf(number.longValue())
                    : BigDecimal.valueOf(number.doubleValue()))
            .setUnit(vital.unit)
            .setSystem(UCUM)
            .setCode(vital.unit));
    var source = new Reference().setDisplay(r.sourceId());
    if (r.sourceKind() == SourceKind.DEVICE) {
      o.setDevice(source);
    } else {
      o.addPerformer(source);
    }
    return o;
  }

  static String id(UUID reading, Vital vital) {
    return reading + "." + vital.suffix;
  }

  /** The reading id and vital an Observation id names; empty if it names none. */
  record Named(UUID reading, Vital vital) {}

  static Optional<Named> named(String id) {
    int dot = id == null ? -1 : id.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    try {
      var reading = UUID.fromString(id.substring(0, dot));
      return Vital.ofSuffix(id.substring(dot + 1)).map(v -> new Named(reading, v));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
