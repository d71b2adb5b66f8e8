package org.mdmaat.recruitment.eligibility;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a trial's rules over a candidate's facts. Pure: no storage, no clock, so it is tested
 * directly against the MAPP1 and MAPP2 rule sets.
 */
public final class EligibilityEngine {
  private EligibilityEngine() {}

  public static Verdict evaluate(List<EligibilityRule> rules, Map<String, Object> facts) {
    var findings = new ArrayList<Finding>();
    for (var rule : rules) {
      var answer = facts.get(rule.field());
      if (answer == null) {
        if (rule.whenMissingOrDefault() == WhenMissing.REVIEW) {
          findings.add(
              new Finding(
                  rule.id(),
                  rule.kind(),
                  Result.NEEDS_CLINICIAN_REVIEW,
                  "Not answered: " + rule.message()));
        }
        continue;
      }
      boolean holds = holds(rule.operator(), answer, rule.value());
      boolean violated = rule.kind() == CriterionKind.INCLUSION ? !holds : holds;
      if (violated) {
        findings.add(new Finding(rule.id(), rule.kind(), rule.outcomeOrDefault(), rule.message()));
      }
    }
    var result =
        findings.stream().anyMatch(f -> f.outcome() == Result.NOT_ELIGIBLE)
            ? Result.NOT_ELIGIBLE
            : findings.isEmpty() ? Result.ELIGIBLE : Result.NEEDS_CLINICIAN_REVIEW;
    return new Verdict(result, List.copyOf(findings));
  }

  static boolean holds(Operator operator, Object answer, JsonNode value) {
    return switch (operator) {
      case GTE -> number(answer) >= value.asDouble();
      case GT -> number(answer) > value.asDouble();
      case LTE -> number(answer) <= value.asDouble();
      case LT -> number(answer) < value.asDouble();
      case EQ -> same(answer, value);
      case NEQ -> !same(answer, value);
      case IN -> contains(value, answer);
      case CONTAINS_ANY -> ((Collection<?>) answer).stream().anyMatch(a -> contains(value, a));
      case IS_TRUE -> Boolean.TRUE.equals(answer);
      case IS_FALSE -> Boolean.FALSE.equals(answer);
    };
  }

  private static double number(Object answer) {
    return ((Number) answer).doubleValue();
  }

  private static boolean contains(JsonNode values, Object answer) {
    for (var element : values) {
      if (same(answer, element)) {
        return true;
      }
    }
    return false;
  }

  private static boolean same(Object answer, JsonNode value) {
    if (answer instanceof Number number) {
      return value.isNumber() && number.doubleValue() == value.asDouble();
    }
    if (answer instanceof Boolean bool) {
      return value.isBoolean() && bool == value.asBoolean();
    }
    return value.isTextual() && Objects.equals(answer.toString(), value.asText());
  }
}
