-- The stock service's own database (db-stock): one stock for both clusters.
-- A product's free units are supplied - sold - held; a hold takes them with a conditional UPDATE.
CREATE TABLE stock (
    product_id  VARCHAR(32) NOT NULL,
    supplied    INT         NOT NULL,            -- units ever put on sale: the seed, moved by PUT /admin/stock
    held        INT         NOT NULL DEFAULT 0,  -- units in HELD reservations
    sold        INT         NOT NULL DEFAULT 0,  -- units in COMMITTED reservations
    updated_at  BIGINT      NOT NULL,            -- epoch millis (the connector drops fractional seconds)
    PRIMARY KEY (product_id)
) ENGINE=InnoDB;

-- One row per order number: HELD, COMMITTED, RELEASED (also a tombstone: released before any reserve), EXPIRED.
CREATE TABLE reservation (
    order_number VARCHAR(40) NOT NULL,
    status       VARCHAR(16) NOT NULL,
    created_at   BIGINT      NOT NULL,
    expires_at   BIGINT      NULL,
    updated_at   BIGINT      NOT NULL,
    PRIMARY KEY (order_number),
    KEY reservation_expiry (status, expires_at)
) ENGINE=InnoDB;

CREATE TABLE reservation_line (
    order_number VARCHAR(40) NOT NULL,
    product_id   VARCHAR(32) NOT NULL,
    quantity     INT         NOT NULL,
    PRIMARY KEY (order_number, product_id),
    KEY reservation_line_product (product_id)
) ENGINE=InnoDB;
