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
import org.syndication.events.LanguageTags;

/**
 * A well-formed BCP 47 language tag such as {@code en}, {@code pt-BR} or {@code zh-Hans};
 * {@code null} is valid.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = LanguageTag.Validator.class)
@interface LanguageTag {

	String message() default "must be a BCP 47 language tag such as en, pt-BR or zh-Hans";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<LanguageTag, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || canonical(value) != null;
		}

		/** The tag in its canonical case, or {@code null} if it is not well-formed. */
		static String canonical(String value) {
			return LanguageTags.canonical(value).orElse(null);
		}

	}

}
