package org.mdmaat.safety.adverse;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.mdmaat.safety.signing.StoredSignature;

/** One version of an adverse event as it was recorded; earlier versions stay readable. */
@Entity
@Table(name = "adverse_event_version")
@IdClass(AdverseEventVersion.Key.class)
public class AdverseEventVersion extends PanacheEntityBase {
  @Id
  @Column(name = "adverse_event_id")
  public UUID adverseEventId;

  @Id public int version;

  /** The AdverseEventView of this version as JSON. */
  public String snapshot;

  public String reason;

  @Column(name = "recorded_by")
  public String recordedBy;

  @Column(name = "recorded_at")
  public Instant recordedAt;

  /** The investigator's signature of this follow-up; null for the first report. */
  @Embedded public StoredSignature signature;

  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    public UUID adverseEventId;
    public int version;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(adverseEventId, k.adverseEventId)
          && version == k.version;
    }

    @Override
    public int hashCode() {
      return Objects.hash(adverseEventId, version);
    }
  }
}
