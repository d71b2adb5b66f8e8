package org.mdmaat.safety.odm;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.mdmaat.platform.cdisc.Odm;
import org.mdmaat.platform.cdisc.OdmClinicalData;
import org.mdmaat.platform.cdisc.OdmMetadata;
import org.mdmaat.platform.cdisc.OdmPart;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.adverse.AdverseEvent;
import org.mdmaat.safety.adverse.AdverseEventOutcome;
import org.mdmaat.safety.adverse.Relatedness;
import org.mdmaat.safety.trial.TrialAccess;
import org.mdmaat.safety.vitals.VitalSign;

/**
 * Vital signs (visit {@code SE.VITALS}, repeated per dosing session, a reading per item group) and
 * adverse events (the common visit {@code SE.AE}, a form per event) as ODM. The sponsor reads its
 * own trials (another's is 404); a regulator any trial: nothing here is unblinding (no arm).
 * Clinical data is read a few participants at a time, so a subject's readings and events are
 * written under one SubjectData without the whole trial in memory.
 */
@ApplicationScoped
public class OdmService implements OdmPart {
  static final String SOURCE = "safety-service";
  static final int SUBJECTS_PER_PAGE = 20;

  static final String VITALS_EVENT = "SE.VITALS";
  static final String VITALS_FORM = "F.VITALS";
  static final String VITALS_GROUP = "IG.VITALS";
  static final String AE_EVENT = "SE.AE";
  static final String AE_FORM = "F.AE";
  static final String AE_GROUP = "IG.AE";
  static final String MMHG = "MU.MMHG";
  static final String BPM = "MU.BPM";
  static final String CELSIUS = "MU.CEL";
  static final String PERCENT = "MU.PCT";

  private final TrialAccess trials;

  OdmService(TrialAccess trials) {
    this.trials = trials;
  }

  private Uni<Void> access(String trialId, Scope scope) {
    if (scope.hasRole(Roles.SPONSOR)) {
      return trials.requireSponsor(trialId, scope.sponsor().orElse(""));
    }
    if (scope.hasRole(Roles.REGULATOR)) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom().failure(Problems.TRIAL_NOT_FOUND.problem("No trial " + trialId));
  }

  @Override
  public Uni<String> metadata(String trialId, Scope scope) {
    return access(trialId, scope)
        .chain(
            () ->
                Panache.withSession(
                    () ->
                        VitalSign.getSession()
                            .chain(
                                session ->
                                    session
                                        .createQuery(
                                            "select distinct v.recordedBy, v.siteCode"
                                                + " from VitalSign v where v.trialId = ?1",
                                            Object[].class)
                                        .setParameter(1, trialId)
                                        .getResultList()
                                        .chain(
                                            vitals ->
                                                session
                                                    .createQuery(
                                                        "select distinct e.reportedBy,"
                                                            + " e.updatedBy, e.siteCode"
                                                            + " from AdverseEvent e"
                                                            + " where e.trialId = ?1",
                                                        Object[].class)
                                                    .setParameter(1, trialId)
                                                    .getResultList()
                                                    .map(
                                                        events -> {
                                                          var metadata = definitions(trialId);
                                                          for (var row : vitals) {
                                                            metadata
                                                                .user((String) row[0])
                                                                .location((String) row[1], null);
                                                          }
                                                          for (var row : events) {
                                                            metadata
                                                                .user((String) row[0])
                                                                .user((String) row[1])
                                                                .location((String) row[2], null);
                                                          }
                                                          return metadata.write(Instant.now());
                                                        })))));
  }

  static OdmMetadata definitions(String trialId) {
    var metadata =
        new OdmMetadata(trialId, SOURCE)
            .unit(new OdmMetadata.Unit(MMHG, "mmHg"))
            .unit(new OdmMetadata.Unit(BPM, "beats/min"))
            .unit(new OdmMetadata.Unit(CELSIUS, "C"))
            .unit(new OdmMetadata.Unit(PERCENT, "%"))
            .event(
                new OdmMetadata.Event(
                    VITALS_EVENT,
                    "Vital signs (by dosing session)",
                    true,
                    "Unscheduled",
                    List.of(VITALS_FORM)))
            .event(
                new OdmMetadata.Event(
                    AE_EVENT, "Adverse events", false, "Common", List.of(AE_FORM)))
            .form(new OdmMetadata.Form(VITALS_FORM, "Vital signs", false, List.of(VITALS_GROUP)))
            .form(new OdmMetadata.Form(AE_FORM, "Adverse event", true, List.of(AE_GROUP)))
            .group(
                new OdmMetadata.Group(
                    VITALS_GROUP,
                    "Vital signs reading",
                    true,
                    List.of(
                        "VS.MEASURED_AT",
                        "VS.SYSBP",
                        "VS.DIABP",
                        "VS.PULSE",
                        "VS.TEMP",
                        "VS.SPO2",
                        "VS.SOURCE")))
            .item(item("VS.MEASURED_AT", "datetime", "Measured at", null, null))
            .item(item("VS.SYSBP", "integer", "Systolic blood pressure", MMHG, null))
            .item(item("VS.DIABP", "integer", "Diastolic blood pressure", MMHG, null))
            .item(item("VS.PULSE", "integer", "Heart rate", BPM, null))
            .item(item("VS.TEMP", "float", "Temperature", CELSIUS, null))
            .item(item("VS.SPO2", "integer", "Oxygen saturation", PERCENT, null))
            .item(item("VS.SOURCE", "text", "Source (manual entry or device)", null, null))
            .group(
                new OdmMetadata.Group(
                    AE_GROUP,
                    "Adverse event",
                    false,
                    List.of(
                        "AE.TERM",
                        "AE.CATEGORIES",
                        "AE.ONSET_AT",
                        "AE.GRADE",
                        "AE.SERIOUS",
                        "AE.SERIOUSNESS",
                        "AE.RELATEDNESS",
                        "AE.EXPECTED",
                        "AE.OUTCOME",
                        "AE.DESCRIPTION")))
            .item(item("AE.TERM", "text", "Reported term", null, null))
            // Positive and abuse-related effects are named here too, never left out of the file.
            .item(item("AE.CATEGORIES", "text", "Categories (comma-separated)", null, null))
            .item(item("AE.ONSET_AT", "datetime", "Onset", null, null))
            .item(item("AE.GRADE", "integer", "Severity grade (CTCAE)", null, "CL.AE.GRADE"))
            .item(item("AE.SERIOUS", "boolean", "Serious", null, null))
            .item(item("AE.SERIOUSNESS", "text", "Seriousness criteria", null, null))
            .item(item("AE.RELATEDNESS", "text", "Relatedness", null, "CL.AE.RELATEDNESS"))
            .item(item("AE.EXPECTED", "boolean", "Expected", null, null))
            .item(item("AE.OUTCOME", "text", "Outcome", null, "CL.AE.OUTCOME"))
            .item(item("AE.DESCRIPTION", "text", "Description", null, null))
            .codeList(
                new OdmMetadata.CodeList(
                    "CL.AE.GRADE",
                    "CTCAE grade",
                    "integer",
                    List.of(
                        new OdmMetadata.Code("1", "Mild"),
                        new OdmMetadata.Code("2", "Moderate"),
                        new OdmMetadata.Code("3", "Severe"),
                        new OdmMetadata.Code("4", "Life-threatening"),
                        new OdmMetadata.Code("5", "Death"))))
            .codeList(enumList("CL.AE.RELATEDNESS", "Relatedness", Relatedness.values()))
            .codeList(enumList("CL.AE.OUTCOME", "Outcome", AdverseEventOutcome.values()));
    return metadata;
  }

  private static OdmMetadata.Item item(
      String oid, String type, String question, String unit, String codeList) {
    return new OdmMetadata.Item(
        oid, oid.substring(oid.indexOf('.') + 1), type, question, unit, codeList);
  }

  private static OdmMetadata.CodeList enumList(String oid, String name, Enum<?>[] values) {
    return new OdmMetadata.CodeList(
        oid,
        name,
        "text",
        Arrays.stream(values)
            .map(v -> new OdmMetadata.Code(v.name(), v.name().replace('_', ' ').toLowerCase()))
            .toList());
  }

  @Override
  public Uni<Multi<Buffer>> clinical(String trialId, Scope scope) {
    return access(trialId, scope)
        .chain(() -> Panache.withSession(() -> subjects(trialId)))
        .map(
            subjects ->
                OdmClinicalData.stream(
                    trialId,
                    page -> {
                      int from = Math.min(subjects.size(), page * SUBJECTS_PER_PAGE);
                      var codes =
                          subjects.subList(
                              from, Math.min(subjects.size(), from + SUBJECTS_PER_PAGE));
                      return codes.isEmpty()
                          ? Uni.createFrom().item(List.of())
                          : Panache.withSession(() -> records(trialId, codes));
                    }));
  }

  /** The participants with safety data: codes only, small enough to hold. */
  private static Uni<List<String>> subjects(String trialId) {
    return VitalSign.getSession()
        .chain(
            session ->
                session
                    .createQuery(
                        "select distinct v.participantCode from VitalSign v where v.trialId = ?1",
                        String.class)
                    .setParameter(1, trialId)
                    .getResultList()
                    .chain(
                        vitals ->
                            session
                                .createQuery(
                                    "select distinct e.participantCode from AdverseEvent e"
                                        + " where e.trialId = ?1",
                                    String.class)
                                .setParameter(1, trialId)
                                .getResultList()
                                .map(
                                    events -> {
                                      var all = new TreeSet<String>(vitals);
                                      all.addAll(events);
                                      return List.copyOf(all);
                                    })));
  }

  private static Uni<List<OdmClinicalData.Record>> records(String trialId, List<String> codes) {
    return VitalSign.<VitalSign>find(
            "trialId = ?1 and participantCode in ?2",
            Sort.by("participantCode").and("sessionId").and("measuredAt").and("id"),
            trialId,
            codes)
        .list()
        .chain(
            vitals ->
                AdverseEvent.<AdverseEvent>find(
                        "trialId = ?1 and participantCode in ?2",
                        Sort.by("participantCode").and("onsetAt").and("id"),
                        trialId,
                        codes)
                    .list()
                    .map(
                        events -> {
                          var records = new ArrayList<OdmClinicalData.Record>();
                          int v = 0;
                          int e = 0;
                          for (var code : codes) {
                            while (v < vitals.size()
                                && vitals.get(v).participantCode.equals(code)) {
                              records.add(vitals(vitals.get(v++)));
                            }
                            while (e < events.size()
                                && events.get(e).participantCode.equals(code)) {
                              records.add(event(events.get(e++)));
                            }
                          }
                          return records;
                        }));
  }

  private static OdmClinicalData.Record vitals(VitalSign reading) {
    return new OdmClinicalData.Record(
        reading.participantCode,
        reading.siteCode,
        VITALS_EVENT,
        reading.sessionId == null ? "unscheduled" : reading.sessionId,
        VITALS_FORM,
        null,
        VITALS_GROUP,
        reading.id.toString(),
        "Insert",
        new OdmClinicalData.Audit(
            reading.recordedBy, reading.siteCode, reading.recordedAt, null, reading.id.toString()),
        List.of(
            new OdmClinicalData.Value("VS.MEASURED_AT", Odm.utc(reading.measuredAt), null),
            value("VS.SYSBP", reading.systolic, MMHG),
            value("VS.DIABP", reading.diastolic, MMHG),
            value("VS.PULSE", reading.heartRate, BPM),
            value("VS.TEMP", reading.temperatureC, CELSIUS),
            value("VS.SPO2", reading.spo2, PERCENT),
            new OdmClinicalData.Value(
                "VS.SOURCE", reading.sourceKind == null ? null : reading.sourceKind.name(), null)));
  }

  private static OdmClinicalData.Value value(String item, Number number, String unit) {
    return new OdmClinicalData.Value(item, number == null ? null : number.toString(), unit);
  }

  private static OdmClinicalData.Record event(AdverseEvent event) {
    boolean updated = event.updatedAt != null;
    return new OdmClinicalData.Record(
        event.participantCode,
        event.siteCode,
        AE_EVENT,
        null,
        AE_FORM,
        event.id.toString(),
        AE_GROUP,
        null,
        updated ? "Update" : "Insert",
        new OdmClinicalData.Audit(
            updated && event.updatedBy != null ? event.updatedBy : event.reportedBy,
            event.siteCode,
            updated ? event.updatedAt : event.reportedAt,
            null,
            event.id + "/" + event.version),
        List.of(
            new OdmClinicalData.Value("AE.TERM", event.term, null),
            new OdmClinicalData.Value("AE.CATEGORIES", event.categoryNames, null),
            new OdmClinicalData.Value("AE.ONSET_AT", Odm.utc(event.onsetAt), null),
            new OdmClinicalData.Value("AE.GRADE", Integer.toString(event.grade), null),
            new OdmClinicalData.Value("AE.SERIOUS", Boolean.toString(event.serious), null),
            new OdmClinicalData.Value(
                "AE.SERIOUSNESS",
                event.seriousness == null || event.seriousness.isBlank() ? null : event.seriousness,
                null),
            new OdmClinicalData.Value(
                "AE.RELATEDNESS",
                event.relatedness == null ? null : event.relatedness.name(),
                null),
            new OdmClinicalData.Value("AE.EXPECTED", Boolean.toString(event.expected), null),
            new OdmClinicalData.Value(
                "AE.OUTCOME", event.outcome == null ? null : event.outcome.name(), null),
            new OdmClinicalData.Value("AE.DESCRIPTION", event.description, null)));
  }
}
