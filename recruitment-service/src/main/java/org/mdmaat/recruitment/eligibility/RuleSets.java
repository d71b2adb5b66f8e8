package org.mdmaat.recruitment.eligibility;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** The example rule sets shipped with the service: MAPP1 and MAPP2 (JSON under eligibility/). */
public final class RuleSets {
  public static final List<String> NAMES = List.of("MAPP1", "MAPP2");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private RuleSets() {}

  /** The named rule set, or empty when no such set ships. */
  public static Optional<List<EligibilityRule>> named(String name) {
    if (!NAMES.contains(name)) {
      return Optional.empty();
    }
    try (var in = RuleSets.class.getResourceAsStream("/eligibility/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("rule set " + name + " is missing from the build");
      }
      return Optional.of(List.copyOf(JSON.readValue(in, new TypeReference<>() {})));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String write(List<EligibilityRule> rules) {
    try {
      return JSON.writeValueAsString(rules);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<EligibilityRule> read(String json) {
    try {
      return List.copyOf(JSON.readValue(json, new TypeReference<List<EligibilityRule>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
