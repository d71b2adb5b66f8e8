package org.mdmaat.recruitment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of a list, paged by page number and size (0-based {@code page}); {@code total} counts
 * all matches.
 */
public record PageOf<T>(List<T> items, int page, int size, long total) {
  @JsonProperty("paging")
  public String paging() {
    return "page";
  }
}
