package org.mdmaat.platform.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.mdmaat.platform.correlation.Correlation;
import org.mdmaat.platform.signature.ReauthenticationRequired;

/**
 * Answers every failure of a JAX-RS request as {@code application/problem+json}: {@link Problem}s
 * with their own status and code, invalid input as 400 naming the fields, JAX-RS and security
 * exceptions with their status, and anything else as a generic 500 that is logged with the
 * correlation id. Bodies never carry stack traces, exception messages of unexpected errors, or
 * class names.
 *
 * <p>These mappers have the default user priority, so they win over Quarkus' built-in ones for the
 * same exception types (registered at {@code USER + 1} and {@code USER + 100}).
 */
public class ProblemMapping {
  private static final Logger LOG = Logger.getLogger(ProblemMapping.class);
  private static final Set<String> HEADERS_NOT_COPIED =
      Set.of("content-type", "content-length", "transfer-encoding");

  private final ObjectMapper json;

  ProblemMapping(ObjectMapper json) {
    this.json = json;
  }

  @ServerExceptionMapper
  public Response problem(Problem problem, RoutingContext request) {
    return respond(request, answerFor(problem));
  }

  @ServerExceptionMapper
  public Response invalidInput(ConstraintViolationException exception, RoutingContext request) {
    return respond(request, answerFor(exception));
  }

  @ServerExceptionMapper
  public Response validationFailure(ValidationException exception, RoutingContext request) {
    return respond(request, answerFor(exception));
  }

  // Jackson's MismatchedInputException has a built-in mapper of its own: it must be named here.
  @ServerExceptionMapper
  public Response mismatchedJson(MismatchedInputException exception, RoutingContext request) {
    return respond(request, answerFor(exception));
  }

  @ServerExceptionMapper
  public Response unreadableJson(JsonProcessingException exception, RoutingContext request) {
    return respond(request, answerFor(exception));
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException exception, RoutingContext request) {
    return respond(request, answerFor(exception));
  }

  @ServerExceptionMapper
  public Uni<Response> unauthenticated(UnauthorizedException exception, RoutingContext request) {
    return challenge(request);
  }

  @ServerExceptionMapper
  public Uni<Response> authenticationFailed(
      AuthenticationFailedException exception, RoutingContext request) {
    return challenge(request);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException exception, RoutingContext request) {
    return respond(request, answerFor(exception));
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable exception, RoutingContext request) {
    return respond(request, answerFor(exception));
  }

  /** What to answer: status, code, detail, violations and extra headers. */
  record Answer(
      int status,
      String code,
      String detail,
      List<Violation> violations,
      Map<String, List<Object>> headers,
      Throwable unexpected) {

    static Answer of(int status, String code, String detail) {
      return new Answer(status, code, detail, List.of(), Map.of(), null);
    }

    static Answer of(int status, String code, String detail, List<Violation> violations) {
      return new Answer(status, code, detail, violations, Map.of(), null);
    }
  }

  static Answer answerFor(Throwable failure) {
    Throwable exception = unwrap(failure);
    if (exception instanceof ReauthenticationRequired reauthenticate) {
      return new Answer(
          401,
          reauthenticate.code(),
          reauthenticate.detail(),
          List.of(),
          Map.of(HttpHeaders.WWW_AUTHENTICATE, List.of(reauthenticate.challenge())),
          null);
    }
    if (exception instanceof Problem problem) {
      return Answer.of(problem.status(), problem.code(), problem.detail(), problem.violations());
    }
    if (exception instanceof ConstraintViolationException violations) {
      return invalid(violations);
    }
    if (exception instanceof JsonProcessingException jackson && readingInput(jackson)) {
      return unreadable(jackson);
    }
    if (exception instanceof WebApplicationException web) {
      return web(web);
    }
    if (exception instanceof UnauthorizedException
        || exception instanceof AuthenticationFailedException) {
      return Answer.of(401, ProblemDetails.platformCode(401), "Authentication is required.");
    }
    if (exception instanceof ForbiddenException) {
      return Answer.of(403, ProblemDetails.platformCode(403), "The caller may not do this.");
    }
    return new Answer(
        500,
        ProblemDetails.platformCode(500),
        "An unexpected error occurred. Quote the traceId when reporting it.",
        List.of(),
        Map.of(),
        exception);
  }

  // Reactive pipelines and CDI interceptors wrap the real failure; answer for what was thrown.
  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    for (int depth = 0; depth < 10; depth++) {
      boolean wrapper =
          current instanceof CompletionException
              || current instanceof ExecutionException
              || current
                  .getClass()
                  .getName()
                  .equals("io.quarkus.arc.ArcUndeclaredThrowableException");
      if (!wrapper || current.getCause() == null) {
        return current;
      }
      current = current.getCause();
    }
    return current;
  }

  private static Answer invalid(ConstraintViolationException exception) {
    var violations = exception.getConstraintViolations();
    if (violations != null && violations.stream().anyMatch(ProblemMapping::isReturnValue)) {
      // The endpoint produced an invalid answer: our fault, not the caller's.
      return new Answer(
          500,
          ProblemDetails.platformCode(500),
          "An unexpected error occurred. Quote the traceId when reporting it.",
          List.of(),
          Map.of(),
          exception);
    }
    List<Violation> fields =
        violations == null
            ? List.of()
            : violations.stream()
                .map(v -> new Violation(fieldPath(v.getPropertyPath()), v.getMessage()))
                .sorted(
                    Comparator.comparing(
                            Violation::field,
                            Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                        .thenComparing(Violation::message))
                .toList();
    return Answer.of(
        400, ProblemDetails.platformCode(400), "The request has invalid fields.", fields);
  }

  private static boolean isReturnValue(ConstraintViolation<?> violation) {
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.RETURN_VALUE) {
        return true;
      }
    }
    return false;
  }

  /**
   * The path a client knows: {@code create.request.sites[0].code} becomes {@code sites[0].code}; a
   * query or path parameter ({@code list.size}) is named by itself ({@code size}).
   */
  static String fieldPath(Path path) {
    String parameter = null;
    var field = new StringBuilder();
    boolean inBean = false;
    for (Path.Node node : path) {
      ElementKind kind = node.getKind();
      if (!inBean) {
        if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR) {
          continue;
        }
        if (kind == ElementKind.PARAMETER || kind == ElementKind.CROSS_PARAMETER) {
          parameter = node.getName();
          inBean = true;
          continue;
        }
        inBean = true;
      }
      if (node.isInIterable()) {
        Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
        field.append('[').append(position == null ? "" : position).append(']');
      }
      String name = node.getName();
      if (name != null && !name.isEmpty() && !name.startsWith("<")) {
        if (field.length() > 0) {
          field.append('.');
        }
        field.append(name);
      }
    }
    return field.length() > 0 ? field.toString() : parameter;
  }

  // A Jackson failure while reading the request is the caller's; while writing, it is ours.
  private static boolean readingInput(JsonProcessingException exception) {
    return !(exception instanceof InvalidDefinitionException)
        && exception.getProcessor() instanceof JsonParser;
  }

  private static Answer unreadable(JsonProcessingException exception) {
    String code = ProblemDetails.platformCode(400);
    if (exception instanceof JsonParseException || !(exception instanceof JsonMappingException)) {
      JsonLocation at = exception.getLocation();
      String where =
          at == null || at.getLineNr() < 0
              ? ""
              : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      return Answer.of(400, code, "The request body is not valid JSON" + where + ".");
    }
    String field = jsonPath(((JsonMappingException) exception).getPath());
    if (exception instanceof UnrecognizedPropertyException) {
      return Answer.of(
          400,
          code,
          "The request body has a field that is not allowed: " + field + ".",
          List.of(new Violation(field, "unknown field")));
    }
    if (exception instanceof InvalidFormatException format) {
      String expected = describe(format.getTargetType());
      return Answer.of(
          400,
          code,
          "The request body has a value of the wrong type at " + field + ".",
          List.of(new Violation(field, "must be " + expected)));
    }
    if (exception instanceof MismatchedInputException mismatched) {
      String expected = describe(mismatched.getTargetType());
      return Answer.of(
          400,
          code,
          field == null
              ? "The request body does not have the expected shape."
              : "The request body has a value of the wrong type at " + field + ".",
          field == null ? List.of() : List.of(new Violation(field, "must be " + expected)));
    }
    return Answer.of(
        400,
        code,
        "The request body could not be read" + (field == null ? "." : " at " + field + "."),
        field == null ? List.of() : List.of(new Violation(field, "is not valid here")));
  }

  /** {@code sites[0].code} from Jackson's reference chain. */
  static String jsonPath(List<JsonMappingException.Reference> references) {
    if (references == null || references.isEmpty()) {
      return null;
    }
    var path = new StringBuilder();
    for (var reference : references) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? null : path.toString();
  }

  // What a value should have been, in words rather than Java class names.
  private static String describe(Class<?> type) {
    if (type == null) {
      return "a value of another type";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(Object::toString)
              .collect(Collectors.joining(", ", "[", "]"));
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type == String.class || type == char.class || type == Character.class) {
      return "a string";
    }
    if (type == UUID.class) {
      return "a UUID";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "an ISO-8601 date or time";
    }
    if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static Answer web(WebApplicationException exception) {
    if (exception.getCause() instanceof JsonProcessingException jackson && readingInput(jackson)) {
      return unreadable(jackson);
    }
    Response response = exception.getResponse();
    int status = response == null ? 500 : response.getStatus();
    Map<String, List<Object>> headers = Map.of();
    if (response != null) {
      // Keep what the status needs to be useful, e.g. Allow on a 405.
      headers =
          response.getHeaders().entrySet().stream()
              .filter(e -> !HEADERS_NOT_COPIED.contains(e.getKey().toLowerCase()))
              .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }
    String detail =
        switch (status) {
          case 400 -> "The request is malformed.";
          case 401 -> "Authentication is required.";
          case 403 -> "The caller may not do this.";
          case 404 -> "There is nothing at this path.";
          case 405 -> "This method is not allowed at this path.";
          case 406 -> "None of the accepted media types can be produced.";
          case 415 -> "The request's media type is not supported here.";
          default -> status >= 500 ? "The request could not be completed." : "The request failed.";
        };
    return new Answer(
        status,
        ProblemDetails.platformCode(status),
        detail,
        List.of(),
        headers,
        status >= 500 ? exception : null);
  }

  private Uni<Response> challenge(RoutingContext request) {
    HttpAuthenticator authenticator =
        request == null ? null : request.get(HttpAuthenticator.class.getName());
    Uni<ChallengeData> challenge =
        authenticator == null
            ? Uni.createFrom().nullItem()
            : authenticator.getChallenge(request).onFailure().recoverWithNull();
    return challenge.map(
        data -> {
          var answer = answerFor(new UnauthorizedException());
          if (data == null) {
            return respond(request, answer);
          }
          Map<String, List<Object>> headers =
              data.getHeaders().entrySet().stream()
                  .collect(
                      Collectors.toMap(
                          e -> e.getKey().toString(), e -> List.<Object>of(e.getValue())));
          if (data.status != 401) {
            // Not a plain "authenticate first" (e.g. a redirect): keep the mechanism's answer.
            var builder = Response.status(data.status);
            headers.forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
            return builder.build();
          }
          return respond(
              request, new Answer(401, answer.code(), answer.detail(), List.of(), headers, null));
        });
  }

  private Response respond(RoutingContext request, Answer answer) {
    String traceId = traceId(request);
    String instance = request == null ? null : request.request().path();
    if (answer.unexpected() != null) {
      LOG.errorf(
          answer.unexpected(),
          "Unexpected error answering %s %s [correlationId=%s]",
          request == null ? "?" : request.request().method(),
          instance,
          traceId);
    } else if (answer.status() >= 500) {
      LOG.warnf(
          "%s %s answered %d %s [correlationId=%s]",
          request == null ? "?" : request.request().method(),
          instance,
          answer.status(),
          answer.code(),
          traceId);
    } else {
      LOG.debugf(
          "%s answered %d %s: %s", instance, answer.status(), answer.code(), answer.detail());
    }
    var details =
        ProblemDetails.of(
            answer.status(),
            answer.code(),
            answer.detail(),
            instance,
            traceId,
            answer.violations());
    String body;
    try {
      body = json.writeValueAsString(details);
    } catch (JsonProcessingException impossible) {
      body = "{\"status\":" + answer.status() + "}";
    }
    var builder =
        Response.status(answer.status())
            .header(HttpHeaders.CONTENT_TYPE, ProblemDetails.MEDIA_TYPE)
            .entity(body);
    answer.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
    builder.header(Correlation.HEADER, traceId);
    return builder.build();
  }

  private static String traceId(RoutingContext request) {
    return Correlation.of(request);
  }
}
