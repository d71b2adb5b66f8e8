package org.mdmaat.recruitment.odm;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.mdmaat.platform.cdisc.Odm;
import org.mdmaat.platform.cdisc.OdmClinicalData;
import org.mdmaat.platform.cdisc.OdmMetadata;
import org.mdmaat.platform.cdisc.OdmPart;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.recruitment.Problems;
import org.mdmaat.recruitment.participant.Participant;
import org.mdmaat.recruitment.participant.ParticipantStatus;
import org.mdmaat.recruitment.trial.Trial;
import org.mdmaat.recruitment.trial.TrialSite;

/**
 * The study's global variables, its sites (ODM Locations) and each consented participant's
 * disposition (visit {@code SE.ENROLMENT}): consent date, enrolment, randomization, status. Only
 * the pseudonymous code: names and contacts never leave this service, and no arm is written. The
 * sponsor reads its own trials (another's is 404), a regulator any trial.
 */
@ApplicationScoped
public class OdmService implements OdmPart {
  static final String SOURCE = "recruitment-service";
  static final int PAGE_SIZE = 500;
  static final String EVENT = "SE.ENROLMENT";
  static final String FORM = "F.DISPOSITION";
  static final String GROUP = "IG.DISPOSITION";

  private static Uni<Trial> access(String trialId, Scope scope) {
    return Trial.<Trial>findById(trialId)
        .invoke(
            trial -> {
              if (trial == null
                  || (scope.hasRole(Roles.SPONSOR)
                      ? !scope.belongsTo(trial.sponsor)
                      : !scope.hasRole(Roles.REGULATOR))) {
                throw Problems.NOT_FOUND.problem("No trial " + trialId);
              }
            });
  }

  @Override
  public Uni<String> metadata(String trialId, Scope scope) {
    return Panache.withSession(
        () ->
            access(trialId, scope)
                .chain(
                    trial ->
                        TrialSite.<TrialSite>list("trialId = ?1 order by code", trialId)
                            .chain(
                                sites ->
                                    Participant.getSession()
                                        .chain(
                                            session ->
                                                session
                                                    .createQuery(
                                                        "select distinct p.consentRecordedBy"
                                                            + " from Participant p where"
                                                            + " p.trialId = ?1 and"
                                                            + " p.consentDate is not null",
                                                        String.class)
                                                    .setParameter(1, trialId)
                                                    .getResultList())
                                        .map(
                                            users -> {
                                              var metadata = definitions(trial);
                                              for (var site : sites) {
                                                metadata.location(site.code, name(site));
                                              }
                                              // A record without its recorder is audited as the
                                              // service's own.
                                              users.forEach(
                                                  u -> metadata.user(u == null ? SOURCE : u));
                                              return metadata.write(Instant.now());
                                            }))));
  }

  private static String name(TrialSite site) {
    return site.city == null ? site.code : site.code + " (" + site.city + ")";
  }

  static OdmMetadata definitions(Trial trial) {
    return new OdmMetadata(trial.id, SOURCE)
        .study(trial.title, trial.title, trial.protocolCode)
        .event(
            new OdmMetadata.Event(
                EVENT, "Consent and enrolment", false, "Scheduled", List.of(FORM)))
        .form(new OdmMetadata.Form(FORM, "Disposition", false, List.of(GROUP)))
        .group(
            new OdmMetadata.Group(
                GROUP,
                "Disposition",
                false,
                List.of(
                    "DS.CONSENT_DATE",
                    "DS.CONSENT_FORM_VERSION",
                    "DS.ENROLLED_AT",
                    "DS.RANDOMIZED_AT",
                    "DS.STATUS",
                    "DS.ENDED_REASON")))
        .item(item("DS.CONSENT_DATE", "date", "Informed consent date", null))
        .item(item("DS.CONSENT_FORM_VERSION", "text", "Consent form version", null))
        .item(item("DS.ENROLLED_AT", "datetime", "Enrolled at", null))
        .item(item("DS.RANDOMIZED_AT", "datetime", "Randomized at", null))
        .item(item("DS.STATUS", "text", "Status", "CL.DS.STATUS"))
        .item(item("DS.ENDED_REASON", "text", "Why participation ended", null))
        .codeList(
            new OdmMetadata.CodeList(
                "CL.DS.STATUS",
                "Participant status",
                "text",
                Arrays.stream(ParticipantStatus.values())
                    .map(
                        s ->
                            new OdmMetadata.Code(
                                s.name(), s.name().replace('_', ' ').toLowerCase()))
                    .toList()));
  }

  private static OdmMetadata.Item item(String oid, String type, String question, String codeList) {
    return new OdmMetadata.Item(
        oid, oid.substring(oid.indexOf('.') + 1), type, question, null, codeList);
  }

  @Override
  public Uni<Multi<Buffer>> clinical(String trialId, Scope scope) {
    return Panache.withSession(() -> access(trialId, scope))
        .map(ignored -> OdmClinicalData.stream(trialId, page -> page(trialId, page)));
  }

  private static Uni<List<OdmClinicalData.Record>> page(String trialId, int page) {
    return Panache.withSession(
            () ->
                Participant.<Participant>find(
                        "trialId = ?1 and consentDate is not null order by code", trialId)
                    .page(page, PAGE_SIZE)
                    .list())
        .map(participants -> participants.stream().map(OdmService::record).toList());
  }

  /**
   * The disposition as it stands: an Upsert, audited with who recorded the consent and when the
   * participant's record last changed.
   */
  private static OdmClinicalData.Record record(Participant p) {
    return new OdmClinicalData.Record(
        p.code,
        p.siteCode,
        EVENT,
        null,
        FORM,
        null,
        GROUP,
        null,
        "Upsert",
        new OdmClinicalData.Audit(
            p.consentRecordedBy == null ? SOURCE : p.consentRecordedBy,
            p.siteCode,
            p.updatedAt == null ? p.consentRecordedAt : p.updatedAt,
            null,
            "participant/" + p.code + "/" + p.version),
        List.of(
            new OdmClinicalData.Value("DS.CONSENT_DATE", p.consentDate.toString(), null),
            new OdmClinicalData.Value("DS.CONSENT_FORM_VERSION", p.consentFormVersion, null),
            new OdmClinicalData.Value("DS.ENROLLED_AT", Odm.utc(p.enrolledAt), null),
            new OdmClinicalData.Value("DS.RANDOMIZED_AT", Odm.utc(p.randomizedAt), null),
            new OdmClinicalData.Value("DS.STATUS", p.status == null ? null : p.status.name(), null),
            new OdmClinicalData.Value("DS.ENDED_REASON", p.endedReason, null)));
  }
}
