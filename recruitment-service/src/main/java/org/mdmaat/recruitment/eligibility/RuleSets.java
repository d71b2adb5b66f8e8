package org.mdmaat.recruitment.eligibility;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The example rule sets shipped with the service: MAPP1 and MAPP2 (JSON under eligibility/), and
 * rules to and from their stored JSON. Unknown properties in a rule are refused, not ignored.
 */
@ApplicationScoped
public class RuleSets {
  public static final List<String> NAMES = List.of("MAPP1", "MAPP2");
  private static final TypeReference<List<EligibilityRule>> RULES = new TypeReference<>() {};

  private final ObjectReader reader;
  private final ObjectWriter writer;

  RuleSets(ObjectMapper json) {
    this.reader = json.readerFor(RULES).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    this.writer = json.writerFor(RULES);
  }

  /** The named rule set, or empty when no such set ships. */
  public Optional<List<EligibilityRule>> named(String name) {
    if (!NAMES.contains(name)) {
      return Optional.empty();
    }
    try (var in = RuleSets.class.getResourceAsStream("/eligibility/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("rule set " + name + " is missing from the build");
      }
      return Optional.of(List.copyOf(reader.<List<EligibilityRule>>readValue(in)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String write(List<EligibilityRule> rules) {
    try {
      return writer.writeValueAsString(rules);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<EligibilityRule> read(String json) {
    try {
      return List.copyOf(reader.<List<EligibilityRule>>readValue(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
