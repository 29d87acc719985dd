-- An order is the checkout of its cart (issue 11): the cart and address it was placed with, and one live order
-- per cart. A cart whose order FAILED may be ordered again (a new card, the new total); any other is taken.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS cart_id VARCHAR(64) NULL AFTER request_json;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS address_id VARCHAR(64) NULL AFTER cart_id;

CREATE TABLE IF NOT EXISTS cart_order (
    cart_id      VARCHAR(64) NOT NULL,
    order_number VARCHAR(20) NOT NULL,      -- the cart's current order: the only one not FAILED
    user_id      VARCHAR(64) NOT NULL,
    updated_at   BIGINT      NOT NULL,
    PRIMARY KEY (cart_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
