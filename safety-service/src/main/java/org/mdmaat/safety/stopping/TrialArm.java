package org.mdmaat.safety.stopping;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A participant's arm as recruitment-service last disclosed it to a DSMB member, kept so that rules
 * counting by arm can be evaluated when a blinded investigator records an event. Never shown to a
 * blinded role.
 */
@Entity
@Table(name = "trial_arm")
@IdClass(TrialArm.Key.class)
public class TrialArm extends PanacheEntityBase {
  @Id
  @Column(name = "trial_id")
  public String trialId;

  @Id
  @Column(name = "participant_code")
  public String participantCode;

  public String arm;

  @Column(name = "disclosed_at")
  public Instant disclosedAt;

  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    public String trialId;
    public String participantCode;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(trialId, k.trialId)
          && Objects.equals(participantCode, k.participantCode);
    }

    @Override
    public int hashCode() {
      return Objects.hash(trialId, participantCode);
    }
  }
}
