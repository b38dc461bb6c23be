package org.syndication.notifier.subscription;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A bare mailbox address ({@code name@example.org}): RFC 5322 syntax as Jakarta Mail
 * reads it strictly, at most 254 characters, no display name, no line breaks or control
 * characters, and a domain with a dot.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = EmailAddress.Validator.class)
@interface EmailAddress {

	String message() default "must be an email address such as name@example.org";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<EmailAddress, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || isValid(value);
		}

		static boolean isValid(String value) {
			if (value.length() > 254 || value.chars().anyMatch((c) -> c < 0x20 || c == 0x7F)) {
				return false;
			}
			try {
				InternetAddress address = new InternetAddress(value, true);
				address.validate();
				String bare = address.getAddress();
				int at = bare.lastIndexOf('@');
				return bare.equals(value) && address.getPersonal() == null && at > 0 && bare.indexOf('.', at) > at + 1
						&& !bare.endsWith(".");
			}
			catch (AddressException ex) {
				return false;
			}
		}

	}

}
