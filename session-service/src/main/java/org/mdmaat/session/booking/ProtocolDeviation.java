package org.mdmaat.session.booking;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A recorded departure from the protocol, e.g. a session booked outside its window. */
@Entity
@Table(name = "protocol_deviation")
public class ProtocolDeviation extends PanacheEntityBase {
  public static final String OUTSIDE_WINDOW = "SESSION_OUTSIDE_WINDOW";

  @Id public UUID id;

  @Column(name = "session_id")
  public UUID sessionId;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  public String category;
  public String reason;

  @Column(name = "recorded_by")
  public String recordedBy;

  @Column(name = "recorded_at")
  public Instant recordedAt;
}
