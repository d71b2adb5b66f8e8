package org.mdmaat.outcomes.instrument;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mdmaat.platform.paging.PageOf;

/**
 * The instruments this service scores, read once from {@code instruments/index.json} and the files
 * it names. Adding an instrument is adding a JSON file and a line in the index; each definition is
 * checked when loaded, so a broken one stops the service from starting rather than mis-scoring.
 */
@ApplicationScoped
public class InstrumentCatalog {
  static final String INDEX = "instruments/index.json";

  private final Map<String, Instrument> instruments;

  InstrumentCatalog(ObjectMapper json) {
    this.instruments = load(json);
  }

  public List<Instrument> all() {
    return List.copyOf(instruments.values());
  }

  /** One page of the instruments, in the index's order (the catalog lives in memory). */
  public PageOf<Instrument> page(int page, int size) {
    return PageOf.slice(all(), page, size);
  }

  public Optional<Instrument> find(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(instruments.get(code));
  }

  static Map<String, Instrument> load(ObjectMapper json) {
    // Definitions are our own resources: read them strictly, but independently of the API's
    // settings.
    var reader = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    Map<String, Instrument> loaded = new LinkedHashMap<>();
    List<String> files = read(reader, INDEX, new TypeReference<List<String>>() {});
    for (String file : files) {
      Instrument instrument = read(reader, "instruments/" + file, new TypeReference<>() {});
      check(instrument, file);
      if (loaded.put(instrument.code(), instrument) != null) {
        throw new IllegalStateException("instrument " + instrument.code() + " defined twice");
      }
    }
    return Map.copyOf(loaded);
  }

  private static <T> T read(ObjectMapper reader, String resource, TypeReference<T> type) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return reader.readValue(in, type);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  static void check(Instrument instrument, String file) {
    if (instrument.code() == null || instrument.items().isEmpty()) {
      throw new IllegalStateException(file + ": an instrument needs a code and items");
    }
    if (instrument.betterWhen() == null) {
      throw new IllegalStateException(file + ": betterWhen (LOWER or HIGHER) is required");
    }
    var codes = new HashSet<String>();
    for (var item : instrument.items()) {
      if (!codes.add(item.code()) || item.min() > item.max()) {
        throw new IllegalStateException(file + ": item " + item.code() + " duplicated or empty");
      }
    }
    var subscales = new HashSet<String>();
    for (var subscale : instrument.subscales()) {
      subscales.add(subscale.code());
      if (!codes.containsAll(subscale.items())) {
        throw new IllegalStateException(
            file + ": subscale " + subscale.code() + " names unknown items");
      }
    }
    for (var flag : instrument.flags()) {
      for (var condition : flag.allOf()) {
        boolean total = condition.totalAtLeast() != null;
        boolean item = condition.item() != null && condition.atLeast() != null;
        boolean cluster =
            condition.subscale() != null
                && condition.itemAtLeast() != null
                && condition.minCount() != null;
        if ((total ? 1 : 0) + (item ? 1 : 0) + (cluster ? 1 : 0) != 1
            || (item && !codes.contains(condition.item()))
            || (cluster && !subscales.contains(condition.subscale()))) {
          throw new IllegalStateException(file + ": flag " + flag.code() + " has a bad condition");
        }
      }
    }
    var outcome = instrument.outcome();
    if (outcome != null
        && outcome.diagnosisFlag() != null
        && instrument.flags().stream().noneMatch(f -> f.code().equals(outcome.diagnosisFlag()))) {
      throw new IllegalStateException(file + ": outcome names an unknown diagnosis flag");
    }
  }
}
