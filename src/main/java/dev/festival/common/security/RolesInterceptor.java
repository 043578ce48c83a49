package dev.festival.common.security;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.Arrays;

/** Runs inside bean validation (higher priority number = closer to the method). */
@Roles({})
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 900)
public class RolesInterceptor {
    @Inject
    CurrentUser currentUser;

    @AroundInvoke
    Object checkRole(InvocationContext ctx) throws Exception {
        Roles roles = ctx.getMethod().getAnnotation(Roles.class);
        if (roles == null) {
            roles = ctx.getMethod().getDeclaringClass().getAnnotation(Roles.class);
        }
        if (roles != null) {
            Role role = currentUser.role();
            if (role == null || Arrays.stream(roles.value()).noneMatch(r -> r == role)) {
                throw new ApiException(ErrorCode.ROLE_FORBIDDEN);
            }
        }
        return ctx.proceed();
    }
}
