-- A row per cluster that its readiness and the environment checks write and read back
-- (a write on db-a must show on the replica).
CREATE TABLE heartbeat (
    cluster     VARCHAR(8)  NOT NULL PRIMARY KEY,
    beat_millis BIGINT      NOT NULL
) ENGINE = InnoDB;
