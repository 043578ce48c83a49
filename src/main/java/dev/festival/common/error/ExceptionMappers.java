package dev.festival.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure reaching the REST layer into the API.md error body. */
public class ExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        return ErrorResponses.response(e.code(), e.getMessage(), e.details(), request);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpServerRequest request) {
        List<ApiException.FieldError> fields = new ArrayList<>();
        boolean onlyParameters = true;
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            FieldPath fp = fieldPath(v.getPropertyPath());
            onlyParameters &= fp.parameterOnly();
            fields.add(new ApiException.FieldError(fp.name(), v.getMessage()));
        }
        fields.sort(Comparator.comparing(ApiException.FieldError::field));
        ErrorCode code = onlyParameters ? ErrorCode.BAD_QUERY_PARAMETER : ErrorCode.VALIDATION_FAILED;
        String message = onlyParameters ? "Invalid query parameter" : "Validation failed";
        return ErrorResponses.response(code, message, Map.of("fields", fields), request);
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping.getPath());
            return ErrorResponses.response(ErrorCode.VALIDATION_FAILED, "Validation failed",
                    Map.of("fields", List.of(new ApiException.FieldError(field, "has the wrong type or format"))),
                    request);
        }
        return ErrorResponses.response(ErrorCode.MALFORMED_JSON, "Malformed JSON body", null, request);
    }

    /**
     * Wrong-typed values and unknown enum constants: declared for the exact type because
     * quarkus-rest-jackson registers its own mapper for it, which would otherwise win over
     * {@link #json} (the nearest exception type is chosen before the priority).
     */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return json(e, request);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, HttpServerRequest request) {
        return ErrorResponses.response(ErrorCode.TOKEN_MISSING, null, null, request);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return ErrorResponses.response(ErrorCode.TOKEN_INVALID, null, null, request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return ErrorResponses.response(ErrorCode.ROLE_FORBIDDEN, null, null, request);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        return ErrorResponses.response(ErrorCode.ROUTE_NOT_FOUND, "Route not found: " + request.method() + " "
                + request.path(), null, request);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        return ErrorResponses.response(ErrorCode.METHOD_NOT_ALLOWED, null, null, request);
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, HttpServerRequest request) {
        return ErrorResponses.response(ErrorCode.UNSUPPORTED_MEDIA_TYPE, null, null, request);
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, HttpServerRequest request) {
        return ErrorResponses.response(ErrorCode.NOT_ACCEPTABLE, null, null, request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.MALFORMED_JSON;
            case 401 -> ErrorCode.TOKEN_MISSING;
            case 403 -> ErrorCode.ROLE_FORBIDDEN;
            case 404 -> ErrorCode.ROUTE_NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> null;
        };
        if (code == null) {
            return unexpected(e, request);
        }
        String message = status == 400 ? "Bad request" : null;
        return ErrorResponses.response(code, message, null, request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "unexpected failure on %s %s", request.method(), request.path());
        return ErrorResponses.response(ErrorCode.INTERNAL, "Internal server error", null, request);
    }

    private record FieldPath(String name, boolean parameterOnly) {}

    /** "register.body.email" → "email"; a bare method parameter keeps its own name. */
    private static FieldPath fieldPath(Path path) {
        List<String> beanNodes = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getName() != null) {
                    beanNodes.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
                }
            }
        }
        if (!beanNodes.isEmpty()) {
            return new FieldPath(String.join(".", beanNodes), false);
        }
        return new FieldPath(parameter == null ? path.toString() : parameter, parameter != null);
    }

    private static String jsonPath(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }
}
