package org.mdmaat.outcomes;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/** One page of a list: page/size paging, {@code total} items in all. */
public record Paged<T>(List<T> items, int page, int size, long total) {

  /** Needs a session. Reads one page of {@code query} and its total count. */
  public static <E, T> Uni<Paged<T>> of(
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
                            new Paged<>(items.stream().map(view).toList(), page, size, total)));
  }
}
