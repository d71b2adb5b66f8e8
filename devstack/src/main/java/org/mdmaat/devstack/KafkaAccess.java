package org.mdmaat.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on devstack's Kafka. Every client authenticates (SASL SCRAM-SHA-256) as one
 * principal; each service writes only its own topics (those named after it: {@code safety.*} is
 * safety-service's), reads only the topics it consumes, writes only their dead-letter twins and
 * commits only its own consumer group. {@link #ADMIN} is devstack's own (a super user): it creates
 * the ACLs, and tests use it to play another service's part.
 *
 * <p>The passwords are dev-only ({@code dev-<principal>-kafka}); deployments give each service its
 * own (deploy/README.md).
 */
public final class KafkaAccess {
  public static final String ADMIN = "admin";
  static final String MECHANISM = "SCRAM-SHA-256";

  private KafkaAccess() {}

  /** What one principal may do. */
  record Grant(String principal, String ownPrefix, List<String> consumes) {}

  static final List<Grant> GRANTS =
      List.of(
          new Grant(
              "recruitment-service",
              "recruitment.",
              List.of("safety.signals", "outcomes.data-locks")),
          new Grant(
              "session-service",
              "session.",
              List.of("recruitment.participants", "recruitment.trials", "safety.dosing-holds")),
          new Grant("safety-service", "safety.", List.of("session.sessions")),
          new Grant(
              "outcomes-service",
              "outcomes.",
              List.of("recruitment.participants", "recruitment.trials", "session.sessions")),
          // platform's own tests: a small application of their own.
          new Grant("platform-test", "platform-test.", List.of()));

  /** The platform's topics (deploy/README.md): created with their dead-letter twins at start. */
  static final List<String> TOPICS =
      List.of(
          "recruitment.participants",
          "recruitment.trials",
          "session.sessions",
          "safety.dosing-holds",
          "safety.signals",
          "outcomes.assessments",
          "outcomes.data-locks");

  /**
   * The topics to create before any service connects: a consumer may read a topic but not create
   * it, and the broker answers a missing topic it may not create as an authorization failure.
   */
  static List<NewTopic> topicsToCreate() {
    var topics = new ArrayList<NewTopic>();
    for (var topic : TOPICS) {
      topics.add(new NewTopic(topic, 1, (short) 1));
      topics.add(new NewTopic(topic + ".dlq", 1, (short) 1));
    }
    return topics;
  }

  /** Every principal with a SCRAM credential, the admin first. */
  static List<String> principals() {
    var all = new ArrayList<String>();
    all.add(ADMIN);
    GRANTS.forEach(grant -> all.add(grant.principal()));
    return all;
  }

  /** The dev-only password of {@code principal}. */
  public static String password(String principal) {
    return "dev-" + principal + "-kafka";
  }

  static String scramJaas(String principal) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + principal
        + "\" password=\""
        + password(principal)
        + "\";";
  }

  /** kafka-clients settings to connect as {@code principal}. */
  public static Map<String, String> clientConfig(String principal) {
    return Map.of(
        "security.protocol",
        "SASL_PLAINTEXT",
        "sasl.mechanism",
        MECHANISM,
        "sasl.jaas.config",
        scramJaas(principal));
  }

  /** A test's producer, consumer or admin client settings, as {@link #ADMIN}, at {@code broker}. */
  public static Properties adminClient(String bootstrapServers) {
    var properties = new Properties();
    properties.put("bootstrap.servers", bootstrapServers);
    properties.putAll(clientConfig(ADMIN));
    return properties;
  }

  /** The ACLs of {@link #GRANTS}. */
  static List<AclBinding> bindings() {
    var bindings = new ArrayList<AclBinding>();
    for (var grant : GRANTS) {
      var user = "User:" + grant.principal();
      var own = new ResourcePattern(ResourceType.TOPIC, grant.ownPrefix(), PatternType.PREFIXED);
      for (var operation : List.of(AclOperation.WRITE, AclOperation.CREATE, AclOperation.READ)) {
        // READ of its own topics: the outbox relay and the tests read back what was sent.
        bindings.add(allow(own, user, operation));
      }
      for (var topic : grant.consumes()) {
        bindings.add(
            allow(
                new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                user,
                AclOperation.READ));
        var deadLetter =
            new ResourcePattern(ResourceType.TOPIC, topic + ".dlq", PatternType.LITERAL);
        bindings.add(allow(deadLetter, user, AclOperation.WRITE));
        bindings.add(allow(deadLetter, user, AclOperation.CREATE));
      }
      bindings.add(
          allow(
              new ResourcePattern(ResourceType.GROUP, grant.principal(), PatternType.LITERAL),
              user,
              AclOperation.READ));
      // The group whose offsets remember what the service's dead-letter redrive replayed (its
      // own topics' dead-letter twins, platform DeadLetters).
      bindings.add(
          allow(
              new ResourcePattern(
                  ResourceType.GROUP, grant.principal() + ".redrive", PatternType.LITERAL),
              user,
              AclOperation.READ));
    }
    return bindings;
  }

  private static AclBinding allow(ResourcePattern pattern, String user, AclOperation operation) {
    return new AclBinding(
        pattern, new AccessControlEntry(user, "*", operation, AclPermissionType.ALLOW));
  }
}
