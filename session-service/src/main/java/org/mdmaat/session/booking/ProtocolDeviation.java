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

  /** An experimental session dosed before the one before it was completed. */
  public static final String DOSE_OUT_OF_SEQUENCE = "DOSE_OUT_OF_SEQUENCE";

  /**
   * An experimental session dosed closer to or farther from the one before than the protocol says.
   */
  public static final String DOSE_OUTSIDE_SPACING = "DOSE_OUTSIDE_SPACING";

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

  /** The investigator's electronic signature, for deviations that let a dose go ahead. */
  @Column(name = "signed_by")
  public String signedBy;

  @Column(name = "printed_name")
  public String printedName;

  @Column(name = "signature_meaning")
  public String signatureMeaning;

  @Column(name = "signed_at")
  public Instant signedAt;
}
