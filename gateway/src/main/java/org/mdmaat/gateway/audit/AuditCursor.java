package org.mdmaat.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The merged listing's keyset cursor: for each service, the seq of the last entry already given
 * out. Opaque to clients (base64url); each service pages on from its own seq, on its index, so a
 * page costs the same at the millionth entry as at the first.
 */
final class AuditCursor {
  private static final Pattern PART = Pattern.compile("([a-z][a-z0-9-]{0,40}):(\\d{1,18})");

  private AuditCursor() {}

  static String encode(Map<String, Long> positions) {
    var text = new StringBuilder("v1");
    new TreeMap<>(positions)
        .forEach((s, seq) -> text.append(';').append(s).append(':').append(seq));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The positions, or IllegalArgumentException for anything this API did not make. */
  static Map<String, Long> decode(String cursor) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64url", e);
    }
    var parts = text.split(";");
    if (parts.length == 0 || !parts[0].equals("v1")) {
      throw new IllegalArgumentException("unknown cursor version");
    }
    var positions = new TreeMap<String, Long>();
    for (int i = 1; i < parts.length; i++) {
      var m = PART.matcher(parts[i]);
      if (!m.matches()) {
        throw new IllegalArgumentException("malformed cursor part");
      }
      positions.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return positions;
  }
}
