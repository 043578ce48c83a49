package dev.festival.users.dto;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Locale;

/**
 * A string naming a constant of the enum in any letter case (API.md: enum values are accepted in
 * any case). Null or blank means "not given" and is left to other constraints.
 */
@Constraint(validatedBy = EnumName.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface EnumName {
    Class<? extends Enum<?>> value();

    String message() default "unknown value";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<EnumName, String> {
        private Enum<?>[] constants;

        @Override
        public void initialize(EnumName annotation) {
            constants = annotation.value().getEnumConstants();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext ctx) {
            if (value == null || value.isBlank()) {
                return true;
            }
            String wanted = value.trim().toUpperCase(Locale.ROOT);
            if (Arrays.stream(constants).anyMatch(c -> c.name().equals(wanted))) {
                return true;
            }
            ctx.disableDefaultConstraintViolation();
            ctx.buildConstraintViolationWithTemplate("must be one of " + Arrays.toString(constants))
                    .addConstraintViolation();
            return false;
        }
    }
}
