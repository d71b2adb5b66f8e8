package org.mdmaat.recruitment.trial;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.ZoneId;

/**
 * An IANA time zone region id known to the JDK's tz database, e.g. {@code America/Los_Angeles}
 * (case as in the database). Fixed offsets ({@code +02:00}) and abbreviations ({@code PST}) are
 * refused: a site's visit windows follow its daylight saving rules. Null is valid (use
 * {@code @NotBlank} to require one).
 */
@Documented
@Constraint(validatedBy = IanaTimeZone.Validator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface IanaTimeZone {
  String message() default "must be an IANA time zone such as America/Los_Angeles";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks the id against the region ids of the JDK's tz database. */
  class Validator implements ConstraintValidator<IanaTimeZone, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || valid(value);
    }

    public static boolean valid(String value) {
      return ZoneId.getAvailableZoneIds().contains(value);
    }
  }
}
