package org.mdmaat.recruitment.randomization;

import java.security.SecureRandom;

/** Kit codes: random labels that say nothing about the arm inside. */
final class KitCodes {
  // No 0/O, 1/I/L: codes are read aloud and written on labels.
  private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private KitCodes() {}

  static String next() {
    var code = new StringBuilder("K-");
    for (int i = 0; i < 10; i++) {
      code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return code.toString();
  }
}
