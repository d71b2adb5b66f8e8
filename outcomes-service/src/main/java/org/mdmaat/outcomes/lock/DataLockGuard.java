package org.mdmaat.outcomes.lock;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.platform.problem.Problem;

/**
 * Keeps writes to a trial's outcome data and its database lock apart. Every write takes the trial's
 * advisory lock shared, a lock or unlock takes it exclusive, each until its transaction ends: so a
 * lock waits for the writes in flight and counts them, and a write that starts after a lock sees
 * it. A row lock would not do: before the first lock there is no row to lock.
 */
@ApplicationScoped
public class DataLockGuard {
  // The two-key advisory lock space: (this class id, hash of the trial id). The audit chain's
  // one-key lock is in another space and cannot collide with it.
  static final int LOCK_CLASS = 0x4F444C4B;
  private static final String SHARED =
      "select 1 from pg_advisory_xact_lock_shared(" + LOCK_CLASS + ", hashtext(?1))";
  private static final String EXCLUSIVE =
      "select 1 from pg_advisory_xact_lock(" + LOCK_CLASS + ", hashtext(?1))";

  /**
   * Needs the write's transaction, before anything is written. 409 {@code OUT-0409-LOCKED} naming
   * the lock if the trial's outcome data are locked.
   */
  public Uni<Void> requireOpen(String trialId) {
    return advisory(SHARED, trialId)
        .chain(() -> latest(trialId))
        .invoke(
            latest -> {
              if (latest != null && latest.action == TrialDataLock.Action.LOCK) {
                throw locked(latest);
              }
            })
        .replaceWithVoid();
  }

  /** Needs the lock's or unlock's transaction: waits for the writes in flight, holds off others. */
  Uni<Void> exclusive(String trialId) {
    return advisory(EXCLUSIVE, trialId);
  }

  /** Needs a session. The trial's latest lock or unlock, or null if it was never locked. */
  static Uni<TrialDataLock> latest(String trialId) {
    return TrialDataLock.<TrialDataLock>find("trialId = ?1 order by sequence desc", trialId)
        .firstResult();
  }

  static Problem locked(TrialDataLock lock) {
    return Problems.DATA_LOCKED.problem(
        "The outcome data of trial "
            + lock.trialId
            + " are locked (lock "
            + lock.sequence
            + ", "
            + lock.signedRecordId
            + ", by "
            + lock.actedBy
            + " at "
            + lock.actedAt
            + "): nothing can be recorded or corrected until the sponsor unlocks them");
  }

  private static Uni<Void> advisory(String sql, String trialId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(sql, Integer.class)
                    .setParameter(1, trialId)
                    .getSingleResult())
        .replaceWithVoid();
  }
}
