package org.mdmaat.session;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import org.mdmaat.contracts.grpc.recruitment.TrialSite;
import org.mdmaat.contracts.grpc.recruitment.VisitTemplate;
import org.mdmaat.platform.calls.CallingService;

/**
 * A ParticipantDirectory served by the test application itself, answering from what each test
 * registered. The real recruitment-service answers in system-tests.
 */
@GrpcService
@RolesAllowed(CallingService.SESSION)
public class ScriptedParticipantDirectory implements ParticipantDirectory {
  public static final Map<String, ParticipantRecord> PARTICIPANTS = new ConcurrentHashMap<>();
  public static final Map<String, TrialProtocol> PROTOCOLS = new ConcurrentHashMap<>();

  /** When set, every call fails as if recruitment-service were down. */
  public static volatile boolean unavailable;

  static {
    PROTOCOLS.put("MAPP-TEST", mapp("MAPP-TEST").build());
  }

  /**
   * A recruiting MAPP-style trial as recruitment-service serves it: every setting present, sites
   * US-SF-01 (Los Angeles time) and US-BOS-02 (New York time).
   */
  public static TrialProtocol.Builder mapp(String trialId) {
    return TrialProtocol.newBuilder()
        .setFound(true)
        .setTrialId(trialId)
        .setProtocolCode("MAPP2")
        .setRecruitmentStatus("RECRUITING")
        .setBlinded(true)
        .setSponsorId("maps")
        .addSiteCodes("US-SF-01")
        .addSiteCodes("US-BOS-02")
        .addSites(TrialSite.newBuilder().setCode("US-SF-01").setTimeZone("America/Los_Angeles"))
        .addSites(TrialSite.newBuilder().setCode("US-BOS-02").setTimeZone("America/New_York"))
        .setRegimen(mappRegimen())
        .setVisitTemplate(mappVisits());
  }

  public static DosingRegimen.Builder mappRegimen() {
    return DosingRegimen.newBuilder()
        .setKind(RegimenKind.FIXED_SPLIT)
        .addInitialDosesMgHcl(80)
        .addInitialDosesMgHcl(120)
        .setFirstSessionInitialMgHcl(80)
        .setSupplementalFraction(0.5)
        .setSupplementalEarliestMinutes(90)
        .setSupplementalLatestMinutes(120)
        .setMaxMgHclPerSession(180);
  }

  public static VisitTemplate.Builder mappVisits() {
    return VisitTemplate.newBuilder()
        .setPreparationSessions(3)
        .setExperimentalSessions(3)
        .setExperimentalIntervalDays(28)
        .setExperimentalWindowDays(7)
        .setIntegrationSessionsPerExperimental(3)
        .setIntegrationIntervalDays(7)
        .setFollowUpContactsPerExperimental(7);
  }

  public static void register(String code, String site, ParticipantStatus status, double weightKg) {
    register(code, "MAPP-TEST", site, status, weightKg);
  }

  public static void register(
      String code, String trialId, String site, ParticipantStatus status, double weightKg) {
    PARTICIPANTS.put(
        code,
        ParticipantRecord.newBuilder()
            .setFound(true)
            .setParticipantCode(code)
            .setTrialId(trialId)
            .setSiteCode(site)
            .setStatus(status)
            .setWeightKg(weightKg)
            .setKitCode("KIT-" + code)
            .build());
  }

  /** Changes what recruitment-service answers about a registered participant. */
  public static void update(
      String code, java.util.function.UnaryOperator<ParticipantRecord.Builder> change) {
    PARTICIPANTS.computeIfPresent(code, (k, record) -> change.apply(record.toBuilder()).build());
  }

  @Override
  public Uni<ParticipantRecord> getParticipant(ParticipantRequest request) {
    if (unavailable) {
      return Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
    }
    return Uni.createFrom()
        .item(
            PARTICIPANTS.getOrDefault(
                request.getParticipantCode(), ParticipantRecord.newBuilder().build()));
  }

  @Override
  public Uni<TrialProtocol> getTrialProtocol(TrialRequest request) {
    if (unavailable) {
      return Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
    }
    return Uni.createFrom()
        .item(PROTOCOLS.getOrDefault(request.getTrialId(), TrialProtocol.newBuilder().build()));
  }

  @Override
  public Uni<AllocationList> getAllocations(AllocationRequest request) {
    return Uni.createFrom().item(AllocationList.newBuilder().setDisclosed(false).build());
  }
}
