package org.syndication.publisher.article;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An RFC 3339 date-time or a plain {@code YYYY-MM-DD} date; {@code null} is valid.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PublicationTime.Validator.class)
@interface PublicationTime {

	String message() default "must be an RFC 3339 date-time such as 2026-11-23T10:15:30Z or a date such as 2026-11-23";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<PublicationTime, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || PublicationTimes.isValid(value);
		}

	}

}
