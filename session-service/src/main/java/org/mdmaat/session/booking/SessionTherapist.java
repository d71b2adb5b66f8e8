package org.mdmaat.session.booking;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * A therapist booked on a session: a Keycloak account, by subject, with its username as Keycloak
 * had it at booking. Rows older than migration V6 have free text and no subject.
 */
@Entity
@Table(name = "session_therapist")
public class SessionTherapist extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "session_id")
  public UUID sessionId;

  /** Keycloak username (lower case); free text on legacy rows. */
  public String therapist;

  /** Keycloak subject (user id); null on legacy rows. */
  @Column(name = "therapist_sub")
  public String therapistSub;
}
