package org.mdmaat.platform.problem;

import java.util.List;

/**
 * The RFC 9457 body every service answers errors with ({@code application/problem+json}).
 *
 * @param type URI naming the kind of problem: {@code urn:mdmaat:problem:<code>}
 * @param title short summary of the status, the same for every occurrence
 * @param status the HTTP status
 * @param detail what went wrong this time, for the caller
 * @param code stable, searchable code such as {@code REC-0012} or {@code PLATFORM-0400}
 * @param instance the request path
 * @param traceId the request's correlation id (also in the {@code X-Correlation-Id} header and in
 *     the logs), to find the request in the logs
 * @param violations field-level details, possibly empty, never null
 */
public record ProblemDetails(
    String type,
    String title,
    int status,
    String detail,
    String code,
    String instance,
    String traceId,
    List<Violation> violations) {

  public static final String MEDIA_TYPE = "application/problem+json";
  static final String TYPE_PREFIX = "urn:mdmaat:problem:";

  public ProblemDetails {
    violations = violations == null ? List.of() : List.copyOf(violations);
  }

  /** The platform's code for a status without a more specific one, e.g. {@code PLATFORM-0404}. */
  public static String platformCode(int status) {
    return String.format("PLATFORM-%04d", status);
  }

  static ProblemDetails of(
      int status,
      String code,
      String detail,
      String instance,
      String traceId,
      List<Violation> violations) {
    return new ProblemDetails(
        TYPE_PREFIX + code, titleFor(status), status, detail, code, instance, traceId, violations);
  }

  /** Reason phrases, written out so that no framework's wording leaks into the contract. */
  static String titleFor(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 412 -> "Precondition Failed";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> status >= 500 ? "Server Error" : "Client Error";
    };
  }
}
