package org.mdmaat.session;

import java.util.List;

/**
 * One page of a list (offset paging: {@code page} from 0, {@code size} items per page, {@code
 * total} items in all).
 */
public record Page<T>(List<T> items, int page, int size, long total, String paging) {
  public Page(List<T> items, int page, int size, long total) {
    this(items, page, size, total, "offset");
  }
}
