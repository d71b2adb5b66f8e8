package org.mdmaat.recruitment.randomization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PermutedBlocksTest {
  private static final List<Integer> SIZES = List.of(2, 4);

  @Test
  void everyBlockIsBalancedAndOfATrialSize() {
    var seed = PermutedBlocks.newSeed();
    var seen = new java.util.HashSet<Integer>();
    for (int n = 0; n < 200; n++) {
      var block = PermutedBlocks.block(seed, "US-SF-01", n, SIZES);
      assertThat(SIZES).contains(block.size());
      seen.add(block.size());
      assertThat(block.stream().filter(a -> a == Arm.MDMA).count()).isEqualTo(block.size() / 2);
    }
    assertThat(seen).as("both block sizes are used").containsExactlyInAnyOrder(2, 4);
  }

  @Test
  void theSameSeedGivesTheSameListsAndAnotherSeedOrStratumOthers() {
    var seed = PermutedBlocks.newSeed();
    var first = blocks(seed, "US-SF-01");
    assertThat(blocks(seed, "US-SF-01")).isEqualTo(first);
    assertThat(blocks(PermutedBlocks.newSeed(), "US-SF-01")).isNotEqualTo(first);
    assertThat(blocks(seed, "US-BOS-02")).isNotEqualTo(first);
  }

  /**
   * 1,000 randomizations over 5 sites, stratified by site and dissociative subtype: after every
   * allocation, each stratum's arms are within half the largest block of each other.
   */
  @Test
  void aThousandRandomizationsOverFiveSitesKeepEveryStratumBalanced() {
    var seed = PermutedBlocks.newSeed();
    var sites = List.of("US-SF-01", "US-BOS-02", "US-NYC-03", "CA-TOR-04", "IL-TLV-05");
    var strata = Strata.all(sites, true);
    Map<String, List<AllocationSlot>> lists = new HashMap<>();
    Map<String, Integer> used = new HashMap<>();
    Map<String, int[]> counts = new HashMap<>();
    var arrivals = new Random(42);
    for (int i = 0; i < 1000; i++) {
      var stratum = strata.get(arrivals.nextInt(strata.size()));
      var list = lists.computeIfAbsent(stratum, s -> new java.util.ArrayList<>());
      int next = used.merge(stratum, 1, Integer::sum) - 1;
      if (next == list.size()) {
        // Used up: extend by one block, as AllocationLists.nextFree does.
        int block = list.isEmpty() ? 0 : list.get(list.size() - 1).blockNumber + 1;
        list.addAll(AllocationLists.generate("T", seed, stratum, SIZES, block, next, 1));
      }
      var slot = list.get(next);
      var c = counts.computeIfAbsent(stratum, s -> new int[2]);
      c[slot.arm.ordinal()]++;
      assertThat(Math.abs(c[0] - c[1]))
          .as("imbalance in %s after %d allocations", stratum, i + 1)
          .isLessThanOrEqualTo(2);
    }
    assertThat(counts).hasSize(10);
    int total = counts.values().stream().mapToInt(c -> c[0] + c[1]).sum();
    assertThat(total).isEqualTo(1000);
    // Kit codes never repeat and say nothing about the arm.
    var kits = lists.values().stream().flatMap(List::stream).map(s -> s.kitCode).toList();
    assertThat(kits).doesNotHaveDuplicates().allMatch(k -> k.matches("K-[2-9A-Z]{10}"));
  }

  @Test
  void theInitialListCoversTheStratumsShareInWholeBlocks() {
    var slots = AllocationLists.generate("T", PermutedBlocks.newSeed(), "S", SIZES, 0, 0, 25);
    assertThat(slots.size()).isBetween(25, 28);
    assertThat(slots.stream().filter(s -> s.arm == Arm.MDMA).count() * 2).isEqualTo(slots.size());
    assertThat(slots).extracting(s -> s.seq).isSorted();
  }

  private static List<List<Arm>> blocks(String seed, String stratum) {
    return java.util.stream.IntStream.range(0, 20)
        .mapToObj(n -> PermutedBlocks.block(seed, stratum, n, SIZES))
        .toList();
  }
}
