package org.mdmaat.recruitment.directory;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.function.Consumer;
import org.mdmaat.contracts.grpc.recruitment.Allocation;
import org.mdmaat.contracts.grpc.recruitment.AllocationList;
import org.mdmaat.contracts.grpc.recruitment.AllocationRequest;
import org.mdmaat.contracts.grpc.recruitment.DosingRegimen;
import org.mdmaat.contracts.grpc.recruitment.ParticipantDirectory;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRecord;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRequest;
import org.mdmaat.contracts.grpc.recruitment.ParticipantStatus;
import org.mdmaat.contracts.grpc.recruitment.RegimenKind;
import org.mdmaat.contracts.grpc.recruitment.Sex;
import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;
import org.mdmaat.contracts.grpc.recruitment.TrialRequest;
import org.mdmaat.contracts.grpc.recruitment.VisitTemplate;
import org.mdmaat.platform.calls.CallingService;
import org.mdmaat.platform.calls.OnBehalfOf;
import org.mdmaat.platform.problem.NotFound;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.recruitment.participant.Participant;
import org.mdmaat.recruitment.randomization.AllocationDisclosure;
import org.mdmaat.recruitment.trial.RegimenSettings;
import org.mdmaat.recruitment.trial.Trial;
import org.mdmaat.recruitment.trial.TrialDocuments;
import org.mdmaat.recruitment.trial.TrialSite;
import org.mdmaat.recruitment.trial.VisitTemplateSettings;

/**
 * Other services' view of participants and trials, by pseudonymous code: never names, contact
 * details or (outside {@link AllocationDisclosure}'s rule) arms. Each method answers only the
 * services named in its {@code @RolesAllowed}, by their own verified token; anyone else gets
 * UNAUTHENTICATED or PERMISSION_DENIED.
 */
@GrpcService
public class ParticipantDirectoryEndpoint implements ParticipantDirectory {
  private final TrialDocuments documents;
  private final AllocationDisclosure disclosure;
  private final OnBehalfOf onBehalfOf;
  private final SecurityIdentity identity;

  ParticipantDirectoryEndpoint(
      TrialDocuments documents,
      AllocationDisclosure disclosure,
      OnBehalfOf onBehalfOf,
      SecurityIdentity identity) {
    this.documents = documents;
    this.disclosure = disclosure;
    this.onBehalfOf = onBehalfOf;
    this.identity = identity;
  }

  @Override
  // outcomes-service: a screening CAPS-5 needs the candidate's site and recorded consent.
  @RolesAllowed({CallingService.SESSION, CallingService.SAFETY, CallingService.OUTCOMES})
  public Uni<ParticipantRecord> getParticipant(ParticipantRequest request) {
    if (request.getParticipantCode().isBlank()) {
      return Uni.createFrom().item(ParticipantRecord.newBuilder().setFound(false).build());
    }
    return Panache.withSession(
        () ->
            Participant.<Participant>findById(request.getParticipantCode())
                .map(
                    p -> {
                      if (p == null) {
                        return ParticipantRecord.newBuilder()
                            .setFound(false)
                            .setParticipantCode(request.getParticipantCode())
                            .build();
                      }
                      var record =
                          ParticipantRecord.newBuilder()
                              .setFound(true)
                              .setParticipantCode(p.code)
                              .setTrialId(p.trialId)
                              .setSiteCode(p.siteCode)
                              .setStatus(ParticipantStatus.valueOf(p.status.name()))
                              .setWeightKg(p.weightKg == null ? 0 : p.weightKg)
                              .setStratum(p.stratum == null ? "" : p.stratum)
                              .setKitCode(p.kitCode == null ? "" : p.kitCode);
                      if (p.sex != null) {
                        record.setSex(Sex.valueOf(p.sex.name()));
                      }
                      // Absent when not recorded: never assumed either way.
                      if (p.childbearingPotential != null) {
                        record.setChildbearingPotential(p.childbearingPotential);
                      }
                      return record.build();
                    }));
  }

  @Override
  @RolesAllowed({CallingService.SESSION, CallingService.SAFETY, CallingService.OUTCOMES})
  public Uni<TrialProtocol> getTrialProtocol(TrialRequest request) {
    if (request.getTrialId().isBlank()) {
      return Uni.createFrom().item(TrialProtocol.newBuilder().setFound(false).build());
    }
    return Panache.withSession(
        () ->
            Trial.<Trial>findById(request.getTrialId())
                .flatMap(
                    trial ->
                        trial == null
                            ? Uni.createFrom()
                                .item(
                                    TrialProtocol.newBuilder()
                                        .setFound(false)
                                        .setTrialId(request.getTrialId())
                                        .build())
                            : TrialSite.<TrialSite>list("trialId = ?1 order by code", trial.id)
                                .map(sites -> protocol(trial, sites))));
  }

  /**
   * The trial's settings exactly as stored: a field the stored document lacks is left absent, never
   * filled with a default (session-service refuses to dose on a setting it cannot see).
   */
  private TrialProtocol protocol(Trial trial, List<TrialSite> sites) {
    return TrialProtocol.newBuilder()
        .setFound(true)
        .setTrialId(trial.id)
        .setProtocolCode(trial.protocolCode)
        .setSponsorId(trial.sponsor)
        .setRecruitmentStatus(trial.status.name())
        .setBlinded(trial.blinded())
        .addAllSiteCodes(sites.stream().map(s -> s.code).toList())
        .addAllSites(sites.stream().map(ParticipantDirectoryEndpoint::site).toList())
        .setRegimen(regimen(documents.regimen(trial)))
        .setVisitTemplate(visitTemplate(documents.visitTemplate(trial)))
        .build();
  }

  private static org.mdmaat.contracts.grpc.recruitment.TrialSite site(TrialSite site) {
    var answer = org.mdmaat.contracts.grpc.recruitment.TrialSite.newBuilder().setCode(site.code);
    if (site.timeZone != null) {
      answer.setTimeZone(site.timeZone);
    }
    return answer.build();
  }

  static DosingRegimen regimen(RegimenSettings stored) {
    var regimen = DosingRegimen.newBuilder();
    if (stored.kind() != null) {
      regimen.setKind(RegimenKind.valueOf(stored.kind().name()));
    }
    if (stored.initialDosesMgHcl() != null) {
      regimen.addAllInitialDosesMgHcl(stored.initialDosesMgHcl());
    }
    set(stored.firstSessionInitialMgHcl(), regimen::setFirstSessionInitialMgHcl);
    set(stored.supplementalFraction(), regimen::setSupplementalFraction);
    set(stored.minMgPerKg(), regimen::setMinMgPerKg);
    set(stored.maxMgPerKg(), regimen::setMaxMgPerKg);
    set(stored.capMgHclPerDose(), regimen::setCapMgHclPerDose);
    set(stored.supplementalEarliestMinutes(), regimen::setSupplementalEarliestMinutes);
    set(stored.supplementalLatestMinutes(), regimen::setSupplementalLatestMinutes);
    set(stored.maxMgHclPerSession(), regimen::setMaxMgHclPerSession);
    return regimen.build();
  }

  static VisitTemplate visitTemplate(VisitTemplateSettings stored) {
    var visits = VisitTemplate.newBuilder();
    set(stored.preparationSessions(), visits::setPreparationSessions);
    set(stored.experimentalSessions(), visits::setExperimentalSessions);
    set(stored.experimentalIntervalDays(), visits::setExperimentalIntervalDays);
    set(stored.experimentalWindowDays(), visits::setExperimentalWindowDays);
    set(stored.integrationSessionsPerExperimental(), visits::setIntegrationSessionsPerExperimental);
    set(stored.integrationIntervalDays(), visits::setIntegrationIntervalDays);
    set(stored.followUpContactsPerExperimental(), visits::setFollowUpContactsPerExperimental);
    return visits.build();
  }

  /** Sets a proto3 optional field only when the stored setting is there. */
  private static <T> void set(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  /**
   * Arms by the rule of {@link AllocationDisclosure}, decided on the verified person the calling
   * service asks for (their own token, {@link OnBehalfOf}), never on a name in the request. The
   * audit entry names that person and the verified calling service. A person who may not see the
   * arms, or a trial that is not theirs, gets {@code disclosed: false} and nothing else.
   */
  @Override
  @RolesAllowed({CallingService.SAFETY, CallingService.OUTCOMES})
  public Uni<AllocationList> getAllocations(AllocationRequest request) {
    String service = CallingService.of(identity).orElse("unknown service");
    return onBehalfOf
        .person()
        .onFailure()
        .transform(
            failure ->
                Status.UNAUTHENTICATED
                    .withDescription("the person's token did not verify")
                    .asRuntimeException())
        .chain(
            person -> {
              if (person.isEmpty()) {
                return Uni.createFrom()
                    .failure(
                        Status.UNAUTHENTICATED
                            .withDescription("arms are disclosed only for a verified person")
                            .asRuntimeException());
              }
              return allocations(request.getTrialId(), person.get(), service);
            });
  }

  private Uni<AllocationList> allocations(String trialId, Caller person, String service) {
    var refused = AllocationList.newBuilder().setDisclosed(false).build();
    String role = roleOf(person);
    if (trialId.isBlank() || role == null) {
      return Uni.createFrom().item(refused);
    }
    return disclosure
        .discloseTo(trialId, role, person.scope(), service)
        .map(
            answer ->
                AllocationList.newBuilder()
                    .setDisclosed(answer.disclosed())
                    .addAllAllocations(
                        answer.allocations().stream()
                            .map(
                                a ->
                                    Allocation.newBuilder()
                                        .setParticipantCode(a.participantCode())
                                        .setSiteCode(a.siteCode())
                                        .setKitCode(a.kitCode())
                                        .setArm(a.arm())
                                        .build())
                            .toList())
                    .build())
        // Another sponsor's or site's trial: as if it did not exist, and nothing disclosed.
        .onFailure(NotFound.class)
        .recoverWithItem(refused);
  }

  /** The role a disclosure is decided (and audited) under; null for one that never sees arms. */
  static String roleOf(Caller person) {
    for (String role :
        List.of(
            Roles.PHARMACIST,
            Roles.DSMB,
            Roles.UNBLINDED_STATISTICIAN,
            Roles.REGULATOR,
            Roles.SPONSOR,
            Roles.INVESTIGATOR,
            Roles.SITE_COORDINATOR)) {
      if (person.hasRole(role)) {
        return role;
      }
    }
    return null;
  }
}
