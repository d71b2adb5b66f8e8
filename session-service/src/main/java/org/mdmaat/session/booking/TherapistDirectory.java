package org.mdmaat.session.booking;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.mdmaat.platform.calls.ServiceIdentity;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.problem.RuleViolation;
import org.mdmaat.platform.problem.ServiceUnavailable;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.session.Problems;

/**
 * Who may be booked: Keycloak accounts with the {@code therapist} realm role that work at the
 * session's site (user attribute {@code sites}, the tokens' {@code sites} claim). Asked through
 * Keycloak's Admin REST API with this service's own service account (client credentials; needs
 * {@code realm-management} {@code view-users}).
 *
 * <p>A request names each therapist by username (any case) or by user id. Every refusal is a 422
 * whose code says why and whose violations say who ({@code therapists[i]}); when Keycloak cannot be
 * asked, or answers anything unexpected, the booking is refused with 503: an unverified therapist
 * is never booked.
 */
@ApplicationScoped
public class TherapistDirectory {

  private static final Logger LOG = Logger.getLogger(TherapistDirectory.class);
  private static final Pattern USER_ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final WebClient web;
  private final String adminUrl;
  private final TherapistDirectoryConfig config;
  private final ServiceIdentity identity;

  /** An account as Keycloak answered; {@code null} where there is none. */
  record Account(
      String sub, String username, boolean enabled, Set<String> realmRoles, Set<String> sites) {}

  TherapistDirectory(Vertx vertx, TherapistDirectoryConfig config, ServiceIdentity identity) {
    this.config = config;
    this.identity = identity;
    var realmUrl = config.realmUrl().replaceAll("/+$", "");
    int at = realmUrl.lastIndexOf("/realms/");
    if (at < 0) {
      throw new IllegalArgumentException(
          "session.therapists.realm-url must end in /realms/<realm>: " + realmUrl);
    }
    this.adminUrl =
        realmUrl.substring(0, at) + "/admin/realms/" + realmUrl.substring(at + "/realms/".length());
    this.web =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setUserAgent("session-service"));
  }

  @PreDestroy
  void close() {
    web.close();
  }

  /**
   * The accounts {@code requested} name, in order, each a therapist at {@code siteCode} and each a
   * different person. Fails with {@link RuleViolation} (422) naming every therapist refused and
   * why, or {@link ServiceUnavailable} (503) when Keycloak cannot tell.
   */
  public Uni<List<BookedTherapist>> resolve(List<String> requested, String siteCode) {
    var lookups = requested.stream().map(this::lookup).toList();
    return Uni.join()
        .all(lookups)
        .andFailFast()
        .onFailure(failure -> !(failure instanceof Problem))
        .transform(
            failure -> {
              LOG.warnf("Therapists %s could not be verified in Keycloak: %s", requested, failure);
              return Problems.KEYCLOAK_UNAVAILABLE.problem(
                  "The therapists cannot be verified now (Keycloak did not answer): nothing was"
                      + " booked; try again later");
            })
        .map(accounts -> judge(requested, accounts, siteCode));
  }

  static List<BookedTherapist> judge(
      List<String> requested, List<Account> accounts, String siteCode) {
    var violations = new ArrayList<Violation>();
    Problems firstCode = null;
    for (int i = 0; i < requested.size(); i++) {
      var name = requested.get(i);
      var account = accounts.get(i);
      Problems code;
      String why;
      if (account == null) {
        code = Problems.THERAPIST_UNKNOWN;
        why = "no such account";
      } else if (!account.enabled()) {
        code = Problems.THERAPIST_DISABLED;
        why = "the account is disabled";
      } else if (!account.realmRoles().contains(Roles.THERAPIST)) {
        code = Problems.THERAPIST_ROLE;
        why = "not a therapist (no therapist role)";
      } else if (!account.sites().contains(siteCode)) {
        code = Problems.THERAPIST_SITE;
        why = "does not work at " + siteCode;
      } else {
        continue;
      }
      firstCode = firstCode == null ? code : firstCode;
      violations.add(new Violation("therapists[" + i + "]", name + ": " + why));
    }
    if (!violations.isEmpty()) {
      throw firstCode.problem(
          "Not bookable as therapists: "
              + String.join("; ", violations.stream().map(Violation::message).toList()),
          violations);
    }
    var seen = new HashMap<String, Integer>();
    var booked = new ArrayList<BookedTherapist>();
    for (int i = 0; i < requested.size(); i++) {
      var account = accounts.get(i);
      var earlier = seen.putIfAbsent(account.sub(), i);
      if (earlier != null) {
        throw twice(i, requested.get(i), earlier, requested.get(earlier));
      }
      booked.add(new BookedTherapist(account.sub(), account.username()));
    }
    return booked;
  }

  /**
   * Refuses a list naming one person twice, compared case-insensitively, before Keycloak is asked.
   * (Two different spellings of one account, e.g. username and user id, are caught by subject in
   * {@link #resolve}.)
   */
  public static void requireDistinctNames(List<String> requested) {
    var seen = new HashMap<String, Integer>();
    for (int i = 0; i < requested.size(); i++) {
      var earlier = seen.putIfAbsent(requested.get(i).toLowerCase(Locale.ROOT), i);
      if (earlier != null) {
        throw twice(i, requested.get(i), earlier, requested.get(earlier));
      }
    }
  }

  private static Problem twice(int i, String name, int earlier, String earlierName) {
    var message = name + ": the same person as therapists[" + earlier + "] (" + earlierName + ")";
    return Problems.THERAPIST_TWICE.problem(
        "A therapist is named twice: " + message,
        List.of(new Violation("therapists[" + i + "]", message)));
  }

  /** The account {@code name} names (username, else user id), with its effective realm roles. */
  Uni<Account> lookup(String name) {
    return byUsername(name)
        .chain(
            found ->
                found == null && USER_ID.matcher(name).matches()
                    ? byId(name.toLowerCase(Locale.ROOT))
                    : Uni.createFrom().item(found))
        .chain(
            user -> {
              if (user == null) {
                return Uni.createFrom().nullItem();
              }
              var sub = user.getString("id");
              return get(adminUrl + "/users/" + sub + "/role-mappings/realm/composite", Map.of())
                  .map(
                      response -> {
                        expect(response, 200, "effective realm roles of " + sub);
                        var roles = new HashSet<String>();
                        for (var role : response.bodyAsJsonArray()) {
                          roles.add(((JsonObject) role).getString("name"));
                        }
                        return account(user, roles);
                      });
            });
  }

  private Uni<JsonObject> byUsername(String name) {
    var username = name.toLowerCase(Locale.ROOT);
    return get(
            adminUrl + "/users",
            Map.of("username", username, "exact", "true", "briefRepresentation", "false"))
        .map(
            response -> {
              expect(response, 200, "user search");
              JsonArray users = response.bodyAsJsonArray();
              for (var one : users) {
                var user = (JsonObject) one;
                if (username.equalsIgnoreCase(user.getString("username"))) {
                  return user;
                }
              }
              return null;
            });
  }

  private Uni<JsonObject> byId(String id) {
    // Validated as a UUID above, so safe in the path.
    UUID.fromString(id);
    return get(adminUrl + "/users/" + id, Map.of())
        .map(
            response -> {
              if (response.statusCode() == 404) {
                return null;
              }
              expect(response, 200, "user " + id);
              return response.bodyAsJsonObject();
            });
  }

  private static Account account(JsonObject user, Set<String> roles) {
    var sites = new HashSet<String>();
    var attributes = user.getJsonObject("attributes");
    var values = attributes == null ? null : attributes.getJsonArray("sites");
    if (values != null) {
      values.forEach(site -> sites.add(String.valueOf(site)));
    }
    return new Account(
        user.getString("id"),
        user.getString("username").toLowerCase(Locale.ROOT),
        user.getBoolean("enabled", false),
        Set.copyOf(roles),
        Set.copyOf(sites));
  }

  private static void expect(HttpResponse<Buffer> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          "Keycloak answered HTTP " + response.statusCode() + " to the " + what);
    }
  }

  /** A GET with the service account's token; once more with a new token if it was refused. */
  private Uni<HttpResponse<Buffer>> get(String url, Map<String, String> query) {
    return identity
        .accessToken()
        .chain(token -> send(url, query, token))
        .chain(
            response ->
                response.statusCode() == 401
                    ? identity.renewedAccessToken().chain(token -> send(url, query, token))
                    : Uni.createFrom().item(response));
  }

  private Uni<HttpResponse<Buffer>> send(String url, Map<String, String> query, String token) {
    var request =
        web.getAbs(url)
            .timeout(config.timeout().toMillis())
            .bearerTokenAuthentication(token)
            .putHeader("Accept", "application/json");
    query.forEach(request::addQueryParam);
    return request.send();
  }
}
