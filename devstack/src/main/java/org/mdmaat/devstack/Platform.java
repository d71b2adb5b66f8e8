package org.mdmaat.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole platform on one machine: PostgreSQL (a database per service), Kafka, Keycloak and the
 * five packaged services. Used by the local launcher and by system-tests.
 */
public final class Platform implements AutoCloseable {

  /** The services in start order: the gateway last, once everything behind it answers. */
  public enum Service {
    RECRUITMENT("recruitment-service", "recruitment", "recruitment"),
    SAFETY("safety-service", "safety", "safety"),
    SESSION("session-service", "session", "sessions"),
    OUTCOMES("outcomes-service", "outcomes", "outcomes"),
    GATEWAY("gateway", null, null);

    final String module;
    final String database;
    final String route;

    Service(String module, String database, String route) {
      this.module = module;
      this.database = database;
      this.route = route;
    }

    public String module() {
      return module;
    }

    /** Its database (null for the gateway). */
    public String database() {
      return database;
    }

    /** The realm's dev-only secret of the service's own Keycloak client (deploy/keycloak). */
    public String devClientSecret() {
      return "dev-" + module + "-secret";
    }
  }

  /** Ports of every component. */
  public record Ports(
      int gateway,
      int recruitment,
      int session,
      int safety,
      int outcomes,
      int postgres,
      int kafka,
      int keycloak,
      Map<Service, Integer> management) {

    /** The documented local ports (README); health and metrics on 9080–9084. */
    public static Ports local() {
      var management = new EnumMap<Service, Integer>(Service.class);
      management.put(Service.GATEWAY, 9080);
      management.put(Service.RECRUITMENT, 9081);
      management.put(Service.SESSION, 9082);
      management.put(Service.SAFETY, 9083);
      management.put(Service.OUTCOMES, 9084);
      return new Ports(8080, 8081, 8082, 8083, 8084, 15432, 19092, 18080, management);
    }

    /** Free ports picked now, for tests that run beside anything else. */
    public static Ports free() {
      var management = new EnumMap<Service, Integer>(Service.class);
      for (var service : Service.values()) {
        management.put(service, free1());
      }
      return new Ports(
          free1(), free1(), free1(), free1(), free1(), free1(), free1(), free1(), management);
    }

    /** The service's management port: health and metrics, apart from its API. */
    public int management(Service service) {
      return management.get(service);
    }

    int of(Service service) {
      return switch (service) {
        case GATEWAY -> gateway;
        case RECRUITMENT -> recruitment;
        case SESSION -> session;
        case SAFETY -> safety;
        case OUTCOMES -> outcomes;
      };
    }

    /** A port free now. */
    public static int freePort() {
      return free1();
    }

    private static int free1() {
      return Workspace.freePort();
    }
  }

  private final Path root;
  private final Path work;
  private final Ports ports;
  private final PostgresServer postgres;
  private final KafkaBroker kafka;
  private final KeycloakServer keycloak;
  private final Map<Service, ServiceProcess> services = new LinkedHashMap<>();
  private final Options options;

  /**
   * A service's whole process environment, made once PostgreSQL, Kafka and Keycloak run (so it may
   * create the service's database and read their ports). system-tests' deployment rehearsal makes
   * it from the rendered Kubernetes manifests.
   */
  @FunctionalInterface
  public interface Environments {
    Map<String, String> of(Service service, Platform platform);
  }

  /**
   * How the services are configured.
   *
   * @param seedDemoTrial recruitment-service seeds the demo trial (the local launcher)
   * @param settings added to each domain service's devstack settings (system properties), e.g. a
   *     shorter audit checkpoint interval for tests
   * @param environments null for devstack's own settings ({@link #configOf}: system properties,
   *     this JVM's environment inherited); otherwise each service gets exactly this environment
   *     plus where it listens ({@link #listenEnvironment}), and neither devstack's settings nor
   *     {@code settings} apply
   */
  public record Options(
      boolean seedDemoTrial, Map<String, String> settings, Environments environments) {
    public Options {
      settings = Map.copyOf(settings);
    }

    public static Options defaults() {
      return new Options(false, Map.of(), null);
    }

    public Options withSettings(Map<String, String> domainServiceSettings) {
      return new Options(seedDemoTrial, domainServiceSettings, environments);
    }

    public Options withEnvironments(Environments given) {
      return new Options(seedDemoTrial, settings, given);
    }
  }

  private Platform(
      Path root,
      Path work,
      Ports ports,
      PostgresServer postgres,
      KafkaBroker kafka,
      KeycloakServer keycloak,
      Options options) {
    this.root = root;
    this.options = options;
    this.work = work;
    this.ports = ports;
    this.postgres = postgres;
    this.kafka = kafka;
    this.keycloak = keycloak;
  }

  /**
   * Starts everything.
   *
   * @param root the repository root (where each module's target/quarkus-app lives)
   * @param work where data and logs go
   */
  public static Platform start(Path root, Path work, Ports ports) {
    return start(root, work, ports, false);
  }

  /**
   * Starts everything; with {@code seedDemoTrial} recruitment-service seeds the demo trial (the
   * local run command does; tests never depend on it).
   */
  public static Platform start(Path root, Path work, Ports ports, boolean seedDemoTrial) {
    return start(root, work, ports, new Options(seedDemoTrial, Map.of(), null));
  }

  /** Starts everything, the services configured as {@code options} says. */
  public static Platform start(Path root, Path work, Ports ports, Options options) {
    // Persistent data apart from devstack.dir, where zonky keeps (and prunes) its binaries.
    var postgresData = work.resolve("data/postgres");
    var rolesMarker = work.resolve("data/postgres.roles");
    if (!Files.exists(rolesMarker)) {
      // Made before the services ran as a role of their own (tables owned by the superuser, which
      // the owner role could not migrate): the demo data is seeded afresh.
      Workspace.deleteTree(postgresData);
      Workspace.deleteTree(work.resolve("data/audit"));
    }
    var postgres = PostgresServer.start(postgresData, ports.postgres());
    Workspace.write(rolesMarker, "owner and runtime role per database\n");
    var kafka = KafkaBroker.start(work.resolve("data/kafka"), ports.kafka());
    var keycloak = KeycloakServer.start(ports.keycloak());
    var platform = new Platform(root, work, ports, postgres, kafka, keycloak, options);
    try {
      for (var service : Service.values()) {
        platform.startService(service);
      }
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
    return platform;
  }

  /** Starts (or restarts after {@link #stopService}) one service and waits until it is ready. */
  public synchronized void startService(Service service) {
    var running = services.get(service);
    if (running != null) {
      running.start();
      return;
    }
    long started = System.nanoTime();
    var jar = root.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
    Map<String, String> config;
    Map<String, String> environment = null;
    if (options.environments() != null) {
      config = Map.of();
      environment = new LinkedHashMap<>(options.environments().of(service, this));
      environment.putAll(listenEnvironment(service));
    } else {
      config = configOf(service);
    }
    var process =
        ServiceProcess.start(
            service.module,
            jar,
            config,
            environment,
            work.resolve("logs").resolve(service.module + ".log"),
            ports.of(service),
            ports.management(service));
    services.put(service, process);
    System.out.printf(
        "[devstack] %-20s ready on %s (%.1f s)%n",
        service.module, process.url(), (System.nanoTime() - started) / 1e9);
  }

  public synchronized void stopService(Service service) {
    var process = services.get(service);
    if (process != null) {
      process.stop();
    }
  }

  // gRPC is served on each service's HTTP port.
  private static void grpcClient(Map<String, String> config, String client, int port) {
    config.put("quarkus.grpc.clients." + client + ".host", "localhost");
    config.put("quarkus.grpc.clients." + client + ".port", Integer.toString(port));
  }

  /**
   * Where a service started from a given environment listens: its own free ports, on loopback (the
   * gateway on every interface, as {@link #configOf} has it). In a cluster each pod has its own
   * address, so the manifests' fixed ports (8081..., management 9000) cannot all be used on one
   * machine; these are the only settings added to a given environment.
   */
  public Map<String, String> listenEnvironment(Service service) {
    return listenEnvironment(service, ports.of(service), ports.management(service));
  }

  /** {@link #listenEnvironment(Service)} on the given ports. */
  public static Map<String, String> listenEnvironment(
      Service service, int port, int managementPort) {
    var listen = new LinkedHashMap<String, String>();
    listen.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    if (service != Service.GATEWAY) {
      listen.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    }
    listen.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
    listen.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
    return listen;
  }

  private Map<String, String> configOf(Service service) {
    var config = new LinkedHashMap<String, String>();
    config.put("quarkus.http.port", Integer.toString(ports.of(service)));
    config.put("quarkus.oidc.auth-server-url", keycloak.realmUrl());
    config.put("quarkus.management.port", Integer.toString(ports.management(service)));
    config.put("quarkus.management.host", "127.0.0.1");
    // The packaged jars run in the prod profile, which logs JSON lines: text for people here.
    config.put("%prod.platform.log.json", "false");
    if (service != Service.GATEWAY) {
      // Only the gateway (and Keycloak) is for a browser: services listen on loopback alone.
      config.put("quarkus.http.host", "127.0.0.1");
      // The realm's dev-only secret of the service's own client; deployments set it from a secret.
      config.put("quarkus.oidc-client.credentials.secret", service.devClientSecret());
    }
    if (service.database != null) {
      // The runtime role for the service, the owner role for Flyway.
      config.putAll(postgres.serviceConfigWithAuditKeys(service.database));
      config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
      config.put("platform.kafka.password", KafkaAccess.password(service.module));
      config.putAll(options.settings());
    }
    switch (service) {
      case RECRUITMENT -> {
        grpcClient(config, "screening-assessments", ports.outcomes());
        if (options.seedDemoTrial()) {
          config.put("recruitment.demo.seed", "true");
        }
      }
      case SESSION -> {
        grpcClient(config, "participant-directory", ports.recruitment());
        grpcClient(config, "safety-gate", ports.safety());
      }
      case SAFETY -> grpcClient(config, "participant-directory", ports.recruitment());
      case OUTCOMES -> {
        grpcClient(config, "participant-directory", ports.recruitment());
        grpcClient(config, "treatment-team", ports.session());
      }
      case GATEWAY -> {
        // No proxy in front here: trust an address nothing connects from, so the TCP peer counts.
        config.put("quarkus.http.proxy.trusted-proxies", "192.0.2.1");
        // A trial portal developed locally (production names its own origin, no default there).
        config.put("gateway.cors-origins", "http://localhost:3000");
        for (var routed : Service.values()) {
          if (routed.route != null) {
            config.put(
                "gateway.routes." + routed.route + ".url", "http://localhost:" + ports.of(routed));
          }
        }
      }
      default -> {}
    }
    return config;
  }

  public String gatewayUrl() {
    return "http://localhost:" + ports.gateway();
  }

  /** A service's API (and gRPC) address, e.g. for calls that bypass the gateway. */
  public String serviceUrl(Service service) {
    return "http://localhost:" + ports.of(service);
  }

  /** A service's management address: health and metrics only. */
  public String managementUrl(Service service) {
    return "http://localhost:" + ports.management(service);
  }

  public PostgresServer postgres() {
    return postgres;
  }

  public KafkaBroker kafka() {
    return kafka;
  }

  public KeycloakServer keycloak() {
    return keycloak;
  }

  public Ports ports() {
    return ports;
  }

  @Override
  public synchronized void close() {
    var reversed = new java.util.ArrayList<>(services.values());
    java.util.Collections.reverse(reversed);
    reversed.forEach(ServiceProcess::stop);
    services.clear();
    keycloak.stop();
    kafka.stop();
    postgres.stop();
  }
}
