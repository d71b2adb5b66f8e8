package org.mdmaat.outcomes.assessment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;

/** The JSON text columns of assessments, written with sorted keys so equal values compare equal. */
@ApplicationScoped
public class AssessmentJson {
  private static final TypeReference<Map<String, Integer>> NUMBERS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Boolean>> BOOLEANS = new TypeReference<>() {};

  private final ObjectMapper json;

  AssessmentJson(ObjectMapper json) {
    this.json = json;
  }

  public String write(Map<String, ?> values) {
    try {
      return json.writeValueAsString(new TreeMap<>(values));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public Map<String, Integer> numbers(String text) {
    return read(text, NUMBERS);
  }

  public Map<String, Boolean> booleans(String text) {
    return read(text, BOOLEANS);
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code window}: the assessment's timepoint window, judged from its participant's anchors. */
  public AssessmentView view(Assessment a, WindowView window) {
    return new AssessmentView(
        a.id,
        a.participantCode,
        a.trialId,
        a.siteCode,
        a.instrument,
        a.timepoint,
        a.revision,
        new TreeMap<>(numbers(a.responses)),
        a.total,
        new TreeMap<>(numbers(a.subscales)),
        a.band,
        new TreeMap<>(booleans(a.flags)),
        a.administeredAt,
        a.recordedBy,
        a.recordedAt,
        a.reason,
        window);
  }

  public AssessmentView.Revision view(AssessmentRevision r) {
    return new AssessmentView.Revision(
        r.revision,
        new TreeMap<>(numbers(r.responses)),
        r.total,
        new TreeMap<>(numbers(r.subscales)),
        r.band,
        new TreeMap<>(booleans(r.flags)),
        r.administeredAt,
        r.recordedBy,
        r.recordedAt,
        r.reason);
  }
}
