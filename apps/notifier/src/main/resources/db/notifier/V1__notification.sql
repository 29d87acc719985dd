-- One notification per confirmed order, whatever replays, rebalances or consumers on both clusters do:
-- the primary key is the order number. Lives in db-a (db.notifications). Instants: epoch milliseconds.
CREATE TABLE IF NOT EXISTS notification (
    order_number VARCHAR(20)  NOT NULL,
    user_id      VARCHAR(64)  NOT NULL,
    channel      VARCHAR(16)  NOT NULL,
    body         VARCHAR(500) NOT NULL,
    topic        VARCHAR(100) NOT NULL,
    kafka_partition INT       NOT NULL,
    kafka_offset BIGINT       NOT NULL,
    consumer     VARCHAR(64)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (order_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
