package org.mdmaat.systemtests;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.mdmaat.devstack.Platform;

/**
 * Keeps every answer a scenario's users received (user, phase, request, status, body), so that at
 * the end the test can check what each role must never have seen across all of them.
 */
final class Recorder {
  /** One request and its answer. */
  record Exchange(String user, String phase, String method, String path, int status, String body) {

    @Override
    public String toString() {
      return user + " " + method + " " + path + " -> " + status;
    }
  }

  private final Platform platform;
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private volatile String phase = "blinded";

  Recorder(Platform platform) {
    this.platform = platform;
  }

  /** From now on answers are recorded under this phase (e.g. "unblinded"). */
  void phase(String phase) {
    this.phase = phase;
  }

  RequestSpecification as(String user) {
    return Scenario.as(platform, user).filter(recording(user));
  }

  RequestSpecification anonymous(int host) {
    return Scenario.anonymousFrom(platform, host).filter(recording("anonymous"));
  }

  private io.restassured.filter.Filter recording(String user) {
    return (request, response, context) -> {
      var answer = context.next(request, response);
      exchanges.add(
          new Exchange(
              user,
              phase,
              request.getMethod(),
              request.getURI().replace(platform.gatewayUrl(), ""),
              answer.getStatusCode(),
              answer.asString()));
      return answer;
    };
  }

  List<Exchange> of(Predicate<Exchange> which) {
    return exchanges.stream().filter(which).toList();
  }

  int size() {
    return exchanges.size();
  }

  // ---------------------------------------------------------------- what a body reveals

  /**
   * Where a JSON body names an arm: a non-null field {@code arm}/{@code arms}, a key "MDMA" or
   * "PLACEBO" (a by-arm group), or the value "MDMA"/"PLACEBO" in any field but {@code guess} (a
   * blinded rater's own guess is not an allocation).
   */
  static List<String> armsIn(String body) {
    var found = new ArrayList<String>();
    var trimmed = body == null ? "" : body.trim();
    if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
      if (trimmed.contains("MDMA\"") || trimmed.contains("PLACEBO")) {
        found.add("non-JSON body naming an arm");
      }
      return found;
    }
    Object root;
    try {
      root = JsonPath.from(trimmed).get("$");
    } catch (RuntimeException e) {
      return found;
    }
    walk(root, "$", null, found);
    return found;
  }

  private static void walk(Object node, String path, String field, List<String> found) {
    if (node instanceof Map<?, ?> map) {
      for (var entry : map.entrySet()) {
        var key = String.valueOf(entry.getKey());
        // An empty arm field (e.g. a dispense in the kit ledger's audit) discloses nothing.
        if ((key.equalsIgnoreCase("arm") || key.equalsIgnoreCase("arms"))
            && entry.getValue() != null) {
          found.add(path + "." + key + " = " + entry.getValue());
        }
        if (key.equals("MDMA") || key.equals("PLACEBO")) {
          found.add(path + "." + key + " (group key)");
        }
        walk(entry.getValue(), path + "." + key, key, found);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", field, found);
      }
    } else if (node instanceof String text
        && (text.equals("MDMA") || text.equals("PLACEBO"))
        && !"guess".equals(field)) {
      found.add(path + " = " + text);
    }
  }
}
