package org.mdmaat.recruitment.randomization;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Permuted-block allocation, 1:1. Each block's size is drawn from the trial's sizes and holds as
 * many MDMA as PLACEBO slots in a random order, so within a stratum the arms never drift apart by
 * more than half the largest block.
 *
 * <p>Block {@code n} of a stratum comes from a SHA1PRNG SecureRandom seeded with the trial's seed,
 * the stratum and {@code n} only: the lists are reproducible by whoever holds the seed, and
 * generating a stratum's blocks later (on first need) gives the same blocks as generating them at
 * the start.
 */
public final class PermutedBlocks {
  private PermutedBlocks() {}

  /** Block {@code blockNumber} (from 0) of {@code stratum}. */
  public static List<Arm> block(
      String seedHex, String stratum, int blockNumber, List<Integer> blockSizes) {
    var random = seeded(seedHex, stratum, blockNumber);
    int size = blockSizes.get(random.nextInt(blockSizes.size()));
    var arms = new ArrayList<Arm>(size);
    for (int i = 0; i < size; i++) {
      arms.add(i < size / 2 ? Arm.MDMA : Arm.PLACEBO);
    }
    // Fisher-Yates with the seeded generator.
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      var swap = arms.get(i);
      arms.set(i, arms.get(j));
      arms.set(j, swap);
    }
    return arms;
  }

  /** A fresh seed for a trial whose sponsor gave none: 32 bytes from SecureRandom, as hex. */
  public static String newSeed() {
    var bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static SecureRandom seeded(String seedHex, String stratum, int blockNumber) {
    try {
      var random = SecureRandom.getInstance("SHA1PRNG");
      var stratumBytes = stratum.getBytes(StandardCharsets.UTF_8);
      var seed = HexFormat.of().parseHex(seedHex);
      // Seeding before the first draw replaces the generator's own entropy: deterministic.
      random.setSeed(
          ByteBuffer.allocate(seed.length + stratumBytes.length + 8)
              .put(seed)
              .putInt(stratumBytes.length)
              .put(stratumBytes)
              .putInt(blockNumber)
              .array());
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA1PRNG is part of every Java runtime", e);
    }
  }
}
