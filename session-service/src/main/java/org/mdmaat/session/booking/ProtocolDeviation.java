package org.mdmaat.session.booking;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.mdmaat.platform.signature.ElectronicSignature;
import org.mdmaat.platform.signature.SignedRecord;

/** A recorded departure from the protocol, e.g. a session booked outside its window. */
@Entity
@Table(name = "protocol_deviation")
public class ProtocolDeviation extends PanacheEntityBase {
  /** The record type of signatures on deviations. */
  public static final String RECORD_TYPE = "ProtocolDeviation";

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

  /**
   * The investigator's electronic signature, for deviations that let a dose go ahead: username
   * (token), stable id ({@code sub}), name from the identity provider, meaning, when signed and
   * when last logged in, and the hash of {@link #signed()}.
   */
  @Column(name = "signed_by")
  public String signedBy;

  @Column(name = "signer_id")
  public String signerId;

  @Column(name = "signer_name")
  public String signerName;

  @Column(name = "signature_meaning")
  public String signatureMeaning;

  @Column(name = "signed_at")
  public Instant signedAt;

  @Column(name = "authenticated_at")
  public Instant authenticatedAt;

  @Column(name = "content_hash")
  public String contentHash;

  /** Typed name of signatures older than V7, kept as recorded; null from V7 on. */
  @Column(name = "printed_name")
  public String legacyPrintedName;

  /**
   * What a signer signs: the deviation's facts, none of which changes once recorded. Its hash is
   * kept with the signature, binding it to this deviation (21 CFR 11.70).
   */
  public SignedRecord signed() {
    var content = new LinkedHashMap<String, Object>();
    content.put("sessionId", sessionId.toString());
    content.put("participantCode", participantCode);
    content.put("trialId", trialId);
    content.put("siteCode", siteCode);
    content.put("category", category);
    content.put("reason", reason);
    content.put("recordedBy", recordedBy);
    content.put("recordedAt", recordedAt.toString());
    return new SignedRecord(RECORD_TYPE, id.toString(), content);
  }

  /** Keeps {@code signature}, made on {@link #signed()}. */
  public void signedWith(ElectronicSignature signature) {
    signedBy = signature.signerUsername();
    signerId = signature.signerId();
    signerName = signature.signerName();
    signatureMeaning = signature.meaning().name();
    signedAt = signature.signedAt();
    authenticatedAt = signature.authenticatedAt();
    contentHash = signature.contentHash();
  }
}
