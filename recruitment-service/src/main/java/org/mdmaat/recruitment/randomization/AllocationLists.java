package org.mdmaat.recruitment.randomization;

import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;

/**
 * Keeps each stratum's concealed allocation list: generated when the trial starts recruiting (or on
 * first need), extended by one more block when used up. Runs in the caller's transaction, which
 * holds the trial's row lock, so two randomizations never take the same slot.
 */
@ApplicationScoped
public class AllocationLists {
  private final AuditTrail audit;

  AllocationLists(AuditTrail audit) {
    this.audit = audit;
  }

  /**
   * Generates, for every stratum without a list yet, enough blocks for its share of the target
   * enrollment.
   */
  public Uni<Void> prepare(
      String trialId,
      String seedHex,
      List<String> strata,
      List<Integer> blockSizes,
      int targetEnrollment,
      Actor actor) {
    int share = Math.max(1, (targetEnrollment + strata.size() - 1) / strata.size());
    return Multi.createFrom()
        .iterable(strata)
        .onItem()
        .transformToUniAndConcatenate(
            stratum ->
                AllocationSlot.count("trialId = ?1 and stratum = ?2", trialId, stratum)
                    .flatMap(
                        existing ->
                            existing > 0
                                ? Uni.createFrom().voidItem()
                                : store(
                                    generate(trialId, seedHex, stratum, blockSizes, 0, 0, share),
                                    actor)))
        .collect()
        .asList()
        .replaceWithVoid();
  }

  /** The first free slot of {@code stratum}, extending its list by a block when none is left. */
  public Uni<AllocationSlot> nextFree(
      String trialId, String seedHex, String stratum, List<Integer> blockSizes, Actor actor) {
    return AllocationSlot.<AllocationSlot>find(
            "trialId = ?1 and stratum = ?2 and participantCode is null",
            Sort.ascending("seq"),
            trialId,
            stratum)
        .firstResult()
        .flatMap(
            free ->
                free != null
                    ? Uni.createFrom().item(free)
                    : AllocationSlot.<AllocationSlot>find(
                            "trialId = ?1 and stratum = ?2",
                            Sort.descending("seq"),
                            trialId,
                            stratum)
                        .firstResult()
                        .flatMap(
                            last -> {
                              int block = last == null ? 0 : last.blockNumber + 1;
                              int seq = last == null ? 0 : last.seq + 1;
                              var added =
                                  generate(trialId, seedHex, stratum, blockSizes, block, seq, 1);
                              return store(added, actor).replaceWith(added.get(0));
                            }));
  }

  /** Stores generated slots, audited without arms or kit codes: the list stays concealed. */
  private Uni<Void> store(List<AllocationSlot> slots, Actor actor) {
    var first = slots.get(0);
    var last = slots.get(slots.size() - 1);
    return AllocationSlot.persist(slots)
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        actor,
                        "AllocationList",
                        first.trialId + "/" + first.stratum,
                        "GENERATE",
                        null,
                        Map.of(
                            "stratum", first.stratum,
                            "firstSeq", first.seq,
                            "lastSeq", last.seq,
                            "firstBlock", first.blockNumber,
                            "lastBlock", last.blockNumber),
                        null,
                        first.trialId,
                        null)));
  }

  /** Whole blocks from {@code firstBlock} on until at least {@code minimum} slots exist. */
  static List<AllocationSlot> generate(
      String trialId,
      String seedHex,
      String stratum,
      List<Integer> blockSizes,
      int firstBlock,
      int firstSeq,
      int minimum) {
    var slots = new ArrayList<AllocationSlot>();
    int block = firstBlock;
    int seq = firstSeq;
    while (slots.size() < minimum) {
      var arms = PermutedBlocks.block(seedHex, stratum, block, blockSizes);
      for (var arm : arms) {
        var slot = new AllocationSlot();
        slot.id = UUID.randomUUID();
        slot.trialId = trialId;
        slot.stratum = stratum;
        slot.seq = seq++;
        slot.blockNumber = block;
        slot.blockSize = arms.size();
        slot.arm = arm;
        slot.kitCode = KitCodes.next();
        slots.add(slot);
      }
      block++;
    }
    return slots;
  }
}
