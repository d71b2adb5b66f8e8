package org.mdmaat.gateway.access;

import java.util.Arrays;

/**
 * A path pattern by segments: a literal segment matches itself, {@code *} any one segment, and a
 * final {@code **} any number of segments, none included ({@code /api/safety/**} matches {@code
 * /api/safety} and everything under it).
 */
record PathPattern(String pattern, String[] segments) {

  static PathPattern of(String pattern) {
    return new PathPattern(pattern, split(pattern));
  }

  boolean matches(String path) {
    var parts = split(path);
    for (int i = 0; i < segments.length; i++) {
      if (segments[i].equals("**") && i == segments.length - 1) {
        return true;
      }
      if (i >= parts.length) {
        return false;
      }
      if (!segments[i].equals("*") && !segments[i].equals(parts[i])) {
        return false;
      }
    }
    return parts.length == segments.length;
  }

  private static String[] split(String path) {
    return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }

  @Override
  public String toString() {
    return pattern;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PathPattern p && p.pattern.equals(pattern);
  }

  @Override
  public int hashCode() {
    return pattern.hashCode();
  }
}
