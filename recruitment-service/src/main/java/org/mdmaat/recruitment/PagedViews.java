package org.mdmaat.recruitment;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.function.Function;
import org.mdmaat.platform.paging.PageOf;

/**
 * {@link PageOf#of} for views that need a further read per item (a trial's sites, a call's trial):
 * the page and total come from {@code PageOf.of}, the views are read one after the other in the
 * same session.
 */
public final class PagedViews {
  private PagedViews() {}

  /** Needs a session. */
  public static <E, T> Uni<PageOf<T>> of(
      PanacheQuery<E> query, Function<? super E, Uni<? extends T>> view, int page, int size) {
    return PageOf.of(query, Function.<E>identity(), page, size)
        .flatMap(
            entities ->
                Multi.createFrom()
                    .iterable(entities.items())
                    .onItem()
                    .<T>transformToUniAndConcatenate(view)
                    .collect()
                    .asList()
                    .map(
                        views ->
                            new PageOf<>(
                                views, entities.page(), entities.size(), entities.total())));
  }
}
