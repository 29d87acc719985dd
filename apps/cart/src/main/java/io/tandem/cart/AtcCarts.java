package io.tandem.cart;

import java.util.List;

import io.tandem.common.pricing.Line;

/** Add-to-cart carts, one per user, in db-a (table {@code atc_cart_item}); they survive restarts. */
interface AtcCarts {
    /** The user's lines, oldest first. */
    List<Line> lines(String userId);

    /**
     * Adds units of a product (a new line, or more of one already there).
     *
     * @return the line's new quantity
     * @throws io.tandem.common.api.ApiException 422 when the quantity or line limit would be passed
     */
    int add(String userId, String productId, int quantity, int maxQuantity, int maxLines);

    /** Sets a line's quantity; false when the product is not in the cart. */
    boolean set(String userId, String productId, int quantity);

    /** Removes a line; false when it was not there. */
    boolean remove(String userId, String productId);
}
