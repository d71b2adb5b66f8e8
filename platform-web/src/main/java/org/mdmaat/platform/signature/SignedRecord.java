package org.mdmaat.platform.signature;

import java.util.Objects;

/**
 * The record a signature is bound to: its kind, its id and the content signed (anything Jackson
 * writes: a view, a map). The content is hashed, not stored, with the signature.
 */
public record SignedRecord(String type, String id, Object content) {
  public SignedRecord {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
  }
}
