package org.mdmaat.auditverifier;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one JSON object per line, keeping the exact text of every member value: the audit states
 * ({@code before}/{@code after}) are hashed as the service stored them, so they must not be parsed
 * and written again.
 */
final class Json {
  private final String text;
  private int at;

  private Json(String text) {
    this.text = text;
  }

  /** A member's value: its exact text, and for a JSON string its decoded value. */
  record Value(String raw, String string) {
    boolean isNull() {
      return raw.equals("null");
    }

    boolean isString() {
      return string != null;
    }
  }

  /** The members of the object on {@code line}, in order, each with its exact text. */
  static Map<String, Value> object(String line) {
    var json = new Json(line);
    json.space();
    var members = json.members();
    json.space();
    if (json.at != line.length()) {
      throw json.error("text after the object");
    }
    return members;
  }

  /** Whether {@code text} is exactly one JSON value (what the platform embeds unquoted). */
  static boolean isOneValue(String text) {
    try {
      var json = new Json(text);
      json.space();
      json.value();
      json.space();
      return json.at == text.length();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private Map<String, Value> members() {
    expect('{');
    var members = new LinkedHashMap<String, Value>();
    space();
    if (peek() == '}') {
      at++;
      return members;
    }
    while (true) {
      space();
      var name = string();
      space();
      expect(':');
      space();
      int start = at;
      var decoded = peek() == '"' ? string() : null;
      if (decoded == null) {
        value();
      }
      members.put(name, new Value(text.substring(start, at), decoded));
      space();
      char next = next();
      if (next == '}') {
        return members;
      }
      if (next != ',') {
        throw error("',' or '}' expected");
      }
    }
  }

  private void value() {
    char c = peek();
    switch (c) {
      case '{' -> {
        at++;
        space();
        if (peek() == '}') {
          at++;
          return;
        }
        while (true) {
          space();
          string();
          space();
          expect(':');
          space();
          value();
          space();
          char next = next();
          if (next == '}') {
            return;
          }
          if (next != ',') {
            throw error("',' or '}' expected");
          }
        }
      }
      case '[' -> {
        at++;
        space();
        if (peek() == ']') {
          at++;
          return;
        }
        while (true) {
          space();
          value();
          space();
          char next = next();
          if (next == ']') {
            return;
          }
          if (next != ',') {
            throw error("',' or ']' expected");
          }
        }
      }
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> number();
    }
  }

  private String string() {
    expect('"');
    var out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escaped = next();
      switch (escaped) {
        case '"', '\\', '/' -> out.append(escaped);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw error("short \\u escape");
          }
          out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> throw error("bad escape");
      }
    }
  }

  private void number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    if (start == at) {
      throw error("a value expected");
    }
  }

  private void literal(String word) {
    if (!text.startsWith(word, at)) {
      throw error(word + " expected");
    }
    at += word.length();
  }

  private void space() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private char peek() {
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      at--;
      throw error("'" + c + "' expected");
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("not JSON at character " + at + ": " + what);
  }
}
