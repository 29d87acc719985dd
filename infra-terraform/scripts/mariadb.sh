#!/usr/bin/env bash
# mariadb.sh start|stop NAME PORT SERVER_ID [PRIMARY_PORT]
# One project-owned MariaDB instance under $RUN_DIR/mariadb/NAME. With PRIMARY_PORT it becomes a
# read_only GTID replica of that primary. Bootstraps the schema owner users on a primary.
# Environment: RUN_DIR, DB_APP_PASSWORD, DB_ADMIN_PASSWORD, DB_REPL_PASSWORD; SEMI_SYNC_TIMEOUT_MS (db-a and its
# replica: semi-synchronous replication both ways, so a promoted replica replicates semi-synchronously too).
# A primary fenced by `./tandem failover region-a` ($RUN_DIR/region/NAME.fenced) starts read-only: it never takes
# a write again until failback rebuilds it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

action=$1 name=$2 port=$3 server_id=$4 primary_port=${5:-}
: "${RUN_DIR:?}" "${DB_APP_PASSWORD:?}" "${DB_ADMIN_PASSWORD:?}" "${DB_REPL_PASSWORD:?}"
home="$RUN_DIR/mariadb/$name"
# MariaDB's own default is 10 s; 1 s keeps a commit under the services' 2 s database timeout when the replica
# stops acknowledging, after which db-a runs asynchronous (Rpl_semi_sync_master_status OFF) until it catches up.
DEFAULT_SEMI_SYNC_TIMEOUT_MS=1000
fence="$RUN_DIR/region/$name.fenced"
cnf="$home/my.cnf"
socket="$home/mysqld.sock"
pidfile="$RUN_DIR/pids/$name.pid"

sql() { mariadb --defaults-file="$cnf" --protocol=socket -uroot "$@"; }

write_cnf() {
  mkdir -p "$home/data" "$home/tmp"
  cat >"$cnf" <<CNF
[client]
socket=$socket
[mariadbd]
user=$(id -un)
datadir=$home/data
tmpdir=$home/tmp
socket=$socket
pid-file=$home/mariadbd.pid
bind-address=127.0.0.1
port=$port
server-id=$server_id
log-bin=$home/data/binlog
binlog-format=ROW
log-slave-updates=ON
gtid-strict-mode=ON
expire-logs-days=2
skip-name-resolve
innodb-buffer-pool-size=64M
max-connections=300
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
$( { [ -n "$primary_port" ] || [ -f "$fence" ]; } && printf 'read-only=ON\n' )
$( [ -n "${SEMI_SYNC_TIMEOUT_MS:-}" ] && semi_sync_cnf )
log-error=$RUN_DIR/logs/$name.err.log
CNF
}

# Both roles on both sides of the pair: the one that is primary waits for an ack of its semi-sync replica (up to the
# timeout), and with no replica connected at all it runs asynchronous at once rather than stall every commit.
semi_sync_cnf() {
  cat <<SEMI
rpl_semi_sync_master_enabled=ON
rpl_semi_sync_slave_enabled=ON
rpl_semi_sync_master_timeout=${SEMI_SYNC_TIMEOUT_MS:-$DEFAULT_SEMI_SYNC_TIMEOUT_MS}
rpl_semi_sync_master_wait_no_slave=OFF
# Lossless: a transaction commits in the engine only after the replica has it, so nobody reads a write the
# replica may not have (AFTER_COMMIT, the default, shows it first).
rpl_semi_sync_master_wait_point=AFTER_SYNC
SEMI
  # A fenced former primary restarts as a replica-to-be: crash recovery truncates from its binlog what was written
  # but never acknowledged (not on the promoted side), so failback can replicate from the promoted one by GTID.
  [ -f "$fence" ] && printf 'init-rpl-role=SLAVE\n'
  return 0
}

bootstrap_primary() {
  sql <<SQL
CREATE DATABASE IF NOT EXISTS tandem CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'tandem_admin'@'127.0.0.1' IDENTIFIED BY '$DB_ADMIN_PASSWORD';
CREATE USER IF NOT EXISTS 'tandem_admin'@'localhost' IDENTIFIED BY '$DB_ADMIN_PASSWORD';
GRANT ALL PRIVILEGES ON tandem.* TO 'tandem_admin'@'127.0.0.1';
GRANT ALL PRIVILEGES ON tandem.* TO 'tandem_admin'@'localhost';
CREATE USER IF NOT EXISTS 'tandem_app'@'127.0.0.1' IDENTIFIED BY '$DB_APP_PASSWORD';
CREATE USER IF NOT EXISTS 'tandem_app'@'localhost' IDENTIFIED BY '$DB_APP_PASSWORD';
GRANT SELECT, INSERT, UPDATE, DELETE ON tandem.* TO 'tandem_app'@'127.0.0.1';
GRANT SELECT, INSERT, UPDATE, DELETE ON tandem.* TO 'tandem_app'@'localhost';
CREATE USER IF NOT EXISTS 'tandem_repl'@'127.0.0.1' IDENTIFIED BY '$DB_REPL_PASSWORD';
GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'tandem_repl'@'127.0.0.1';
-- The readiness probe of envs/local and the replication check read this.
GRANT SELECT ON mysql.* TO 'tandem_admin'@'127.0.0.1';
GRANT REPLICATION CLIENT ON *.* TO 'tandem_admin'@'127.0.0.1';
SQL
}

attach_replica() {
  wait_for "$name: primary on $primary_port" 30 port_open "$primary_port"
  local state
  state=$(sql -N -e "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER='system user'")
  if [ "$state" = 0 ]; then
    sql <<SQL
CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$primary_port, MASTER_USER='tandem_repl',
  MASTER_PASSWORD='$DB_REPL_PASSWORD', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1;
START SLAVE;
SQL
  fi
  wait_for "$name: replication running" 30 replica_running
}

replica_running() {
  sql -e "SHOW SLAVE STATUS\G" | grep -q 'Slave_SQL_Running: Yes'
}

start() {
  mkdir -p "$RUN_DIR/logs" "$RUN_DIR/pids"
  write_cnf
  if [ ! -d "$home/data/mysql" ]; then
    log "$name: initialising $home/data"
    mariadb-install-db --defaults-file="$cnf" --auth-root-authentication-method=socket \
      --skip-test-db >"$RUN_DIR/logs/$name.install.log" 2>&1
  fi
  start_bg "$name" "$pidfile" "$RUN_DIR/logs/$name.log" mariadbd --defaults-file="$cnf"
  wait_for "$name" 60 sql -e "SELECT 1"
  if [ -n "$primary_port" ]; then attach_replica
  # Fenced: no statement of ours either (a user created here would be a GTID the promoted side never had).
  elif [ -f "$fence" ]; then log "$name: fenced by a failover ($fence): started read-only"
  else bootstrap_primary; fi
  log "$name: ready on 127.0.0.1:$port"
}

case "$action" in
  start) start ;;
  stop) stop_pid "$name" "$pidfile" 30 ;;
  *) die "usage: mariadb.sh start|stop NAME PORT SERVER_ID [PRIMARY_PORT]" ;;
esac
