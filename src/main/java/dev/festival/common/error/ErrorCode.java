package dev.festival.common.error;

/**
 * Every error code of the wire contract (API.md "Errors"), with its HTTP status and a default
 * English message. New codes go inside their family.
 */
public enum ErrorCode {
    // 1xxx general
    INTERNAL("ERR_1000", 500, "Internal server error"),
    ROUTE_NOT_FOUND("ERR_1001", 404, "Route not found"),
    METHOD_NOT_ALLOWED("ERR_1002", 405, "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE("ERR_1003", 415, "Unsupported media type"),
    PAYLOAD_TOO_LARGE("ERR_1004", 413, "Payload too large"),
    RATE_LIMITED("ERR_1005", 429, "Too many requests"),
    SERVICE_UNAVAILABLE("ERR_1006", 503, "Service unavailable"),
    NOT_ACCEPTABLE("ERR_1007", 406, "Not acceptable"),
    // 2xxx authentication
    INVALID_CREDENTIALS("ERR_2001", 401, "Invalid email or password"),
    TOKEN_MISSING("ERR_2002", 401, "Authentication required"),
    TOKEN_INVALID("ERR_2003", 401, "Access token is invalid or expired"),
    REFRESH_TOKEN_INVALID("ERR_2004", 401, "Refresh token is invalid, revoked or reused"),
    ACCOUNT_DISABLED("ERR_2005", 403, "Account is disabled"),
    TWO_FACTOR_REQUIRED("ERR_2006", 401, "Two-factor code required"),
    TWO_FACTOR_INVALID("ERR_2007", 401, "Two-factor code invalid"),
    // 3xxx authorization
    ROLE_FORBIDDEN("ERR_3001", 403, "Your role does not allow this action"),
    NOT_FESTIVAL_MEMBER("ERR_3002", 403, "You are not a member of this festival"),
    NOT_OWNER("ERR_3003", 403, "You are not the owner of this resource"),
    CSRF_REJECTED("ERR_3004", 403, "Request origin rejected"),
    /** A feature that needs a proven email address (two-factor setup, ...); details.feature names it. */
    EMAIL_NOT_VERIFIED("ERR_3005", 403, "Email address not verified"),
    // 4xxx validation
    VALIDATION_FAILED("ERR_4001", 400, "Validation failed"),
    MALFORMED_JSON("ERR_4002", 400, "Malformed JSON body"),
    BAD_QUERY_PARAMETER("ERR_4003", 400, "Invalid query parameter"),
    BAD_PATH_PARAMETER("ERR_4004", 400, "Invalid path parameter"),
    // 5xxx business
    NOT_FOUND("ERR_5001", 404, "Resource not found"),
    CONFLICT("ERR_5002", 409, "Resource already exists"),
    INSUFFICIENT_FUNDS("ERR_5003", 400, "Insufficient funds"),
    SOLD_OUT("ERR_5004", 409, "Sold out"),
    /** Same code as SOLD_OUT, as API.md says: over the per-user limit is a 400. */
    OVER_USER_LIMIT("ERR_5004", 400, "Over the per-user limit"),
    ZONE_FULL("ERR_5005", 409, "Zone is full"),
    TICKET_ALREADY_USED("ERR_5006", 409, "Ticket already used"),
    IDEMPOTENCY_KEY_REUSED("ERR_5007", 409, "Idempotency key reused with another request"),
    SALE_NOT_OPEN("ERR_5008", 400, "Sale is not open"),
    INVALID_STATE_TRANSITION("ERR_5009", 409, "Invalid state transition"),
    BLOCKED("ERR_5010", 403, "Account or tag blocked"),
    AMOUNT_OUT_OF_LIMITS("ERR_5011", 400, "Amount outside the allowed limits"),
    // 6xxx external
    PAYMENT_PROVIDER_ERROR("ERR_6001", 502, "Payment provider error"),
    PAYMENT_PROVIDER_UNAVAILABLE("ERR_6002", 503, "Payment provider unavailable"),
    WEBHOOK_SIGNATURE_INVALID("ERR_6003", 400, "Webhook signature invalid"),
    EMAIL_PROVIDER_ERROR("ERR_6004", 502, "Email provider error"),
    PUSH_PROVIDER_ERROR("ERR_6005", 502, "Push provider error");

    private final String code;
    private final int status;
    private final String defaultMessage;

    ErrorCode(String code, int status, String defaultMessage) {
        this.code = code;
        this.status = status;
        this.defaultMessage = defaultMessage;
    }

    public String code() { return code; }

    public int status() { return status; }

    public String defaultMessage() { return defaultMessage; }
}
