package org.mdmaat.outcomes.lock;

import java.time.Instant;
import java.util.UUID;
import org.mdmaat.platform.signature.ElectronicSignature;

/**
 * A trial's database lock state.
 *
 * @param locked whether writes to the trial's outcome data are refused now
 * @param sequence how many locks and unlocks the trial has had (0: never locked)
 * @param lockedAt when the latest lock was signed; null if never locked
 * @param lockedBy the username that signed the latest lock
 * @param reason the latest lock's reason
 * @param assessmentsLocked how many assessments the trial had when the latest lock was signed
 * @param signature the latest lock's electronic signature
 * @param release the unlock that ended the latest lock; null while it holds
 */
public record DataLockView(
    String trialId,
    boolean locked,
    int sequence,
    Instant lockedAt,
    String lockedBy,
    String reason,
    Integer assessmentsLocked,
    ElectronicSignature signature,
    Release release) {

  /** An unlock, with its signature. */
  public record Release(
      Instant unlockedAt, String unlockedBy, String reason, ElectronicSignature signature) {}

  /** One lock or unlock, for the history. */
  public record Entry(
      UUID id,
      String trialId,
      int sequence,
      TrialDataLock.Action action,
      String reason,
      int assessments,
      String actedBy,
      Instant actedAt,
      ElectronicSignature signature,
      String manifestation) {
    static Entry of(TrialDataLock row) {
      var signature = row.signature();
      return new Entry(
          row.id,
          row.trialId,
          row.sequence,
          row.action,
          row.reason,
          row.assessments,
          row.actedBy,
          row.actedAt,
          signature,
          signature.manifestation());
    }
  }

  static DataLockView never(String trialId) {
    return new DataLockView(trialId, false, 0, null, null, null, null, null, null);
  }

  /** From the latest lock and, if it was released, the latest unlock. */
  static DataLockView of(TrialDataLock lock, TrialDataLock unlock) {
    return new DataLockView(
        lock.trialId,
        unlock == null,
        unlock == null ? lock.sequence : unlock.sequence,
        lock.actedAt,
        lock.actedBy,
        lock.reason,
        lock.assessments,
        lock.signature(),
        unlock == null
            ? null
            : new Release(unlock.actedAt, unlock.actedBy, unlock.reason, unlock.signature()));
  }
}
