package org.mdmaat.recruitment.participant;

import java.security.SecureRandom;

/**
 * Pseudonymous participant codes ({@code P-} + 8 random characters): the name other services know a
 * participant by, never derived from the name.
 */
final class ParticipantCodes {
  // No 0/O, 1/I/L: codes are read aloud and written on forms.
  private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private ParticipantCodes() {}

  static String next() {
    var code = new StringBuilder("P-");
    for (int i = 0; i < 8; i++) {
      code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return code.toString();
  }
}
