package org.mdmaat.platform.signature;

/** What an electronic signature means (21 CFR 11.50(a)(3)). */
public enum SignatureMeaning {
  REVIEW,
  APPROVAL,
  RESPONSIBILITY,
  AUTHORSHIP
}
