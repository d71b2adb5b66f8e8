package org.mdmaat.devstack;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A single-node Kafka (KRaft, broker and controller in one) in a child JVM, so that the server's
 * Scala classpath never meets a Quarkus test's, and so that a test can stop it and start it again
 * on the same ports and log directory.
 *
 * <p>The child's classpath is {@code devstack/kafka.classpath}, written at build time by the
 * dependency plugin (the Kafka server is an optional dependency of devstack).
 */
public final class KafkaBroker {
  private static final String COMPONENT = "kafka";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  // Written beside the data once it was formatted with the principals' credentials.
  private static final String SECURED_MARKER = "secured";
  private static KafkaBroker shared;

  /** Non-null in a copy of this class that is not the JVM-wide owner (see {@link JvmWide}). */
  private final Object owner;

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final boolean temporary;
  private ChildProcess process;

  private KafkaBroker(Object owner, Path dir, int port, int controllerPort, boolean temporary) {
    this.owner = owner;
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.temporary = temporary;
  }

  /**
   * The JVM-wide broker on free ports with a throw-away log directory under {@code
   * target/devstack}, started on first use and stopped at JVM exit.
   */
  public static synchronized KafkaBroker shared() {
    if (shared == null) {
      var owner = JvmWide.ownersShared(KafkaBroker.class);
      shared =
          owner != null
              ? new KafkaBroker(owner, null, 0, 0, false)
              : launch(
                  Workspace.newDirectory("kafka"),
                  Workspace.freePort(),
                  Workspace.freePort(),
                  true);
    }
    return shared;
  }

  /**
   * A broker listening on {@code port} that keeps its logs (topics) in {@code dir} across starts;
   * its controller takes another free port. Stopped by {@link #stop()} or at JVM exit.
   */
  public static KafkaBroker start(Path dir, int port) {
    var absolute = dir.toAbsolutePath().normalize();
    return launch(
        absolute, port, previousControllerPort(absolute).orElseGet(Workspace::freePort), false);
  }

  /** {@code localhost:PORT}. */
  public String bootstrapServers() {
    if (owner != null) {
      return (String) JvmWide.call(owner, "bootstrapServers");
    }
    return "localhost:" + port;
  }

  public int port() {
    if (owner != null) {
      return (Integer) JvmWide.call(owner, "port");
    }
    return port;
  }

  public synchronized boolean isRunning() {
    if (owner != null) {
      return (Boolean) JvmWide.call(owner, "isRunning");
    }
    return process != null && process.isAlive();
  }

  /**
   * Starts the broker again after {@link #stop()}, on the same ports and log directory, and returns
   * once it answers. Does nothing if it is running.
   */
  public synchronized void start() {
    if (owner != null) {
      JvmWide.call(owner, "start");
      return;
    }
    if (isRunning()) {
      return;
    }
    var started = System.nanoTime();
    ProgressLog.step(COMPONENT, "starting Kafka on port " + port + " (logs " + dir + ")");
    if (!Files.exists(dataDir().resolve("meta.properties"))
        || !Files.exists(dir.resolve(SECURED_MARKER))) {
      // Never formatted, or formatted before the broker required credentials: start afresh.
      Workspace.deleteTree(dataDir());
      format();
      Workspace.write(dir.resolve(SECURED_MARKER), "SASL SCRAM-SHA-256 with ACLs\n");
    }
    process =
        ChildProcess.start(
            COMPONENT, javaCommand("kafka.Kafka", config().toString()), dir, log(), env -> {});
    awaitReady();
    ProgressLog.done(COMPONENT, "ready on " + bootstrapServers(), started);
  }

  /** A controlled shutdown: what was acknowledged is on disk and is served again after start. */
  public synchronized void stop() {
    if (owner != null) {
      JvmWide.call(owner, "stop");
      return;
    }
    if (process != null) {
      process.stop(STOP_GRACE);
      process = null;
      ProgressLog.step(COMPONENT, "stopped (port " + port + ")");
    }
  }

  /** {@link #stop()} then {@link #start()}: the "broker down, then back" of fault tests. */
  public synchronized void restart() {
    if (owner != null) {
      JvmWide.call(owner, "restart");
      return;
    }
    stop();
    start();
  }

  private static KafkaBroker launch(Path dir, int port, int controllerPort, boolean temporary) {
    var broker = new KafkaBroker(null, dir, port, controllerPort, temporary);
    Runtime.getRuntime().addShutdownHook(new Thread(broker::stopAtExit, "devstack-kafka-stop"));
    broker.writeConfig();
    broker.start();
    return broker;
  }

  private void stopAtExit() {
    try {
      stop();
      if (temporary) {
        Workspace.deleteTree(dataDir());
      }
    } catch (RuntimeException e) {
      System.err.println("[devstack] kafka: stop failed: " + e);
    }
  }

  /**
   * The controller port of an earlier start in {@code dir}, if it is free: the launcher keeps it.
   */
  private static Optional<Integer> previousControllerPort(Path dir) {
    var config = dir.resolve("server.properties");
    if (!Files.exists(config)) {
      return Optional.empty();
    }
    var properties = new Properties();
    try (var in = Files.newBufferedReader(config)) {
      properties.load(in);
      var voters = properties.getProperty("controller.quorum.voters", "");
      var port = Integer.parseInt(voters.substring(voters.lastIndexOf(':') + 1).trim());
      return accepts(port) ? Optional.empty() : Optional.of(port);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private void writeConfig() {
    var listeners =
        "SASL_PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort;
    var admin = KafkaAccess.ADMIN;
    var adminPassword = KafkaAccess.password(admin);
    var config =
        String.join(
            "\n",
            "# Written by devstack's KafkaBroker at every start.",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@localhost:" + controllerPort,
            "listeners=" + listeners,
            "advertised.listeners=SASL_PLAINTEXT://localhost:" + port,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=SASL_PLAINTEXT",
            "listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
            // Every client authenticates: SCRAM on the broker port (credentials written at format
            // time, KafkaAccess), PLAIN for the controller (SCRAM needs the metadata it serves).
            "sasl.mechanism.inter.broker.protocol=" + KafkaAccess.MECHANISM,
            "sasl.mechanism.controller.protocol=PLAIN",
            "listener.name.sasl_plaintext.sasl.enabled.mechanisms=" + KafkaAccess.MECHANISM,
            "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config="
                + KafkaAccess.scramJaas(admin),
            "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
            "listener.name.controller.plain.sasl.jaas.config="
                + "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + admin
                + "\" password=\""
                + adminPassword
                + "\" user_"
                + admin
                + "=\""
                + adminPassword
                + "\";",
            // ... and may do only what its ACLs allow (KafkaAccess); nothing without one.
            "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "super.users=User:" + admin,
            "allow.everyone.if.no.acl.found=false",
            "log.dirs=" + dataDir(),
            "num.partitions=1",
            "auto.create.topics.enable=true",
            // One node: every internal topic has a single replica (and few partitions, to start
            // fast).
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "transaction.state.log.num.partitions=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "");
    Workspace.write(config(), config);
    Workspace.write(
        dir.resolve("log4j2.properties"), Workspace.resourceText("kafka-log4j2.properties"));
  }

  private void format() {
    var arguments =
        new ArrayList<>(
            List.of(
                "format",
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--config",
                config().toString(),
                "--ignore-formatted"));
    for (var principal : KafkaAccess.principals()) {
      arguments.add("--add-scram");
      arguments.add(
          KafkaAccess.MECHANISM
              + "=[name="
              + principal
              + ",password="
              + KafkaAccess.password(principal)
              + "]");
    }
    var command = javaCommand("kafka.tools.StorageTool", arguments.toArray(String[]::new));
    var formatter = ChildProcess.start(COMPONENT + "-format", command, dir, log(), env -> {});
    var exit = formatter.waitFor(Duration.ofSeconds(60));
    formatter.stop(Duration.ofSeconds(5));
    if (exit.orElse(-1) != 0 || !Files.exists(dataDir().resolve("meta.properties"))) {
      throw new IllegalStateException(
          "Formatting " + dataDir() + " failed:\n" + formatter.logTail(30));
    }
  }

  private void awaitReady() {
    var deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    // Wait for the port first: an admin client polling a closed port logs a warning per attempt.
    while (!accepts(port)) {
      checkAlive(deadline);
      sleep(100);
    }
    var properties = KafkaAccess.adminClient(bootstrapServers());
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    try (var admin = Admin.create(properties)) {
      while (true) {
        try {
          var nodes =
              admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000)).nodes().get();
          if (!nodes.isEmpty()) {
            // Idempotent: a restart finds them already there.
            admin.createAcls(KafkaAccess.bindings()).all().get();
            createTopics(admin);
            process.recordPids();
            return;
          }
        } catch (ExecutionException e) {
          // Not ready yet.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
        checkAlive(deadline);
        sleep(200);
      }
    }
  }

  /** The platform's topics, as production has them before any service starts. */
  private static void createTopics(Admin admin) throws InterruptedException, ExecutionException {
    var wanted = KafkaAccess.topicsToCreate();
    var existing = admin.listTopics().names().get();
    var missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
    if (!missing.isEmpty()) {
      try {
        admin.createTopics(missing).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }

  private void checkAlive(long deadline) {
    if (!process.isAlive() || System.nanoTime() > deadline) {
      var reason =
          process.isAlive()
              ? "did not answer within " + START_TIMEOUT.toSeconds() + " s"
              : "exited";
      var tail = process.logTail(40);
      process.stop(STOP_GRACE);
      process = null;
      throw new IllegalStateException("Kafka " + reason + " (log " + log() + "):\n" + tail);
    }
  }

  private List<String> javaCommand(String mainClass, String... args) {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xms64m",
            "-Xmx384m",
            "-XX:+UseSerialGC",
            // C1 only: the broker starts sooner and tests never load it enough to miss C2.
            "-XX:TieredStopAtLevel=1",
            "-Djava.awt.headless=true",
            "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
            // Kafka's own shutdown hook logs to the end; log4j's would stop logging first.
            "-Dlog4j2.shutdownHookEnabled=false",
            "-cp",
            classpath(),
            mainClass));
    command.addAll(List.of(args));
    return command;
  }

  private static String classpath() {
    var classpath = Workspace.resourceText("kafka.classpath").trim();
    for (var entry : classpath.split(File.pathSeparator)) {
      if (!Files.exists(Path.of(entry))) {
        throw new IllegalStateException(
            "The Kafka server jar "
                + entry
                + " is missing; rebuild devstack (mvn -pl devstack install)");
      }
    }
    return classpath;
  }

  private Path config() {
    return dir.resolve("server.properties");
  }

  private Path dataDir() {
    return dir.resolve("data");
  }

  private Path log() {
    return dir.resolve("kafka.log");
  }

  private static boolean accepts(int port) {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Kafka", e);
    }
  }

  @Override
  public String toString() {
    return "KafkaBroker[" + (owner != null ? owner : bootstrapServers()) + "]";
  }
}
