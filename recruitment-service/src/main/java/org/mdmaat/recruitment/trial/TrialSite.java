package org.mdmaat.recruitment.trial;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A site taking part in a trial, where participants are screened and treated. */
@Entity
@Table(name = "trial_site")
@IdClass(TrialSite.Key.class)
public class TrialSite extends PanacheEntityBase {
  @Id
  @Column(name = "trial_id")
  public String trialId;

  @Id public String code;

  public String country;
  public String city;

  /** IANA time zone its visit windows are judged in; null for sites created before V3. */
  @Column(name = "time_zone")
  public String timeZone;

  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    public String trialId;
    public String code;

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && Objects.equals(trialId, key.trialId)
          && Objects.equals(code, key.code);
    }

    @Override
    public int hashCode() {
      return Objects.hash(trialId, code);
    }
  }
}
