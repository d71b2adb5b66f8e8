package org.mdmaat.platform.fhir;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.mdmaat.platform.problem.ProblemCode;
import org.mdmaat.platform.problem.Violation;

/**
 * A FHIR endpoint's search parameters and the {@code searchset} Bundles it answers, the same in
 * every service. Paging is the REST API's: {@code _count} (1 to {@value #MAX_COUNT}, default
 * {@value #DEFAULT_COUNT}) per page, {@code _page} from 0. A parameter not taken is refused with
 * the service's own 400 problem, never ignored: a search silently widened would show more than
 * asked.
 */
public final class FhirSearch {
  public static final int DEFAULT_COUNT = 50;
  public static final int MAX_COUNT = 200;
  private static final int MAX_PAGE = 1_000_000;

  private final ProblemCode refused;

  /** Refuses bad parameters with {@code refused} (the service's FHIR search problem, a 400). */
  public FhirSearch(ProblemCode refused) {
    this.refused = refused;
  }

  /** The one value of {@code name}, or null; refuses a parameter not in {@code allowed}. */
  public String only(MultivaluedMap<String, String> params, Set<String> allowed, String name) {
    for (var key : params.keySet()) {
      if (!allowed.contains(key)) {
        throw refused.problem(
            "Search parameter " + key + " is not supported here; supported: " + allowed,
            List.of(new Violation(key, "not supported")));
      }
    }
    var values = params.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1 || values.get(0).isBlank()) {
      throw refused.problem(
          name + " is given once, with a value", List.of(new Violation(name, "once, not empty")));
    }
    return values.get(0);
  }

  /** {@code _count}: entries per page. */
  public int count(MultivaluedMap<String, String> params) {
    return number(params.getFirst("_count"), "_count", 1, MAX_COUNT, DEFAULT_COUNT);
  }

  /** {@code _page}: the page, from 0. */
  public int page(MultivaluedMap<String, String> params) {
    return number(params.getFirst("_page"), "_page", 0, MAX_PAGE, 0);
  }

  int number(String value, String name, int min, int max, int otherwise) {
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
    throw refused.problem(
        name + " is a whole number from " + min + " to " + max + ", not " + value,
        List.of(new Violation(name, "from " + min + " to " + max)));
  }

  /**
   * Page {@code page} (of {@code size} entries, {@code total} in all) as a searchset: total, self
   * and (while more follow) next links, each entry in search mode {@code match}.
   */
  public static <T> Bundle searchset(
      List<T> items,
      long total,
      int page,
      int size,
      Function<T, Resource> resource,
      String base,
      String type,
      String query) {
    var bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
    bundle.setTotal((int) total);
    bundle
        .addLink()
        .setRelation("self")
        .setUrl(base + "/" + type + "?" + withPage(query, size, page));
    if ((long) (page + 1) * size < total) {
      bundle
          .addLink()
          .setRelation("next")
          .setUrl(base + "/" + type + "?" + withPage(query, size, page + 1));
    }
    for (var item : items) {
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
  static String withPage(String query, int count, int page) {
    var kept = new StringBuilder();
    for (var part : query.split("&")) {
      if (!part.isEmpty() && !part.startsWith("_count=") && !part.startsWith("_page=")) {
        kept.append(part).append('&');
      }
    }
    return kept + "_count=" + count + "&_page=" + page;
  }
}
