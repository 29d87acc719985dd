-- Payments of this cluster (db.orders: db-a on A, db-b on B). Instants are epoch milliseconds (TOOLCHAIN.md).
-- IF NOT EXISTS: the cluster migrator and a service test may both bring this location to an instance.
CREATE TABLE IF NOT EXISTS payment (
    idempotency_key VARCHAR(128) NOT NULL,
    kind            VARCHAR(8)   NOT NULL,            -- CHARGE | REFUND
    order_number    VARCHAR(32)  NOT NULL,
    amount_cents    BIGINT       NOT NULL,
    currency        CHAR(3)      NOT NULL,
    card_token      VARCHAR(64)  NULL,                -- a provider token, never a card number
    fingerprint     VARCHAR(400) NOT NULL,            -- the request the key was first used for
    status          VARCHAR(20)  NOT NULL,            -- PENDING (outcome unknown) | SUCCEEDED | DECLINED | REJECTED
    provider_id     VARCHAR(64)  NULL,
    code            VARCHAR(64)  NULL,
    attempts        INT          NOT NULL,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    PRIMARY KEY (idempotency_key),
    KEY payment_by_order (order_number, kind)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
