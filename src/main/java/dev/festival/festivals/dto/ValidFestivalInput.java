package dev.festival.festivals.dto;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Cross-field rules of a festival body (dates in order, ISO-4217 currency, IANA zone, slug
 * pattern, status). Being bean validation, they answer 400 before the role check answers 403.
 */
@Constraint(validatedBy = FestivalInputValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidFestivalInput {
    String message() default "Invalid festival";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
