package org.mdmaat.platform.testapp;

import java.util.UUID;

public record SpecimenView(UUID id, String name, String siteCode, int dose, String status) {
  static SpecimenView of(Specimen specimen) {
    return new SpecimenView(
        specimen.id, specimen.name, specimen.siteCode, specimen.dose, specimen.status);
  }
}
