package org.mdmaat.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes before/after states as compact JSON with every object's keys sorted, so that equal states
 * give equal text (and equal hashes) whatever the field or map order was. Uses the application's
 * ObjectMapper (its modules and date format) on a copy, so the application's own mapper is left as
 * it is.
 */
final class StateJson {
  private final ObjectMapper sorted;

  @SuppressWarnings("deprecation") // configure(MapperFeature) is the only way on a plain copy
  StateJson(ObjectMapper application) {
    this.sorted =
        application
            .copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.INDENT_OUTPUT, false);
  }

  /** The state as sorted JSON text, or null for no state. */
  String write(Object state) {
    if (state == null) {
      return null;
    }
    try {
      // Through a tree so that JsonNode states and @JsonPropertyOrder'ed classes are sorted too.
      JsonNode tree = sorted.valueToTree(state);
      return sorted.writeValueAsString(sort(tree));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "audit state of type " + state.getClass().getName() + " cannot be written as JSON", e);
    }
  }

  private JsonNode sort(JsonNode node) {
    if (node instanceof ObjectNode object) {
      var fields = new TreeMap<String, JsonNode>();
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        fields.put(field.getKey(), sort(field.getValue()));
      }
      ObjectNode copy = sorted.createObjectNode();
      fields.forEach(copy::set);
      return copy;
    }
    if (node instanceof ArrayNode array) {
      var items = new ArrayList<JsonNode>(array.size());
      array.forEach(item -> items.add(sort(item)));
      ArrayNode copy = sorted.createArrayNode();
      copy.addAll(items);
      return copy;
    }
    return node;
  }
}
