package io.tandem.proxy.routing;

/**
 * An answer the proxy gives itself, in the house error shape.
 *
 * @param status            HTTP status
 * @param code              machine-readable code
 * @param message           what happened
 * @param hint              what the client should do
 * @param retryAfterSeconds {@code Retry-After} for a 503; 0 for none
 */
public record Refusal(int status, String code, String message, String hint, int retryAfterSeconds) {
    /** ATC while {@code atc_disabled} is on. */
    public static final Refusal ATC_DISABLED = new Refusal(503, "ATC_DISABLED",
            "Add to cart is switched off for now.", "Use buy-now (/v1/buynow) to check out this item.", 60);
    /** A primary-only call while the primary is down. */
    public static final Refusal PRIMARY_DOWN = new Refusal(503, "PRIMARY_UNAVAILABLE",
            "The primary cluster, where carts and address changes live, is unavailable.",
            "Use buy-now to check out, or retry later.", 30);
    /** The status of an order whose cluster cannot be reached: the order is safe there, ask again. */
    public static final Refusal ORDER_STATUS_UNAVAILABLE = new Refusal(503, "ORDER_STATUS_UNAVAILABLE",
            "The cluster holding this order cannot be reached right now. The order is safe there.",
            "Ask for its status again after Retry-After seconds; do not place it again.", 5);
    /** A session whose cluster is down. */
    public static final Refusal RESTART_CHECKOUT = new Refusal(503, "CHECKOUT_RESTART_REQUIRED",
            "The cluster holding this checkout session is unavailable.",
            "Start the checkout again without X-Session-Key: a new session goes to a healthy cluster.", 1);

    /**
     * A new session while every cluster sheds new sessions.
     *
     * @param retryAfterSeconds when to try again
     * @return the refusal
     */
    public static Refusal overloaded(int retryAfterSeconds) {
        return new Refusal(503, "OVERLOADED", "Checkout is at capacity right now.",
                "Retry after Retry-After seconds; checkouts already started carry on.", retryAfterSeconds);
    }
}
