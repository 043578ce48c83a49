package dev.festival.common.openapi;

import dev.festival.common.error.ErrorCode;
import dev.festival.common.error.ErrorResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.info.Info;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the generated OpenAPI document with what every endpoint shares, so feature code only
 * documents its own specifics: the three ways to authenticate (Bearer JWT, access_token cookie,
 * X-API-Key), the {@code ErrorBody} schema of API.md "Errors", the list of error codes, and the
 * standard error responses of each operation (an {@code @APIResponse} written on the endpoint wins).
 * Runs at build time ({@link OpenApiFilter.RunStage#BUILD}): the packaged application carries the
 * finished document, so start-up does not rebuild it.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ErrorResponsesFilter implements OASFilter {
    public static final String ERROR_SCHEMA = "ErrorBody";
    static final String BEARER = "bearerAuth";
    static final String COOKIE = "cookieAuth";
    static final String API_KEY = "apiKeyAuth";
    private static final String ERROR_REF = "#/components/schemas/" + ERROR_SCHEMA;

    /** The Swagger UI and this document are served outside the REST layer; list them too. */
    private static void addDocumentationPaths(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            openAPI.setPaths(OASFactory.createPaths());
        }
        openAPI.getPaths().addPathItem("/api/docs", OASFactory.createPathItem().GET(OASFactory.createOperation()
                .addTag("System").summary("Swagger UI (public)").operationId("swaggerUi")
                .responses(OASFactory.createAPIResponses().addAPIResponse("200",
                        OASFactory.createAPIResponse().description("The Swagger UI page")))));
        openAPI.getPaths().addPathItem("/api/docs-json", OASFactory.createPathItem().GET(OASFactory.createOperation()
                .addTag("System").summary("This OpenAPI document, JSON (public; ?format=yaml for YAML)")
                .operationId("openApiDocument")
                .responses(OASFactory.createAPIResponses().addAPIResponse("200",
                        OASFactory.createAPIResponse().description("The OpenAPI document")))));
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema(ERROR_SCHEMA, errorSchema());
        addSecuritySchemes(components);
        describe(openAPI);
        addDocumentationPaths(openAPI);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            Map<PathItem.HttpMethod, Operation> operations = path.getValue().getOperations();
            if (operations == null) {
                continue;
            }
            operations.forEach((method, op) -> completeOperation(path.getKey(), method, op));
        }
        // Quarkus' automatic JWT scheme ("SecurityScheme") is superseded by the three above.
        if (components.getSecuritySchemes() != null) {
            List.copyOf(components.getSecuritySchemes().keySet()).stream()
                    .filter(name -> !List.of(BEARER, COOKIE, API_KEY).contains(name))
                    .forEach(components::removeSecurityScheme);
        }
    }

    private void completeOperation(String path, PathItem.HttpMethod method, Operation op) {
        boolean secured = op.getSecurity() != null && !op.getSecurity().isEmpty();
        if (secured) {
            // Quarkus adds one requirement for @Authenticated/@RolesAllowed endpoints; any of the
            // three credentials is accepted, so list them as alternatives.
            List<SecurityRequirement> alternatives = new ArrayList<>();
            for (String scheme : List.of(BEARER, COOKIE, API_KEY)) {
                alternatives.add(OASFactory.createSecurityRequirement().addScheme(scheme));
            }
            op.setSecurity(alternatives);
        }
        APIResponses responses = op.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            op.setResponses(responses);
        }
        boolean hasInput = op.getRequestBody() != null
                || (op.getParameters() != null && !op.getParameters().isEmpty());
        boolean write = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH;
        if (hasInput || write) {
            add(responses, 400, "Invalid input (ERR_4001 field validation, ERR_4002 malformed JSON,"
                    + " ERR_4003 bad query parameter, ERR_4004 bad path parameter)");
        }
        if (secured) {
            add(responses, 401, "Not authenticated (ERR_2002 token missing, ERR_2003 token invalid or expired)");
            add(responses, 403, "Forbidden (ERR_3001 role, ERR_3002 not a festival member, ERR_3003 not the owner,"
                    + " ERR_3004 CSRF origin rejected, ERR_2005 account disabled)");
        }
        if (path.contains("{")) {
            add(responses, 404, "Not found (ERR_5001)");
        }
        if (write) {
            add(responses, 409, "Conflict (ERR_5002 duplicate, ERR_5009 invalid state transition, ...)");
        }
        add(responses, 429, "Rate limited (ERR_1005; details.retryAfter seconds, Retry-After header)");
        add(responses, 500, "Unexpected failure (ERR_1000; no internals, with the request id)");
    }

    private static void add(APIResponses responses, int status, String description) {
        String key = Integer.toString(status);
        APIResponse existing = responses.getAPIResponse(key);
        if (existing == null) {
            responses.addAPIResponse(key, OASFactory.createAPIResponse()
                    .description(ErrorResponses.reason(status) + ": " + description)
                    .content(errorContent()));
        } else if (existing.getContent() == null || existing.getContent().getMediaTypes() == null
                || existing.getContent().getMediaTypes().isEmpty()) {
            // An @APIResponse (or Quarkus' automatic 401/403) that names only a description
            existing.setContent(errorContent());
        }
    }

    private static Content errorContent() {
        return OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_REF)));
    }

    private static Schema errorSchema() {
        return OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("The one error body of every non-2xx response (API.md \"Errors\")")
                .addProperty("statusCode", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                        .examples(List.of(400)))
                .addProperty("errorCode", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("ERR_xxxx, see the list in the document description")
                        .enumeration(List.of(codes())).examples(List.of("ERR_4001")))
                .addProperty("error", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("HTTP reason phrase").examples(List.of("Bad Request")))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .examples(List.of("Validation failed")))
                .addProperty("details", OASFactory.createSchema()
                        .type(List.of(Schema.SchemaType.OBJECT, Schema.SchemaType.NULL))
                        .description("Machine-readable details, e.g. {fields: [{field, message}]} or"
                                + " {retryAfter}; null when none"))
                .addProperty("requestId", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("Same as the X-Request-Id response header"))
                .addProperty("timestamp", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .format("date-time"))
                .addProperty("path", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .examples(List.of("/api/auth/register")))
                .required(List.of("statusCode", "errorCode", "error", "message", "requestId", "timestamp", "path"));
    }

    private static Object[] codes() {
        // Distinct: one code may have two statuses (ERR_5004 sold out 409, per-user limit 400).
        java.util.Set<Object> codes = new java.util.LinkedHashSet<>();
        for (ErrorCode value : ErrorCode.values()) {
            codes.add(value.code());
        }
        return codes.toArray();
    }

    private static void addSecuritySchemes(Components components) {
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("Authorization: Bearer <accessToken> (RS256 JWT, 15 min)"));
        components.addSecurityScheme(COOKIE, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.COOKIE).name("access_token")
                .description("The httpOnly access_token cookie set by login/refresh"));
        components.addSecurityScheme(API_KEY, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")
                .description("Third-party API key (also accepted as 'api-key' header or 'Bearer fst_...')"));
    }

    private static void describe(OpenAPI openAPI) {
        Info info = openAPI.getInfo();
        if (info == null) {
            info = OASFactory.createInfo().title("Festival Platform API").version("1.0.0");
            openAPI.setInfo(info);
        }
        StringBuilder d = new StringBuilder();
        d.append("Festival Platform REST API. Every path is under /api; JSON, camelCase, UUID ids.\n\n")
                .append("Every non-2xx response has the `ErrorBody` shape; `errorCode` is one of:\n\n")
                .append("| code | HTTP | meaning |\n|---|---|---|\n");
        for (ErrorCode code : ErrorCode.values()) {
            d.append("| ").append(code.code()).append(" | ").append(code.status()).append(" | ")
                    .append(code.defaultMessage()).append(" |\n");
        }
        info.description(d.toString());
    }
}
