package org.mdmaat.recruitment.directory;

import io.quarkus.grpc.GrpcService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.Set;
import org.mdmaat.contracts.grpc.recruitment.Allocation;
import org.mdmaat.contracts.grpc.recruitment.AllocationList;
import org.mdmaat.contracts.grpc.recruitment.AllocationRequest;
import org.mdmaat.contracts.grpc.recruitment.DosingRegimen;
import org.mdmaat.contracts.grpc.recruitment.ParticipantDirectory;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRecord;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRequest;
import org.mdmaat.contracts.grpc.recruitment.ParticipantStatus;
import org.mdmaat.contracts.grpc.recruitment.RegimenKind;
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
                      return ParticipantRecord.newBuilder()
                          .setFound(true)
                          .setParticipantCode(p.code)
                          .setTrialId(p.trialId)
                          .setSiteCode(p.siteCode)
                          .setStatus(ParticipantStatus.valueOf(p.status.name()))
                          .setWeightKg(p.weightKg == null ? 0 : p.weightKg)
                          .setStratum(p.stratum == null ? "" : p.stratum)
                          .setKitCode(p.kitCode == null ? "" : p.kitCode)
                          .build();
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

  private TrialProtocol protocol(Trial trial, java.util.List<TrialSite> sites) {
    RegimenSettings regimen = documents.regimen(trial).withDefaults();
    VisitTemplateSettings visits = documents.visitTemplate(trial).withDefaults();
    return TrialProtocol.newBuilder()
        .setFound(true)
        .setTrialId(trial.id)
        .setProtocolCode(trial.protocolCode)
        .setSponsorId(trial.sponsor)
        .setRecruitmentStatus(trial.status.name())
        .setBlinded(trial.blinded())
        .addAllSiteCodes(sites.stream().map(s -> s.code).toList())
        .setRegimen(
            DosingRegimen.newBuilder()
                .setKind(RegimenKind.valueOf(regimen.kind().name()))
                .addAllInitialDosesMgHcl(regimen.initialDosesMgHcl())
                .setFirstSessionInitialMgHcl(regimen.firstSessionInitialMgHcl())
                .setSupplementalFraction(regimen.supplementalFraction())
                .setMinMgPerKg(regimen.minMgPerKg())
                .setMaxMgPerKg(regimen.maxMgPerKg())
                .setCapMgHclPerDose(regimen.capMgHclPerDose())
                .setSupplementalEarliestMinutes(regimen.supplementalEarliestMinutes())
                .setSupplementalLatestMinutes(regimen.supplementalLatestMinutes())
                .setMaxMgHclPerSession(regimen.maxMgHclPerSession()))
        .setVisitTemplate(
            VisitTemplate.newBuilder()
                .setPreparationSessions(visits.preparationSessions())
                .setExperimentalSessions(visits.experimentalSessions())
                .setExperimentalIntervalDays(visits.experimentalIntervalDays())
                .setExperimentalWindowDays(visits.experimentalWindowDays())
                .setIntegrationSessionsPerExperimental(visits.integrationSessionsPerExperimental())
                .setIntegrationIntervalDays(visits.integrationIntervalDays())
                .setFollowUpContactsPerExperimental(visits.followUpContactsPerExperimental()))
        .build();
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
