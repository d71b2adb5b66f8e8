package org.mdmaat.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** Field paths name what the client sent, not Java methods or parameters. */
class FieldPathTest {
  public record Site(@NotBlank String code, int beds) {}

  public record CreateRequest(
      @NotNull @Min(1) Integer dose, List<@Valid Site> sites, List<@NotBlank String> tags) {}

  public static class Endpoint {
    public void create(@Valid @NotNull CreateRequest request, @Min(1) int size) {}
  }

  static Set<String> paths(Object... arguments) throws Exception {
    var validator =
        Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();
    var method = Endpoint.class.getMethod("create", CreateRequest.class, int.class);
    Set<ConstraintViolation<Endpoint>> violations =
        validator.forExecutables().validateParameters(new Endpoint(), method, arguments);
    return violations.stream()
        .map(v -> ProblemMapping.fieldPath(v.getPropertyPath()))
        .collect(Collectors.toSet());
  }

  @Test
  void stripsTheMethodAndParameterFromBeanValidationPaths() throws Exception {
    var request =
        new CreateRequest(0, List.of(new Site("ok", 1), new Site(" ", 2)), List.of("a", ""));
    assertThat(paths(request, 0))
        .containsExactlyInAnyOrder("dose", "sites[1].code", "tags[1]", "size");
    assertThat(paths(null, 5)).containsExactly("request");
  }

  @Test
  void namesJacksonFieldsWithIndexes() {
    var json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    var unknown =
        catchThrowableOfType(
            UnrecognizedPropertyException.class,
            () ->
                json.readValue(
                    "{\"dose\":1,\"sites\":[{\"code\":\"A\",\"beds\":1,\"arm\":\"MDMA\"}]}",
                    CreateRequest.class));
    assertThat(ProblemMapping.jsonPath(unknown.getPath())).isEqualTo("sites[0].arm");

    var wrongType =
        catchThrowableOfType(
            InvalidFormatException.class,
            () ->
                json.readValue(
                    "{\"sites\":[{\"code\":\"A\"},{\"beds\":\"many\"}]}", CreateRequest.class));
    assertThat(ProblemMapping.jsonPath(wrongType.getPath())).isEqualTo("sites[1].beds");

    var answer = ProblemMapping.answerFor(wrongType);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.violations())
        .containsExactly(new Violation("sites[1].beds", "must be a whole number"));
    assertThat(answer.detail())
        .doesNotContain("Site")
        .doesNotContain("java")
        .doesNotContain("org.");
  }

  @Test
  void unexpectedFailuresSayNothingAboutThemselves() {
    var answer =
        ProblemMapping.answerFor(
            new java.util.concurrent.CompletionException(
                new IllegalStateException("org.mdmaat.secret.Thing exploded")));
    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.code()).isEqualTo("PLATFORM-0500");
    assertThat(answer.detail()).doesNotContain("secret").doesNotContain("Exception");

    var wrapped =
        ProblemMapping.answerFor(
            new java.util.concurrent.CompletionException(new Conflict("X-0409", "no")));
    assertThat(wrapped.status()).isEqualTo(409);
    assertThat(wrapped.code()).isEqualTo("X-0409");
  }
}
