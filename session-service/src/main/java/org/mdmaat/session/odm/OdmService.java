package org.mdmaat.session.odm;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mdmaat.platform.cdisc.Odm;
import org.mdmaat.platform.cdisc.OdmClinicalData;
import org.mdmaat.platform.cdisc.OdmMetadata;
import org.mdmaat.platform.cdisc.OdmPart;
import org.mdmaat.platform.directory.ParticipantDirectoryClient;
import org.mdmaat.platform.reactive.CallerContext;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.session.Problems;
import org.mdmaat.session.dosing.Dose;
import org.mdmaat.session.schedule.SessionKind;

/**
 * The trial's visits as ODM StudyEventDefs (a repeating one per kind of protocol session) and the
 * doses as a form of the dosing (experimental) session, its repeat key the session's number: the
 * kit, mg HCl and mg base, never the arm (the export is read blinded). The sponsor reads its own
 * trials, which recruitment-service's directory names (another's is 404, no answer 503); a
 * regulator any trial.
 */
@ApplicationScoped
public class OdmService implements OdmPart {
  static final String SOURCE = "session-service";
  static final int PAGE_SIZE = 500;
  static final String DOSE_FORM = "F.DOSE";
  static final String DOSE_GROUP = "IG.DOSE";
  static final String MG = "MU.MG";

  private final ParticipantDirectoryClient directory;

  OdmService(ParticipantDirectoryClient directory) {
    this.directory = directory;
  }

  static String event(SessionKind kind) {
    return "SE." + kind.name();
  }

  private Uni<Void> access(String trialId, Scope scope) {
    if (scope.hasRole(Roles.REGULATOR) && !scope.hasRole(Roles.SPONSOR)) {
      return Uni.createFrom().voidItem();
    }
    var sponsor = scope.sponsor().orElse("");
    if (!scope.hasRole(Roles.SPONSOR) || sponsor.isBlank()) {
      return Uni.createFrom().failure(Problems.NOT_FOUND.problem("No trial " + trialId));
    }
    return CallerContext.resumeOn(directory.protocol(trialId))
        .onFailure()
        .transform(
            failure ->
                Problems.DIRECTORY_UNAVAILABLE.problem(
                    "The trial's sponsor could not be read from recruitment-service"))
        .invoke(
            protocol -> {
              if (!protocol.getFound() || !sponsor.equals(protocol.getSponsorId())) {
                throw Problems.NOT_FOUND.problem("No trial " + trialId);
              }
            })
        .replaceWithVoid();
  }

  @Override
  public Uni<String> metadata(String trialId, Scope scope) {
    return access(trialId, scope)
        .chain(
            () ->
                Panache.withSession(
                    () ->
                        Dose.getSession()
                            .chain(
                                session ->
                                    session
                                        .createQuery(
                                            "select distinct d.recordedBy, d.siteCode"
                                                + " from Dose d where d.trialId = ?1",
                                            Object[].class)
                                        .setParameter(1, trialId)
                                        .getResultList())))
        .map(
            staff -> {
              var metadata = definitions(trialId);
              for (var row : staff) {
                metadata.user((String) row[0]).location((String) row[1], null);
              }
              return metadata.write(Instant.now());
            });
  }

  static OdmMetadata definitions(String trialId) {
    var metadata = new OdmMetadata(trialId, SOURCE).unit(new OdmMetadata.Unit(MG, "mg"));
    for (var kind : SessionKind.values()) {
      metadata.event(
          new OdmMetadata.Event(
              event(kind),
              kind.name().replace('_', ' ').toLowerCase() + " session",
              true,
              "Scheduled",
              kind == SessionKind.EXPERIMENTAL ? List.of(DOSE_FORM) : List.of()));
    }
    return metadata
        .form(new OdmMetadata.Form(DOSE_FORM, "Dose", true, List.of(DOSE_GROUP)))
        .group(
            new OdmMetadata.Group(
                DOSE_GROUP,
                "Dose given",
                false,
                List.of(
                    "DOSE.ADMINISTERED_AT",
                    "DOSE.KIT",
                    "DOSE.SUPPLEMENTAL",
                    "DOSE.MG_HCL",
                    "DOSE.MG_BASE",
                    "DOSE.LATE")))
        .item(item("DOSE.ADMINISTERED_AT", "datetime", "Administered at", null))
        .item(item("DOSE.KIT", "text", "Kit code", null))
        .item(item("DOSE.SUPPLEMENTAL", "boolean", "Supplemental dose", null))
        .item(item("DOSE.MG_HCL", "float", "Dose (mg HCl)", MG))
        .item(item("DOSE.MG_BASE", "float", "Dose (mg base)", MG))
        .item(item("DOSE.LATE", "boolean", "Recorded late", null));
  }

  private static OdmMetadata.Item item(String oid, String type, String question, String unit) {
    return new OdmMetadata.Item(
        oid, oid.substring(oid.indexOf('.') + 1), type, question, unit, null);
  }

  @Override
  public Uni<Multi<Buffer>> clinical(String trialId, Scope scope) {
    return access(trialId, scope)
        .map(ignored -> OdmClinicalData.stream(trialId, page -> page(trialId, page)));
  }

  private static Uni<List<OdmClinicalData.Record>> page(String trialId, int page) {
    return Panache.withSession(
            () ->
                Dose.getSession()
                    .chain(
                        session ->
                            session
                                .createQuery(
                                    "select d, s.number from Dose d, ProtocolSession s"
                                        + " where d.sessionId = s.id and d.trialId = ?1"
                                        + " order by d.participantCode, s.number,"
                                        + " d.administeredAt, d.id",
                                    Object[].class)
                                .setParameter(1, trialId)
                                .setFirstResult(page * PAGE_SIZE)
                                .setMaxResults(PAGE_SIZE)
                                .getResultList()))
        .map(
            rows -> {
              var records = new ArrayList<OdmClinicalData.Record>();
              for (var row : rows) {
                records.add(record((Dose) row[0], ((Number) row[1]).intValue()));
              }
              return records;
            });
  }

  private static OdmClinicalData.Record record(Dose dose, int sessionNumber) {
    return new OdmClinicalData.Record(
        dose.participantCode,
        dose.siteCode,
        event(SessionKind.EXPERIMENTAL),
        Integer.toString(sessionNumber),
        DOSE_FORM,
        // The initial dose and the supplemental one are the form's two repeats.
        dose.supplemental ? "2" : "1",
        DOSE_GROUP,
        null,
        "Insert",
        new OdmClinicalData.Audit(
            dose.recordedBy, dose.siteCode, dose.recordedAt, null, dose.id.toString()),
        List.of(
            new OdmClinicalData.Value("DOSE.ADMINISTERED_AT", Odm.utc(dose.administeredAt), null),
            new OdmClinicalData.Value("DOSE.KIT", dose.kitCode, null),
            new OdmClinicalData.Value(
                "DOSE.SUPPLEMENTAL", Boolean.toString(dose.supplemental), null),
            new OdmClinicalData.Value(
                "DOSE.MG_HCL", dose.mgHcl == null ? null : dose.mgHcl.toPlainString(), MG),
            new OdmClinicalData.Value(
                "DOSE.MG_BASE", dose.mgBase == null ? null : dose.mgBase.toPlainString(), MG),
            new OdmClinicalData.Value("DOSE.LATE", Boolean.toString(dose.late), null)));
  }
}
