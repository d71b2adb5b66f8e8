package org.mdmaat.recruitment.eligibility;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The pre-screen facts a rule may name, with their types; rules naming others are refused. */
public enum AnswerField {
  AGE("age", Type.NUMBER),
  PTSD_DURATION_MONTHS("ptsdDurationMonths", Type.NUMBER),
  PCL5_TOTAL("pcl5Total", Type.NUMBER),
  CAPS5_TOTAL("caps5Total", Type.NUMBER),
  DIAGNOSES("diagnoses", Type.LIST, names(Diagnosis.class)),
  PSYCHIATRIC_MEDICATIONS("psychiatricMedications", Type.NUMBER),
  PSYCHIATRIC_MEDICATIONS_WITHOUT_TAPER_DATE("psychiatricMedicationsWithoutTaperDate", Type.NUMBER),
  CARDIOVASCULAR_HISTORY("cardiovascularHistory", Type.LIST, names(CardiovascularCondition.class)),
  PREGNANT("pregnant", Type.BOOLEAN),
  CHILDBEARING_POTENTIAL("childbearingPotential", Type.BOOLEAN),
  LACTATING("lactating", Type.BOOLEAN),
  WEIGHT_KG("weightKg", Type.NUMBER),
  VETERAN("veteran", Type.BOOLEAN),
  COMBAT_EXPOSURE("combatExposure", Type.BOOLEAN),
  TRAUMATIC_BRAIN_INJURY("traumaticBrainInjury", Type.BOOLEAN),
  DISSOCIATIVE_SUBTYPE("dissociativeSubtype", Type.BOOLEAN),
  EMERGENCY_CONTACT("emergencyContact", Type.BOOLEAN),
  AGREES_TO_RECORDINGS("agreesToRecordings", Type.BOOLEAN),
  AGREES_TO_OVERNIGHT_STAY("agreesToOvernightStay", Type.BOOLEAN);

  public enum Type {
    NUMBER,
    BOOLEAN,
    LIST
  }

  public final String key;
  public final Type type;

  /** For list fields: the values an answer can hold; empty when any text is allowed. */
  public final Set<String> allowed;

  AnswerField(String key, Type type) {
    this(key, type, Set.of());
  }

  AnswerField(String key, Type type, Set<String> allowed) {
    this.key = key;
    this.type = type;
    this.allowed = allowed;
  }

  public static Optional<AnswerField> byKey(String key) {
    return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
  }

  private static Set<String> names(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.toSet());
  }
}
