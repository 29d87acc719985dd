-- Order-number node ids leased from this cluster's order database (issue 15): several order processes of one cluster
-- each hold their own node id (0..127) while they renew it; a lease not renewed by expires_at is free to take.
-- The high-water mark of a node's numbers moves here (from order_number_mark) so that storing it is fenced by the
-- lease in one row: only the live holder can move it (io.tandem.order.number.DbNodeLeases).
-- Instants are epoch milliseconds of the database's clock (TOOLCHAIN.md: BIGINT, never DATETIME through Connector/J).
CREATE TABLE IF NOT EXISTS order_node_lease (
    cluster     CHAR(1)      NOT NULL,
    node        INT          NOT NULL,          -- 0..127, the node bits of an order number
    holder      VARCHAR(100) NULL,              -- the process's lease token; kept after a release, for the record
    acquired_at BIGINT       NOT NULL DEFAULT 0,
    expires_at  BIGINT       NOT NULL DEFAULT 0, -- free once the database's clock passes it (a release sets it to now)
    mark_millis BIGINT       NOT NULL DEFAULT -1, -- the node's high-water mark (ms since the order-number epoch)
    PRIMARY KEY (cluster, node)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Every node id of every cluster letter (a..d: the two cluster bits), so taking one is a single UPDATE.
INSERT IGNORE INTO order_node_lease (cluster, node)
WITH RECURSIVE ids (n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM ids WHERE n < 127),
     clusters (c) AS (SELECT 'a' UNION ALL SELECT 'b' UNION ALL SELECT 'c' UNION ALL SELECT 'd')
SELECT c, n FROM clusters CROSS JOIN ids;

-- Marks issued before the lease keep their meaning: a node resumes above them.
UPDATE order_node_lease l JOIN order_number_mark m ON m.cluster = l.cluster AND m.node = l.node
SET l.mark_millis = GREATEST(l.mark_millis, m.mark_millis);

DROP TABLE IF EXISTS order_number_mark;
