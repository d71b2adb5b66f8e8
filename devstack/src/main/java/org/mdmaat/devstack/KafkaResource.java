package org.mdmaat.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The JVM-wide {@link KafkaBroker} for a {@code @QuarkusTest}. {@link #stop()} leaves the broker
 * running for the next test class; it stops at JVM exit.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    var bootstrap = KafkaBroker.shared().bootstrapServers();
    // Credentials: each service connects as itself (platform's kafka.sasl.* settings, with the
    // dev-only password of KafkaAccess in the test profile).
    return Map.of(
        "kafka.bootstrap.servers", bootstrap,
        "mp.messaging.connector.smallrye-kafka.bootstrap.servers", bootstrap);
  }

  @Override
  public void stop() {
    // The shared broker outlives each test class; a shutdown hook stops it.
  }
}
