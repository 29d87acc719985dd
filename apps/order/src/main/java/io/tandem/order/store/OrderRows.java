package io.tandem.order.store;

import io.helidon.dbclient.DbRow;

import io.tandem.order.domain.OrderRecord;
import io.tandem.order.domain.OrderStatus;

/** Reads a row of {@code orders} into the domain's {@link OrderRecord}: the one place that knows its columns. */
final class OrderRows {
    private OrderRows() {
    }

    static OrderRecord from(DbRow row) {
        return new OrderRecord(row.column("order_number").getString(), row.column("cluster").getString(),
                row.column("user_id").getString(), row.column("idempotency_key").getString(),
                row.column("fingerprint").getString(), OrderStatus.valueOf(row.column("status").getString()),
                row.column("request_json").getString(), row.column("pricing_json").getString(),
                row.column("total_cents").get(Long.class), row.column("currency").getString(),
                row.column("payment_id").getString(), row.column("failure_code").getString(),
                row.column("failure_message").getString(), row.column("failure_hint").getString(),
                row.column("failed_step").getString(), row.column("created_at").getLong(),
                row.column("updated_at").getLong(), row.column("confirmed_at").get(Long.class),
                row.column("failed_at").get(Long.class));
    }
}
