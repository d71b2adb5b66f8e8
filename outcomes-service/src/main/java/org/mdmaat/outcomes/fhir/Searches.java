package org.mdmaat.outcomes.fhir;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Violation;

/**
 * The search parameters this endpoint takes and the {@code searchset} Bundles it answers. Paging is
 * the REST API's: {@code _count} (1 to 200, default 50) per page, {@code _page} from 0. A parameter
 * not taken is refused (400), never ignored: a search silently widened would show more than asked.
 */
final class Searches {
  static final int DEFAULT_COUNT = 50;
  static final int MAX_COUNT = 200;

  private Searches() {}

  /** The one value of {@code name}, or null; refuses a parameter not in {@code allowed}. */
  static String only(MultivaluedMap<String, String> params, Set<String> allowed, String name) {
    for (var key : params.keySet()) {
      if (!allowed.contains(key)) {
        throw Problems.FHIR_SEARCH.problem(
            "Search parameter " + key + " is not supported here; supported: " + allowed,
            List.of(new Violation(key, "not supported")));
      }
    }
    var values = params.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1 || values.get(0).isBlank()) {
      throw Problems.FHIR_SEARCH.problem(
          name + " is given once, with a value", List.of(new Violation(name, "once, not empty")));
    }
    return values.get(0);
  }

  static int number(String value, String name, int min, int max, int otherwise) {
    if (value == null) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw Problems.FHIR_SEARCH.problem(
        name + " is a whole number from " + min + " to " + max + ", not " + value,
        List.of(new Violation(name, "from " + min + " to " + max)));
  }

  /** One page as a searchset: total, self and (while more follow) next links. */
  static <T> Bundle searchset(
      PageOf<T> page, Function<T, Resource> resource, String base, String type, String query) {
    var bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
    bundle.setTotal((int) page.total());
    var self = base + "/" + type + "?" + withPage(query, page.size(), page.page());
    bundle.addLink().setRelation("self").setUrl(self);
    if ((long) (page.page() + 1) * page.size() < page.total()) {
      bundle
          .addLink()
          .setRelation("next")
          .setUrl(base + "/" + type + "?" + withPage(query, page.size(), page.page() + 1));
    }
    for (var item : page.items()) {
      var r = resource.apply(item);
      bundle
          .addEntry()
          .setFullUrl(base + "/" + type + "/" + r.getIdElement().getIdPart())
          .setResource(r)
          .getSearch()
          .setMode(Bundle.SearchEntryMode.MATCH);
    }
    return bundle;
  }

  // The query as given, its paging replaced.
  private static String withPage(String query, int count, int page) {
    var kept = new StringBuilder();
    for (var part : query.split("&")) {
      if (!part.isEmpty() && !part.startsWith("_count=") && !part.startsWith("_page=")) {
        kept.append(part).append('&');
      }
    }
    return kept + "_count=" + count + "&_page=" + page;
  }
}
