package org.mdmaat.benchmarks;

import java.util.Map;

/** Just enough of a JSON writer for the report (the ceiling must stay free of a JSON library). */
final class Json {
  private final StringBuilder out = new StringBuilder();
  private boolean first = true;

  Json begin() {
    separate();
    out.append('{');
    first = true;
    return this;
  }

  Json end() {
    out.append('}');
    first = false;
    return this;
  }

  Json beginArray() {
    separate();
    out.append('[');
    first = true;
    return this;
  }

  Json endArray() {
    out.append(']');
    first = false;
    return this;
  }

  Json key(String key) {
    separate();
    string(key);
    out.append(':');
    first = true;
    return this;
  }

  Json field(String key, Object value) {
    key(key);
    return value(value);
  }

  Json nullValue() {
    return value(null);
  }

  Json value(Object value) {
    separate();
    if (value == null) {
      out.append("null");
    } else if (value instanceof Double d) {
      out.append(d.isNaN() || d.isInfinite() ? "null" : d.toString());
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      first = true;
      map.forEach((k, v) -> field(String.valueOf(k), v));
      out.append('}');
    } else {
      string(value.toString());
    }
    first = false;
    return this;
  }

  private void separate() {
    if (!first) {
      out.append(',');
    }
    first = false;
  }

  private void string(String s) {
    out.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
