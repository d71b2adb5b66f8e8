package org.mdmaat.platform.paging;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, the shape every service's list endpoints answer: {@code page} from 0, {@code
 * size} items per page, {@code total} matches in all. (The audit trail pages by key instead.)
 */
public record PageOf<T>(List<T> items, int page, int size, long total) {

  /** Tells clients which paging this list uses. */
  @JsonProperty("paging")
  public String paging() {
    return "page";
  }

  /** Needs a session. Reads one page of {@code query} and its total count. */
  public static <E, T> Uni<PageOf<T>> of(
      PanacheQuery<E> query, Function<E, T> view, int page, int size) {
    return query
        .page(Page.of(page, size))
        .list()
        .chain(
            items ->
                query
                    .count()
                    .map(
                        total ->
                            new PageOf<>(items.stream().map(view).toList(), page, size, total)));
  }

  /**
   * Needs a session. Reads one page of {@code query}, turns its rows into views together (one more
   * query for all of them, not one per row) and adds the total count.
   */
  public static <E, T> Uni<PageOf<T>> ofAll(
      PanacheQuery<E> query, Function<List<E>, Uni<List<T>>> views, int page, int size) {
    return query
        .page(Page.of(page, size))
        .list()
        .chain(rows -> views.apply(rows))
        .chain(items -> query.count().map(total -> new PageOf<>(items, page, size, total)));
  }

  /** One page of a list already in memory (e.g. a report computed from the whole ledger). */
  public static <T> PageOf<T> slice(List<T> all, int page, int size) {
    int from = (int) Math.min((long) page * size, all.size());
    int to = Math.min(from + size, all.size());
    return new PageOf<>(List.copyOf(all.subList(from, to)), page, size, all.size());
  }
}
