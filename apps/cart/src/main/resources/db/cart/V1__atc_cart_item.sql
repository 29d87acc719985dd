-- Add-to-cart carts (db-a only: cluster B sends ATC to A). One row per user and product.
-- Instants are epoch milliseconds: mysql-connector-j drops fractional seconds on MariaDB (TOOLCHAIN.md).
CREATE TABLE atc_cart_item (
    user_id    VARCHAR(64) NOT NULL,
    product_id VARCHAR(32) NOT NULL,
    quantity   INT         NOT NULL,
    added_at   BIGINT      NOT NULL,
    updated_at BIGINT      NOT NULL,
    PRIMARY KEY (user_id, product_id),
    CONSTRAINT atc_cart_item_quantity_positive CHECK (quantity > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
