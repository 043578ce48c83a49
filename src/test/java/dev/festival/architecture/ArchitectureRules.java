package dev.festival.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks behind {@link ArchitectureTest}, written against imported classes so they can also be
 * run on deliberately broken fixtures (proving they catch what they claim to catch).
 */
final class ArchitectureRules {
    static final String ROOT = "dev.festival";
    static final ArchitectureRules MAIN = new ArchitectureRules(ROOT, "jakarta.persistence.Entity");
    /** Shared or cross-cutting packages, not features. */
    static final Set<String> NOT_FEATURES = Set.of("common", "system", "realtime", "support", "architecture");
    private static final String PATH = "jakarta.ws.rs.Path";
    private static final String HTTP_METHOD = "jakarta.ws.rs.HttpMethod";
    private static final List<String> ACCESS = List.of("jakarta.annotation.security.PermitAll",
            "io.quarkus.security.Authenticated", "jakarta.annotation.security.RolesAllowed",
            "jakarta.annotation.security.DenyAll");
    private static final String AUTHENTICATED = "io.quarkus.security.Authenticated";
    private static final String ROLES = "dev.festival.common.security.Roles";

    private final String root;
    private final String entityAnnotation;

    ArchitectureRules(String root, String entityAnnotation) {
        this.root = root;
        this.entityAnnotation = entityAnnotation;
    }

    /** "dev.festival.users.dto" → "users"; null outside dev.festival.&lt;x&gt;. */
    String topPackage(JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith(root + ".")) {
            return null;
        }
        String rest = pkg.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    String feature(JavaClass c) {
        String top = topPackage(c);
        return top == null || NOT_FEATURES.contains(top) ? null : top;
    }

    Set<String> features(JavaClasses classes) {
        Set<String> features = new TreeSet<>();
        for (JavaClass c : classes) {
            String f = feature(c);
            if (f != null) {
                features.add(f);
            }
        }
        return features;
    }

    /** A feature reaches another feature only through its services and DTOs. */
    List<String> crossFeatureViolations(JavaClasses classes) {
        List<String> violations = new ArrayList<>();
        for (JavaClass origin : classes) {
            String from = feature(origin);
            if (from == null) {
                continue;
            }
            for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = outermost(d.getTargetClass());
                String to = feature(target);
                if (to == null || to.equals(from)) {
                    continue;
                }
                String kind = forbiddenKind(target);
                if (kind != null) {
                    violations.add(from + " → " + to + " " + kind + ": " + d.getDescription());
                }
            }
        }
        return violations;
    }

    private String forbiddenKind(JavaClass target) {
        if (target.getSimpleName().endsWith("Resource")) {
            return "resource";
        }
        if (target.getSimpleName().endsWith("Repository")) {
            return "repository";
        }
        if (target.isAnnotatedWith(entityAnnotation)) {
            return "entity";
        }
        return null;
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass current = c;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }

    /** common/ is shared by every feature and so depends on none of them. */
    List<String> commonToFeatureViolations(JavaClasses classes) {
        List<String> violations = new ArrayList<>();
        for (JavaClass origin : classes) {
            if (!"common".equals(topPackage(origin))) {
                continue;
            }
            for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                if (feature(d.getTargetClass()) != null) {
                    violations.add(d.getDescription());
                }
            }
        }
        return violations;
    }

    /** Deny by default: every endpoint method declares who may call it. */
    List<String> undeclaredEndpoints(JavaClasses classes) {
        List<String> violations = new ArrayList<>();
        for (JavaMethod m : endpoints(classes)) {
            boolean declared = ACCESS.stream().anyMatch(a -> m.isAnnotatedWith(a) || m.getOwner().isAnnotatedWith(a));
            if (!declared) {
                violations.add(m.getFullName() + " has none of @PermitAll, @Authenticated, @RolesAllowed, @DenyAll"
                        + " (on the method or its class)");
            }
        }
        return violations;
    }

    /** @Roles is checked by an interceptor that needs an authenticated caller. */
    List<String> rolesWithoutAuthenticated(JavaClasses classes) {
        List<String> violations = new ArrayList<>();
        for (JavaClass c : classes) {
            for (JavaMethod m : c.getMethods()) {
                boolean roles = m.isAnnotatedWith(ROLES) || (c.isAnnotatedWith(ROLES) && isEndpoint(m));
                boolean authenticated = m.isAnnotatedWith(AUTHENTICATED) || c.isAnnotatedWith(AUTHENTICATED);
                if (roles && !authenticated) {
                    violations.add(m.getFullName() + " has @Roles without @Authenticated (on the method or its class)");
                }
            }
        }
        return violations;
    }

    List<JavaMethod> endpoints(JavaClasses classes) {
        List<JavaMethod> endpoints = new ArrayList<>();
        for (JavaClass c : classes) {
            if (!c.isAnnotatedWith(PATH) || !c.getPackageName().startsWith(root + ".")) {
                continue;
            }
            for (JavaMethod m : c.getMethods()) {
                if (isEndpoint(m)) {
                    endpoints.add(m);
                }
            }
        }
        return endpoints;
    }

    private static boolean isEndpoint(JavaMethod m) {
        return m.getModifiers().contains(JavaModifier.PUBLIC)
                && m.getAnnotations().stream().anyMatch(a -> a.getRawType().isAnnotatedWith(HTTP_METHOD));
    }
}
