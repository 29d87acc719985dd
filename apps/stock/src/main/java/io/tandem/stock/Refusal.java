package io.tandem.stock;

/**
 * A reservation call the store refuses (nothing changed): the service answers it in the house error shape, with
 * the product it names when there is one.
 *
 * @param status    HTTP status
 * @param code      OUT_OF_STOCK, UNKNOWN_PRODUCT, RESERVATION_RELEASED, RESERVATION_COMMITTED, HOLD_EXPIRED,
 *                  RESERVATION_NOT_FOUND, RESERVATION_MISMATCH
 * @param productId the product at fault, or null
 * @param message   for people
 * @param hint      what to do
 */
record Refusal(int status, String code, String productId, String message, String hint) {
}
