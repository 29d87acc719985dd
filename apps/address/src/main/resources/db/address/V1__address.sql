-- Delivery addresses (db-a; cluster B reads them from the db-a replica and sends writes to A).
-- Instants are epoch milliseconds (TOOLCHAIN.md). Field formats are checked by the service (AddressInput).
CREATE TABLE address (
    address_id VARCHAR(40)  NOT NULL,
    user_id    VARCHAR(64)  NOT NULL,
    label      VARCHAR(40)  NULL,
    recipient  VARCHAR(100) NOT NULL,
    line1      VARCHAR(120) NOT NULL,
    line2      VARCHAR(120) NULL,
    city       VARCHAR(80)  NOT NULL,
    region     VARCHAR(80)  NULL,
    postcode   VARCHAR(10)  NOT NULL,
    country    CHAR(2)      NOT NULL,
    phone      VARCHAR(16)  NOT NULL,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL,
    PRIMARY KEY (address_id),
    KEY address_by_user (user_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
