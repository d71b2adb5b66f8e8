package org.mdmaat.session.accountability;

/**
 * What a signature means (21 CFR 11.50(a)(3)), stated by the signer. A destruction witness attests
 * that they saw the amount destroyed and rendered non-retrievable.
 */
public enum SignatureMeaning {
  WITNESSED_DESTRUCTION
}
