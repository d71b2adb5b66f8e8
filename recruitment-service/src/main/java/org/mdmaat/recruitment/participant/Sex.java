package org.mdmaat.recruitment.participant;

/** Sex recorded at registration (as in the ParticipantDirectory contract). */
public enum Sex {
  FEMALE,
  MALE,
  INTERSEX
}
