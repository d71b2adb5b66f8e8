package org.mdmaat.outcomes.odm;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.outcomes.allocation.TrialOwnership;
import org.mdmaat.outcomes.assessment.Assessment;
import org.mdmaat.outcomes.assessment.AssessmentJson;
import org.mdmaat.outcomes.assessment.AssessmentRevision;
import org.mdmaat.outcomes.assessment.Timepoint;
import org.mdmaat.outcomes.instrument.InstrumentCatalog;
import org.mdmaat.platform.cdisc.Odm;
import org.mdmaat.platform.cdisc.OdmClinicalData;
import org.mdmaat.platform.cdisc.OdmMetadata;
import org.mdmaat.platform.cdisc.OdmPart;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;

/**
 * The instruments as ODM definitions (a visit per timepoint, a form, item group and items per
 * instrument: every item, the total, the severity band and when it was administered) and every
 * revision of every assessment as ItemGroupData (Insert, then Update) with its AuditRecord. The
 * sponsor reads its own trials (another's is 404); a regulator any trial, since nothing here is
 * unblinding (no arm, no kit).
 */
@ApplicationScoped
public class OdmService implements OdmPart {
  static final String SOURCE = "outcomes-service";
  static final int PAGE_SIZE = 500;

  private final InstrumentCatalog catalog;
  private final TrialOwnership ownership;
  private final AssessmentJson json;

  OdmService(InstrumentCatalog catalog, TrialOwnership ownership, AssessmentJson json) {
    this.catalog = catalog;
    this.ownership = ownership;
    this.json = json;
  }

  private Uni<Void> access(String trialId, Scope scope) {
    if (scope.hasRole(Roles.SPONSOR)) {
      return ownership.check(trialId, scope);
    }
    if (scope.hasRole(Roles.REGULATOR)) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom().failure(Problems.NOT_FOUND.problem("No trial " + trialId));
  }

  static String event(Timepoint timepoint) {
    return "SE." + timepoint.name();
  }

  static String form(String instrument) {
    return Odm.oid("F", instrument);
  }

  static String group(String instrument) {
    return Odm.oid("IG", instrument);
  }

  static String item(String instrument, String item) {
    return Odm.oid("I", instrument + "." + item);
  }

  @Override
  public Uni<String> metadata(String trialId, Scope scope) {
    return access(trialId, scope)
        .chain(
            () ->
                Panache.withSession(
                    () ->
                        AssessmentRevision.getSession()
                            .chain(
                                session ->
                                    session
                                        .createQuery(
                                            "select distinct r.recordedBy, a.siteCode"
                                                + " from AssessmentRevision r, Assessment a"
                                                + " where r.assessmentId = a.id"
                                                + " and a.trialId = ?1",
                                            Object[].class)
                                        .setParameter(1, trialId)
                                        .getResultList())))
        .map(
            staff -> {
              var metadata = definitions(new OdmMetadata(trialId, SOURCE));
              for (var row : staff) {
                metadata.user((String) row[0]).location((String) row[1], null);
              }
              return metadata.write(Instant.now());
            });
  }

  OdmMetadata definitions(OdmMetadata metadata) {
    var instruments = catalog.all();
    var forms = instruments.stream().map(i -> form(i.code())).toList();
    for (var timepoint : Timepoint.values()) {
      metadata.event(
          new OdmMetadata.Event(
              event(timepoint),
              timepoint.name().replace('_', ' ').toLowerCase(),
              false,
              "Scheduled",
              forms));
    }
    for (var instrument : instruments) {
      var code = instrument.code();
      var items = new ArrayList<String>();
      for (var item : instrument.items()) {
        String codeList = null;
        if (item.allowed() != null && !item.allowed().isEmpty()) {
          codeList = Odm.oid("CL", code + "." + item.code());
          metadata.codeList(
              new OdmMetadata.CodeList(
                  codeList,
                  instrument.name() + " " + item.code() + " values",
                  "integer",
                  item.allowed().stream()
                      .map(v -> new OdmMetadata.Code(v.toString(), v.toString()))
                      .toList()));
        }
        items.add(item(code, item.code()));
        metadata.item(
            new OdmMetadata.Item(
                item(code, item.code()), item.code(), "integer", item.label(), null, codeList));
      }
      items.add(item(code, "TOTAL"));
      metadata.item(
          new OdmMetadata.Item(
              item(code, "TOTAL"), "TOTAL", "integer", instrument.name() + " total", null, null));
      String bands = null;
      if (!instrument.bands().isEmpty()) {
        bands = Odm.oid("CL", code + ".BAND");
        metadata.codeList(
            new OdmMetadata.CodeList(
                bands,
                instrument.name() + " severity bands",
                "text",
                instrument.bands().stream()
                    .map(
                        b ->
                            new OdmMetadata.Code(
                                b.label(), b.label() + " (" + b.min() + "-" + b.max() + ")"))
                    .toList()));
      }
      items.add(item(code, "BAND"));
      metadata.item(
          new OdmMetadata.Item(
              item(code, "BAND"), "BAND", "text", instrument.name() + " severity", null, bands));
      items.add(item(code, "ADMINISTERED_AT"));
      metadata.item(
          new OdmMetadata.Item(
              item(code, "ADMINISTERED_AT"),
              "ADMINISTERED_AT",
              "datetime",
              "When it was administered",
              null,
              null));
      metadata.form(
          new OdmMetadata.Form(form(code), instrument.name(), false, List.of(group(code))));
      // Not repeating: one ItemGroupData per revision, told apart by TransactionType and audit.
      metadata.group(new OdmMetadata.Group(group(code), instrument.name(), false, items));
    }
    return metadata;
  }

  @Override
  public Uni<Multi<Buffer>> clinical(String trialId, Scope scope) {
    return access(trialId, scope)
        .map(ignored -> OdmClinicalData.stream(trialId, page -> page(trialId, page)));
  }

  private Uni<List<OdmClinicalData.Record>> page(String trialId, int page) {
    return Panache.withSession(
            () ->
                AssessmentRevision.getSession()
                    .chain(
                        session ->
                            session
                                .createQuery(
                                    "select a, r from AssessmentRevision r, Assessment a"
                                        + " where r.assessmentId = a.id and a.trialId = ?1"
                                        + " order by a.participantCode, a.timepoint,"
                                        + " a.instrument, a.id, r.revision",
                                    Object[].class)
                                .setParameter(1, trialId)
                                .setFirstResult(page * PAGE_SIZE)
                                .setMaxResults(PAGE_SIZE)
                                .getResultList()))
        .map(
            rows ->
                rows.stream()
                    .map(row -> record((Assessment) row[0], (AssessmentRevision) row[1]))
                    .toList());
  }

  private OdmClinicalData.Record record(Assessment a, AssessmentRevision r) {
    var code = a.instrument;
    var values = new ArrayList<OdmClinicalData.Value>();
    for (var response : new TreeMap<>(json.numbers(r.responses)).entrySet()) {
      values.add(
          new OdmClinicalData.Value(
              item(code, response.getKey()), response.getValue().toString(), null));
    }
    values.add(new OdmClinicalData.Value(item(code, "TOTAL"), Integer.toString(r.total), null));
    values.add(new OdmClinicalData.Value(item(code, "BAND"), r.band, null));
    values.add(
        new OdmClinicalData.Value(item(code, "ADMINISTERED_AT"), Odm.utc(r.administeredAt), null));
    return new OdmClinicalData.Record(
        a.participantCode,
        a.siteCode,
        event(a.timepoint),
        null,
        form(code),
        null,
        group(code),
        null,
        r.revision == 1 ? "Insert" : "Update",
        new OdmClinicalData.Audit(
            r.recordedBy,
            a.siteCode,
            r.recordedAt,
            r.reason == null ? (r.revision == 1 ? "Initial entry" : null) : r.reason,
            a.id + "/" + r.revision),
        values);
  }
}
