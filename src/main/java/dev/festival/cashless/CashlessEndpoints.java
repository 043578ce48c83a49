package dev.festival.cashless;

import dev.festival.common.web.PathIds;
import dev.festival.cashless.dto.AccountView;
import dev.festival.cashless.dto.BalanceRefundRequest;
import dev.festival.cashless.dto.BalanceRefundView;
import dev.festival.cashless.dto.BalanceView;
import dev.festival.cashless.dto.ChargeResponse;
import dev.festival.cashless.dto.NfcTagRequest;
import dev.festival.cashless.dto.PayRequest;
import dev.festival.cashless.dto.QrTokenView;
import dev.festival.cashless.dto.RefundPaymentRequest;
import dev.festival.cashless.dto.TopupPendingResponse;
import dev.festival.cashless.dto.TopupRequest;
import dev.festival.cashless.dto.TransactionPage;
import dev.festival.common.error.ErrorBody;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * HTTP side of API.md "Cashless", served twice: under {@code /api/cashless} ({@link CashlessResource}) and
 * under the mobile app's alias {@code /api/wallet} ({@link WalletResource}). Parsing and status codes only;
 * the rules live in {@link CashlessService}.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class CashlessEndpoints {
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    @Inject
    CashlessService cashless;

    @Inject
    CurrentUser currentUser;

    @GET
    @Path("/account")
    @Authenticated
    @Operation(summary = "The caller's wallet (created on first use)",
            description = "Roles: auth (self). One wallet per user, in the platform's cashless currency.")
    @APIResponse(responseCode = "200", description = "The wallet",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "401", description = "ERR_2002 / ERR_2003",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<AccountView> account() {
        return cashless.ensureAccount(currentUser.id()).map(CashlessService.EnsuredAccount::account);
    }

    @POST
    @Path("/account")
    @Authenticated
    @Operation(summary = "Get or create the caller's wallet",
            description = "Roles: auth (self). Idempotent; no body needed. 201 when this call created it, else 200.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "200", description = "Already existed",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    public Uni<RestResponse<AccountView>> createAccount() {
        return cashless.ensureAccount(currentUser.id())
                .map(e -> RestResponse.status(e.created() ? Status.CREATED : Status.OK, e.account()));
    }

    @GET
    @Path("/balance")
    @Authenticated
    @Operation(summary = "The caller's balance",
            description = "Roles: auth (self). available = balance unless the wallet is deactivated (0);"
                    + " pending is 0 (online top-ups are credited only once confirmed).")
    @APIResponse(responseCode = "200", description = "Balance",
            content = @Content(schema = @Schema(implementation = BalanceView.class)))
    public Uni<BalanceView> balance() {
        return cashless.balance(currentUser.id());
    }

    @POST
    @Path("/topup")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Top up a wallet (online card, or cash/terminal at a cash desk)",
            description = "Roles: CARD (default) = auth, the caller's own wallet: answers the provider payment to"
                    + " confirm; the wallet is credited once when the webhook confirms. CASH/TERMINAL = CASHIER"
                    + " member or org of festivalId, for the wallet named by accountId | nfcTagId | userId: answers"
                    + " the TOPUP transaction (fields at the top level plus {transaction, balance}). Limits per"
                    + " festival (default 5.00-500.00 per top-up, balance <= 1000.00) else 400 ERR_5011. Optional"
                    + " Idempotency-Key header (or idempotencyKey field): a retry answers the first result.")
    @APIResponse(responseCode = "201", description = "CASH/TERMINAL: ChargeResponse; CARD: TopupPendingResponse",
            content = @Content(schema = @Schema(oneOf = {ChargeResponse.class, TopupPendingResponse.class})))
    @APIResponse(responseCode = "400", description = "ERR_4001 amount missing, <= 0, > 2 decimals, wrong currency;"
            + " ERR_5011 outside the festival's limits", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002/ERR_3001 not a CASHIER or org of the festival;"
            + " ERR_5010 wallet deactivated", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 festival or wallet not found",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5007 idempotency key reused with another body",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ERR_6002 payment provider unavailable (CARD)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<Object>> topup(TopupRequest body,
                                           @Parameter(description = "Retry key") @HeaderParam(IDEMPOTENCY_HEADER) String key) {
        return cashless.topup(body, key).map(r -> RestResponse.status(Status.CREATED, r));
    }

    @POST
    @Path("/pay")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Charge a wallet",
            description = "Roles: CASHIER member or org of festivalId for the wallet named by accountId | nfcTagId |"
                    + " qrToken | userId; or the owner paying from their own wallet (no identifier). One SQL statement:"
                    + " the balance can never go negative. amount <= 0 is a 400 before anything else. Optional"
                    + " Idempotency-Key header (or idempotencyKey field): a retry answers the first result and moves"
                    + " nothing; the same key with another body is 409 ERR_5007.")
    @APIResponse(responseCode = "201", description = "The PAYMENT transaction (fields at the top level plus"
            + " {transaction, balance})", content = @Content(schema = @Schema(implementation = ChargeResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 invalid amount/currency/festivalId; ERR_5003"
            + " insufficient funds, details {balance, amount}",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002/ERR_3001 not a CASHIER or org of the festival;"
            + " ERR_5010 wallet deactivated or NFC tag blocked",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 festival, wallet or QR token not found",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5007 idempotency key reused with another body",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<ChargeResponse>> pay(PayRequest body,
                                                 @Parameter(description = "Retry key") @HeaderParam(IDEMPOTENCY_HEADER) String key) {
        return cashless.pay(body, key).map(r -> RestResponse.status(Status.CREATED, r));
    }

    @POST
    @Path("/refund")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Refund a payment (full or partial)",
            description = "Roles: CASHIER member or org of the payment's festival. amount absent = what remains"
                    + " refundable. Cumulative refunds never exceed the payment. Optional Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "The REFUND transaction",
            content = @Content(schema = @Schema(implementation = ChargeResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 invalid amount or transactionId",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002/ERR_3001",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 unknown transaction",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5009 already fully refunded, over the refundable amount,"
            + " or not a payment; ERR_5007 idempotency key reused",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<ChargeResponse>> refund(RefundPaymentRequest body,
                                                    @Parameter(description = "Retry key") @HeaderParam(IDEMPOTENCY_HEADER) String key) {
        return cashless.refund(null, body, key).map(r -> RestResponse.status(Status.CREATED, r));
    }

    @POST
    @Path("/transactions/{id}/refund")
    @Authenticated
    @Operation(summary = "Refund a payment (alias of POST /refund)",
            description = "Roles: CASHIER member or org of the payment's festival. Body {amount?, reason?}.")
    @APIResponse(responseCode = "201", description = "The REFUND transaction",
            content = @Content(schema = @Schema(implementation = ChargeResponse.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 unknown transaction (or not a UUID)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5009 already fully refunded or over the refundable amount",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<ChargeResponse>> refundTransaction(@PathParam("id") String id, RefundPaymentRequest body,
                                                               @Parameter(description = "Retry key") @HeaderParam(IDEMPOTENCY_HEADER) String key) {
        return cashless.refund(pathId(id, "Transaction"), body, key).map(r -> RestResponse.status(Status.CREATED, r));
    }

    @GET
    @Path("/transactions")
    @Authenticated
    @Operation(summary = "Wallet transactions",
            description = "Roles: auth (own wallet, optionally filtered by festivalId and type). With"
                    + " scope=festival and festivalId, an org of that festival lists the festival's transactions"
                    + " of all wallets. Paginated; `transactions` repeats `data`. Sort: createdAt (default, desc), amount.")
    @APIResponse(responseCode = "200", description = "Page of transactions",
            content = @Content(schema = @Schema(implementation = TransactionPage.class)))
    @APIResponse(responseCode = "400", description = "ERR_4003 bad query parameter",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "scope=festival without org rights on the festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<TransactionPage> transactions(@QueryParam("festivalId") String festivalId,
                                             @QueryParam("type") String type,
                                             @Parameter(description = "own (default) or festival")
                                             @QueryParam("scope") String scope,
                                             @QueryParam("page") String page, @QueryParam("limit") String limit,
                                             @QueryParam("offset") String offset, @QueryParam("sort") String sort,
                                             @QueryParam("sortBy") String sortBy,
                                             @QueryParam("sortOrder") String sortOrder) {
        PageRequest request = PageRequest.parse(page, limit, offset, sort, sortBy, sortOrder,
                Set.of("createdAt", "amount"), "createdAt", false);
        return cashless.transactions(currentUser.id(), festivalId, type, scope, request);
    }

    @POST
    @Path("/link-nfc")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Link an NFC wristband to the caller's wallet",
            description = "Roles: auth (self). Replaces a previously linked tag (a new tag starts unblocked).")
    @APIResponse(responseCode = "200", description = "The wallet",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "409", description = "ERR_5002 the tag belongs to another wallet",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<AccountView> linkNfc(NfcTagRequest body) {
        return cashless.linkNfc(currentUser.id(), body == null ? null : body.nfcTagId());
    }

    @POST
    @Path("/nfc/link")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Link an NFC wristband (alias of POST /link-nfc)", description = "Roles: auth (self).")
    @APIResponse(responseCode = "200", description = "The wallet",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "409", description = "ERR_5002 the tag belongs to another wallet",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<AccountView> nfcLink(NfcTagRequest body) {
        return linkNfc(body);
    }

    @POST
    @Path("/nfc/unlink")
    @Authenticated
    @Operation(summary = "Unlink the caller's NFC wristband",
            description = "Roles: auth (self). The tag no longer names any wallet.")
    @APIResponse(responseCode = "200", description = "The wallet",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    public Uni<AccountView> nfcUnlink() {
        return cashless.unlinkNfc(currentUser.id());
    }

    @GET
    @Path("/nfc/{tagId}")
    @Authenticated
    @Operation(summary = "The wallet behind an NFC tag",
            description = "Roles: ADMIN, platform CASHIER/STAFF/SECURITY, crew of any festival, or the wallet's owner.")
    @APIResponse(responseCode = "200", description = "The wallet",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 unknown tag",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<AccountView> nfcLookup(@PathParam("tagId") String tagId) {
        return cashless.nfcLookup(tagId);
    }

    @POST
    @Path("/nfc/block")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Block a lost NFC tag",
            description = "Roles: the wallet's owner, ADMIN, platform CASHIER/STAFF/SECURITY, or crew of any festival."
                    + " Charges naming the wallet by this tag then answer 403 ERR_5010 (app and QR payments still work).")
    @APIResponse(responseCode = "200", description = "The wallet",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 unknown tag",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<AccountView> nfcBlock(NfcTagRequest body) {
        return cashless.setNfcBlocked(body == null ? null : body.nfcTagId(), true);
    }

    @POST
    @Path("/nfc/unblock")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Unblock a found NFC tag", description = "Roles: the wallet's owner or ADMIN.")
    @APIResponse(responseCode = "200", description = "The wallet",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 not the owner",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<AccountView> nfcUnblock(NfcTagRequest body) {
        return cashless.setNfcBlocked(body == null ? null : body.nfcTagId(), false);
    }

    @POST
    @Path("/deactivate")
    @Authenticated
    @Operation(summary = "Deactivate the caller's wallet", description = "Roles: auth (self). Every debit then answers 403 ERR_5010.")
    @APIResponse(responseCode = "200", description = "The wallet",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no wallet",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<AccountView> deactivate() {
        return cashless.setActive(currentUser.id(), false);
    }

    @POST
    @Path("/reactivate")
    @Authenticated
    @Operation(summary = "Reactivate the caller's wallet", description = "Roles: auth (self).")
    @APIResponse(responseCode = "200", description = "The wallet",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no wallet",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<AccountView> reactivate() {
        return cashless.setActive(currentUser.id(), true);
    }

    @POST
    @Path("/qr-token")
    @Authenticated
    @Operation(summary = "A short-lived QR token for paying at a bar",
            description = "Roles: auth (self). Chargeable (POST /pay with qrToken) until expiresAt"
                    + " (festival.cashless.qr-token-ttl, 60 s by default). Only its hash is stored.")
    @APIResponse(responseCode = "201", description = "The token",
            content = @Content(schema = @Schema(implementation = QrTokenView.class)))
    public Uni<RestResponse<QrTokenView>> qrToken() {
        return cashless.issueQrToken(currentUser.id()).map(t -> RestResponse.status(Status.CREATED, t));
    }

    @POST
    @Path("/refund-request")
    @Authenticated
    @Operation(summary = "Ask for the remaining balance back after the festival",
            description = "Roles: auth (self). Records a PENDING request for the current balance (paid out by an"
                    + " operator); one pending request per wallet. Body {festivalId?, iban?, reason?}.")
    @APIResponse(responseCode = "201", description = "The request",
            content = @Content(schema = @Schema(implementation = BalanceRefundView.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no wallet",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5002 a request is already pending",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<BalanceRefundView>> refundRequest(BalanceRefundRequest body) {
        return cashless.requestBalanceRefund(currentUser.id(), body).map(r -> RestResponse.status(Status.CREATED, r));
    }

    static UUID pathId(String id, String what) {
        return PathIds.orNotFound(id, what);
    }
}
