/**
 * Payments core: Stripe PaymentIntents, Checkout Sessions and refunds, and the webhook that makes
 * a payment COMPLETED exactly once.
 *
 * <ul>
 *   <li>Entry points: {@link dev.festival.payments.PaymentResource}, {@code CheckoutResource},
 *       {@code RefundResource}, {@code StripeWebhookResource}, {@code FestivalPaymentsResource}
 *       ({@code GET /api/festivals/:id/payments}); other features call
 *       {@link dev.festival.payments.PaymentService#createIntent} and register a
 *       {@link dev.festival.payments.PaymentEffect} bean for their purpose.</li>
 *   <li>Stripe: {@code StripeGateway} (errors → ERR_6001 / ERR_6002) over {@code StripeCalls}
 *       (worker thread, timeout, retry on network/5xx/429 only, circuit breaker). Stripe idempotency
 *       keys: {@code pi-create-<paymentId>}, {@code cs-create-<paymentId>}, {@code re-create-<refundId>},
 *       {@code pi-cancel-/cs-expire-<paymentId>}.</li>
 *   <li>Status rules (webhooks arrive duplicated and out of order): succeeded wins over PENDING,
 *       PROCESSING, FAILED and CANCELLED (money was taken); processing / failed never touch COMPLETED
 *       or refunded payments and an event older than the newest applied is ignored; canceled only
 *       closes open payments. Effects run only when the conditional UPDATE reached COMPLETED.</li>
 *   <li>Refunds: reserved on the payment ({@code refunded_cents}) before Stripe is called, released if
 *       Stripe refuses. Self-refund policy for the payer: within
 *       {@code festival.payments.self-refund-window} (14 days) of paying and before the festival
 *       starts; ADMIN and the festival's org are not bound by it.</li>
 *   <li>After commit: {@link dev.festival.payments.PaymentEvents} logs one line and publishes
 *       {@code payment.completed|failed|refunded} on the Vert.x event bus (ids only).</li>
 * </ul>
 */
package dev.festival.payments;
