-- Orders of this cluster (db.orders: db-a on A, db-b on B). Instants are epoch milliseconds (TOOLCHAIN.md).
-- IF NOT EXISTS: the cluster migrator and a service test may both bring this location to an instance.

CREATE TABLE IF NOT EXISTS orders (
    order_number    VARCHAR(20)  NOT NULL,
    cluster         CHAR(1)      NOT NULL,
    user_id         VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(100) NOT NULL,
    fingerprint     CHAR(64)     NOT NULL,      -- SHA-256 of the place-order request
    status          VARCHAR(12)  NOT NULL,      -- CREATED PRICED RESERVED PAID CONFIRMED FAILED
    request_json    TEXT         NOT NULL,      -- lines, address, card token, currency as placed
    pricing_json    TEXT         NULL,          -- the priced lines, stored by the PRICED step
    total_cents     BIGINT       NULL,
    currency        CHAR(3)      NULL,
    payment_id      VARCHAR(64)  NULL,
    failure_code    VARCHAR(40)  NULL,
    failure_message VARCHAR(400) NULL,
    failure_hint    VARCHAR(200) NULL,
    failed_step     VARCHAR(12)  NULL,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    priced_at       BIGINT       NULL,
    reserved_at     BIGINT       NULL,
    paid_at         BIGINT       NULL,
    confirmed_at    BIGINT       NULL,
    failed_at       BIGINT       NULL,
    PRIMARY KEY (order_number),
    UNIQUE KEY orders_by_idempotency (user_id, idempotency_key),
    KEY orders_by_user (user_id, order_number),
    KEY orders_unfinished (cluster, status, updated_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Stock held by orders of this cluster (catalog has no reservation API: available = catalog stock - reserved).
CREATE TABLE IF NOT EXISTS stock_reserved (
    product_id VARCHAR(32) NOT NULL,
    reserved   INT         NOT NULL,
    PRIMARY KEY (product_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS order_reservation (
    order_number VARCHAR(20) NOT NULL,
    product_id   VARCHAR(32) NOT NULL,
    quantity     INT         NOT NULL,
    released     TINYINT     NOT NULL DEFAULT 0,
    created_at   BIGINT      NOT NULL,
    PRIMARY KEY (order_number, product_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Events written in the same transaction as the state change, published to Kafka by the relay.
CREATE TABLE IF NOT EXISTS outbox (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    cluster      CHAR(1)      NOT NULL,             -- the cluster whose relay publishes it
    topic        VARCHAR(100) NOT NULL,
    message_key  VARCHAR(100) NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   BIGINT       NOT NULL,
    published_at BIGINT       NULL,
    PRIMARY KEY (id),
    UNIQUE KEY outbox_once (topic, message_key),
    KEY outbox_pending (cluster, published_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Order-number high-water marks, one per cluster node (io.tandem.order.number.DbHighWaterMark).
CREATE TABLE IF NOT EXISTS order_number_mark (
    cluster     CHAR(1) NOT NULL,
    node        INT     NOT NULL,
    mark_millis BIGINT  NOT NULL,
    PRIMARY KEY (cluster, node)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- db-scheduler 15's table (its documented MySQL schema), under the name the order worker configures.
CREATE TABLE IF NOT EXISTS order_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            BLOB,
    execution_time       TIMESTAMP(6) NOT NULL,
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(50),
    last_success         TIMESTAMP(6) NULL,
    last_failure         TIMESTAMP(6) NULL,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP(6) NULL,
    version              BIGINT       NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance),
    INDEX order_tasks_execution_time (execution_time),
    INDEX order_tasks_last_heartbeat (last_heartbeat),
    INDEX order_tasks_priority (priority DESC, execution_time ASC)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
