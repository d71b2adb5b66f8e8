package org.mdmaat.recruitment.eligibility;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.mdmaat.platform.problem.Violation;

/** Checks that a rule set can be evaluated: known fields, fitting operators and values. */
public final class RuleCheck {
  private RuleCheck() {}

  /** Violations named under {@code path} (e.g. {@code eligibility.rules}); empty when sound. */
  public static List<Violation> check(List<EligibilityRule> rules, String path) {
    var violations = new ArrayList<Violation>();
    var ids = new HashSet<String>();
    for (int i = 0; i < rules.size(); i++) {
      var rule = rules.get(i);
      var at = path + "[" + i + "]";
      if (!ids.add(rule.id())) {
        violations.add(new Violation(at + ".id", "duplicate criterion id " + rule.id()));
      }
      var field = AnswerField.byKey(rule.field());
      if (field.isEmpty()) {
        violations.add(new Violation(at + ".field", "unknown answer field " + rule.field()));
        continue;
      }
      var problem = fit(field.get(), rule.operator(), rule.value());
      if (problem != null) {
        violations.add(new Violation(at + ".value", problem));
      }
    }
    return violations;
  }

  private static String fit(AnswerField field, Operator operator, JsonNode value) {
    switch (operator) {
      case GTE, GT, LTE, LT -> {
        if (field.type != AnswerField.Type.NUMBER) {
          return operator + " needs a numeric field";
        }
        return value != null && value.isNumber() ? null : operator + " needs a number";
      }
      case IS_TRUE, IS_FALSE -> {
        if (field.type != AnswerField.Type.BOOLEAN) {
          return operator + " needs a yes/no field";
        }
        return value == null || value.isNull() ? null : operator + " takes no value";
      }
      case EQ, NEQ -> {
        if (field.type == AnswerField.Type.LIST) {
          return operator + " does not apply to a list field; use CONTAINS_ANY";
        }
        boolean fits =
            value != null
                && (field.type == AnswerField.Type.NUMBER ? value.isNumber() : value.isBoolean());
        return fits ? null : operator + " needs a " + field.type.name().toLowerCase() + " value";
      }
      case IN -> {
        if (field.type != AnswerField.Type.NUMBER) {
          return "IN needs a numeric field";
        }
        return value != null && value.isArray() && !value.isEmpty()
            ? null
            : "IN needs a non-empty list";
      }
      case CONTAINS_ANY -> {
        if (field.type != AnswerField.Type.LIST) {
          return "CONTAINS_ANY needs a list field";
        }
        if (value == null || !value.isArray() || value.isEmpty()) {
          return "CONTAINS_ANY needs a non-empty list";
        }
        for (var element : value) {
          if (!element.isTextual() || !field.allowed.contains(element.asText())) {
            return "unknown value " + element + " for " + field.key;
          }
        }
        return null;
      }
      default -> {
        return "unknown operator";
      }
    }
  }
}
