package org.mdmaat.recruitment.participant;

/** What an electronic signature means (21 CFR 11.50). */
public enum SignatureMeaning {
  REVIEW,
  APPROVAL,
  RESPONSIBILITY,
  AUTHORSHIP
}
