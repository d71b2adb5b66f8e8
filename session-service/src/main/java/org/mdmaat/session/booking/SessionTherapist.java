package org.mdmaat.session.booking;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A therapist (Keycloak username) booked on a session. */
@Entity
@Table(name = "session_therapist")
public class SessionTherapist extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "session_id")
  public UUID sessionId;

  public String therapist;
}
