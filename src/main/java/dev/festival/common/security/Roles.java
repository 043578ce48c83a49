package dev.festival.common.security;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Platform roles allowed on an endpoint. Goes together with {@code @Authenticated}: the
 * caller is authenticated first (401), the body is validated next (400), and only then is
 * the role decided (403 ERR_3001), as API.md "Conventions" orders it.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Roles {
    @Nonbinding
    Role[] value();
}
