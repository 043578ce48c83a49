package dev.festival.users.dto;

import dev.festival.auth.PasswordPolicy;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The platform password rule ({@link PasswordPolicy}) as a bean constraint, so a weak password is
 * a 400 found with the other body errors, before the caller's role is decided. Blank is left to
 * {@code @NotBlank}.
 */
@Constraint(validatedBy = StrongPassword.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface StrongPassword {
    String message() default "is too weak";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<StrongPassword, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext ctx) {
            if (value == null || value.isEmpty()) {
                return true;
            }
            var failed = PasswordPolicy.violations("password", value);
            if (failed.isEmpty()) {
                return true;
            }
            ctx.disableDefaultConstraintViolation();
            failed.forEach(v -> ctx.buildConstraintViolationWithTemplate(v.message()).addConstraintViolation());
            return false;
        }
    }
}
