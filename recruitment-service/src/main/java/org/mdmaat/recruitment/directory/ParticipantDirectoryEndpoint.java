package org.mdmaat.recruitment.directory;

import io.quarkus.grpc.GrpcService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Set;
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
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.recruitment.participant.Participant;
import org.mdmaat.recruitment.randomization.AllocationDisclosure;
import org.mdmaat.recruitment.trial.RegimenSettings;
import org.mdmaat.recruitment.trial.Trial;
import org.mdmaat.recruitment.trial.TrialDocuments;
import org.mdmaat.recruitment.trial.TrialSite;
import org.mdmaat.recruitment.trial.VisitTemplateSettings;

/**
 * Other services' view of participants and trials, by pseudonymous code: never names, contact
 * details or (outside {@link AllocationDisclosure}'s rule) arms.
 */
@GrpcService
public class ParticipantDirectoryEndpoint implements ParticipantDirectory {
  private final TrialDocuments documents;
  private final AllocationDisclosure disclosure;

  ParticipantDirectoryEndpoint(TrialDocuments documents, AllocationDisclosure disclosure) {
    this.documents = documents;
    this.disclosure = disclosure;
  }

  @Override
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
   * Arms only while the trial is unblinded or for requester_role pharmacist/dsmb; each disclosure
   * is audited with the requester named in the request.
   */
  @Override
  public Uni<AllocationList> getAllocations(AllocationRequest request) {
    if (request.getTrialId().isBlank() || request.getRequestedBy().isBlank()) {
      // Nobody to hold accountable for the disclosure: refuse.
      return Uni.createFrom().item(AllocationList.newBuilder().setDisclosed(false).build());
    }
    var role = request.getRequesterRole();
    var actor = new Actor(request.getRequestedBy(), role.isBlank() ? Set.of() : Set.of(role));
    return disclosure
        .disclose(request.getTrialId(), null, actor, role)
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
                    .build());
  }
}
