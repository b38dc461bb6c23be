package org.syndication.notifier.subscription;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneId;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The name of a time zone in the IANA database, such as {@code Europe/Berlin}, exactly as
 * the database spells it. Fixed offsets such as {@code +02:00} are refused: they would
 * put the digest an hour off for half the year.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = TimeZoneName.Validator.class)
@interface TimeZoneName {

	String message() default "must be an IANA time zone such as Europe/Berlin or America/New_York";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<TimeZoneName, String> {

		private static final Set<String> NAMES = ZoneId.getAvailableZoneIds();

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || isValid(value);
		}

		static boolean isValid(String value) {
			return NAMES.contains(value);
		}

	}

}
