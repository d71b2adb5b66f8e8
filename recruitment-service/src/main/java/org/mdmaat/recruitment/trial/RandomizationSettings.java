package org.mdmaat.recruitment.trial;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * How participants are allocated: permuted blocks of the given (even) sizes, stratified by site and
 * optionally by dissociative subtype. Omitted: mixed blocks of 4 and 6, by site only, a generated
 * seed.
 *
 * @param seed the independent statistician's seed (hex), so the lists can be regenerated and
 *     checked. Only an unblinded role may set it (allocation concealment), so a sponsor leaves it
 *     out and the service draws one from SecureRandom. Never shown again.
 */
public record RandomizationSettings(
    @Size(min = 1, max = 5) List<@NotNull @Min(2) @Max(12) Integer> blockSizes,
    Boolean stratifyByDissociativeSubtype,
    @Size(min = 32, max = 128) @Pattern(regexp = "[0-9a-fA-F]+") String seed) {

  /** Mixed blocks of 4 and 6: with blocks of 2 a site could guess every second allocation. */
  public static final List<Integer> DEFAULT_BLOCK_SIZES = List.of(4, 6);
}
