-- The trace context (W3C traceparent) of the saga step that wrote an outbox row: the relay sends it in the Kafka
-- record's headers, so the relay's and the notifier's spans join the order's trace (apps/order README, "Traces").
-- NULL for rows written with tracing off, and for rows written before this column.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS traceparent VARCHAR(64) NULL;
