package org.mdmaat.platform.testapp;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The test application's record: something a site creates and moves through states. */
@Entity
@Table(name = "specimen")
public class Specimen extends PanacheEntityBase {
  @Id public UUID id;

  @Column(nullable = false)
  public String name;

  @Column(name = "site_code", nullable = false)
  public String siteCode;

  @Column(nullable = false)
  public int dose;

  @Column(nullable = false)
  public String status;
}
