#!/usr/bin/env bash
# region.sh failover|failback|status region-a
# Moves the primary role (ATC carts, address writes) between db-a + cluster A and the db-a replica + cluster B of
# the running local environment (ENV_FILE, .run/local/env.properties). runbooks/region-loss.md tells when.
#
#   failover: fence db-a (read_only=1 and its app connections killed; if it is dead, a fence file makes it start
#             read-only), let the replica apply all it received, promote it (STOP SLAVE; RESET SLAVE ALL;
#             read_only=0), drain cluster A in the proxy (new sessions to B at once), flip the flag
#             primary_cluster to b, wait until the proxy and cluster B follow.
#   failback: start db-a if it is down, make it a replica of the promoted one from its GTID position, wait until it
#             has caught up and (when cluster A runs) until the proxy has cluster A UP, drain (promoted read_only=1 and its app connections killed), wait for the last
#             transaction, make db-a primary again, flip primary_cluster to a, point the replica at db-a again,
#             undrain cluster A in the proxy (its health checks keep it out until it runs).
#   reverse:  failback's first half (db-a back as a replica of the promoted one, caught up); B stays primary.
#   converge TOPOLOGY: to normal, failed-over or reversed from wherever it stands (envs/local's mysql_topology).
# Every step checks the state first, so running either twice does no harm. Topology in $RUN_DIR/region/topology:
# normal -> failed-over -> reversed -> normal (as mysql_topology of envs/aws).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

action=${1:-} region=${2:-}
[ "$region" = region-a ] || die "usage: ./tandem failover|failback|status region-a (the one region this environment can lose)"
: "${ENV_FILE:?}"
prop() { sed -n "s/^$1=//p" "$ENV_FILE"; }
RUN_DIR=$(prop run.dir)
[ -n "$RUN_DIR" ] || die "no run.dir in $ENV_FILE: is the environment up?"
# How long a step may wait for its effect; named here so that the runbook can cite them.
DEFAULT_CATCH_UP_SECONDS=${REGION_CATCH_UP_SECONDS:-60}
DEFAULT_FOLLOW_SECONDS=${REGION_FOLLOW_SECONDS:-30}
# Unleash's admin API answers in milliseconds, but seconds on a loaded machine: a call may take this long, and is
# tried this often (the PUT of a strategy is idempotent).
DEFAULT_UNLEASH_SECONDS=${REGION_UNLEASH_SECONDS:-15}
DEFAULT_UNLEASH_TRIES=${REGION_UNLEASH_TRIES:-3}
state_dir="$RUN_DIR/region"
mkdir -p "$state_dir"
topology_file="$state_dir/topology"
topology() { cat "$topology_file" 2>/dev/null || echo normal; }
set_topology() { echo "$1" >"$topology_file"; say "topology: $1"; }
say() { printf '%s region %s: %s\n' "$(date +%H:%M:%S.%3N)" "$action" "$*"; }
now_ms() { date +%s%3N; }

port_of() { prop "port.$1"; }
db_a_port=$(port_of db-a) replica_port=$(port_of db-a-replica)
sql() { # sql NAME SQL...: as root over the instance's socket
  local name=$1; shift
  mariadb --defaults-file="$RUN_DIR/mariadb/$name/my.cnf" --protocol=socket -uroot -N -B -e "$*"
}
alive() { running "$RUN_DIR/pids/$1.pid" && sql "$1" "SELECT 1" >/dev/null 2>&1; }
slave_field() { # slave_field NAME FIELD: one field of SHOW SLAVE STATUS (empty when not a replica)
  mariadb --defaults-file="$RUN_DIR/mariadb/$1/my.cnf" --protocol=socket -uroot -e "SHOW SLAVE STATUS\G" 2>/dev/null |
    sed -n "s/^ *$2: //p"
}
kill_app_connections() {
  local id
  for id in $(sql "$1" "SELECT ID FROM information_schema.PROCESSLIST WHERE USER IN ('tandem_app','tandem_admin')"); do
    sql "$1" "KILL CONNECTION $id" 2>/dev/null || true
  done
}
# Waits until NAME has applied everything up to GTID position POS (MASTER_GTID_WAIT: 0 done, -1 timed out).
applied_up_to() { [ "$(sql "$1" "SELECT MASTER_GTID_WAIT('$2', $DEFAULT_CATCH_UP_SECONDS)")" = 0 ]; }

unleash() { curl -fsS --max-time "$DEFAULT_UNLEASH_SECONDS" --retry "$((DEFAULT_UNLEASH_TRIES - 1))" --retry-all-errors \
  --retry-delay 1 -H "Authorization: $(prop unleash.admin.token)" "$@"; }

flag_primary() { # flag_primary a|b: the one strategy of primary_cluster in development, its variant set to the cluster
  local api strategy body
  api="$(prop unleash.url)/api/admin/projects/default/features/primary_cluster/environments/development"
  strategy=$(unleash "$api/strategies" | jq -c '.[0]') \
    || die "cannot read primary_cluster from Unleash (is the flag synced? flags/README.md)"
  [ "$strategy" != null ] || die "primary_cluster has no strategy in development"
  # Both variants stay declared (flags.json): the other one pinned at 0, the one named takes all.
  body=$(jq -c --arg v "$1" --arg o "$([ "$1" = a ] && echo b || echo a)" '{name, title, constraints, parameters,
    disabled, segments, variants: [{name: $o, weight: 0, weightType: "fix", stickiness: "default"},
    {name: $v, weight: 1000, weightType: "variable", stickiness: "default"}]}' <<<"$strategy")
  unleash -o /dev/null -X PUT -H 'Content-Type: application/json' -d "$body" "$api/strategies/$(jq -r .id <<<"$strategy")" \
    || die "Unleash refused the change of primary_cluster"
  unleash -o /dev/null -X POST "$api/on" || die "Unleash refused to switch primary_cluster on"
  say "flag primary_cluster -> $1 (Unleash)"
}

# The proxy's routing state names primary_cluster=X once it follows (its admin endpoint; envs/local leaves the
# proxy's own admin token at its configured default, proxy/README.md).
PROXY_ADMIN_TOKEN=${PROXY_ADMIN_TOKEN:-tandem-local-proxy-admin}
proxy_follows() {
  curl -fsS --max-time 5 -H "X-Admin-Token: $PROXY_ADMIN_TOKEN" "$(prop proxy.url)/proxy/admin/clusters" \
    2>/dev/null | grep -q "primary_cluster=$1"
}
cluster_holds() { # the cluster's deep health names its role
  curl -fsS --max-time 5 "$(prop "cluster.$1.url")/health/deep" 2>/dev/null | grep -q 'holds the primary role'
}
proxy_drain() { # proxy_drain drain|undrain CLUSTER: new sessions away from a lost region at once, not after health notices
  curl -fsS --max-time 5 -o /dev/null -X POST -H "X-Admin-Token: $PROXY_ADMIN_TOKEN" \
    "$(prop proxy.url)/proxy/admin/clusters/$2/$1" && say "proxy: cluster $2 ${1}ed for new sessions" \
    || say "proxy: could not $1 cluster $2 (its health checks still decide)"
}

proxy_state() { # proxy_state CLUSTER: the proxy's health state of it (UP, RECOVERING, DOWN...)
  curl -fsS --max-time 5 -H "X-Admin-Token: $PROXY_ADMIN_TOKEN" "$(prop proxy.url)/proxy/admin/clusters" 2>/dev/null \
    | grep -o "\"name\":\"$1\"[^{}]*\"state\":\"[A-Z]*\"" | sed 's/.*"state":"\([A-Z]*\)"/\1/'
}
await_proxy_up() { # await_proxy_up CLUSTER: until the proxy has it UP (past its failback delay), or the follow bound
  local deadline=$((SECONDS + DEFAULT_FOLLOW_SECONDS))
  while [ $SECONDS -lt $deadline ]; do
    [ "$(proxy_state "$1")" = UP ] && return 0
    sleep 0.2
  done
  return 1
}

await_follow() { # await_follow CLUSTER: until the proxy and that cluster follow the flag
  local cluster=$1 deadline=$((SECONDS + DEFAULT_FOLLOW_SECONDS)) proxy=no holder=no
  while [ $SECONDS -lt $deadline ]; do
    proxy_follows "$cluster" && proxy=yes
    cluster_holds "$cluster" && holder=yes
    [ $proxy = yes ] && [ $holder = yes ] && break
    sleep 0.2
  done
  say "proxy follows primary_cluster=$cluster: $proxy; cluster $cluster holds the role: $holder"
  [ $proxy = yes ] && [ $holder = yes ]
}

failover() {
  local t0 pos
  t0=$(now_ms)
  if [ "$(topology)" = failed-over ]; then
    say "already failed over: checking the flag only"
  else
    # 1. Fence: from here db-a never takes an application write again.
    touch "$state_dir/db-a.fenced"
    if alive db-a; then
      sql db-a "SET GLOBAL read_only=1"
      kill_app_connections db-a
      pos=$(sql db-a "SELECT @@gtid_binlog_pos")
      say "db-a fenced: read_only=1, application connections killed; last GTID $pos"
    else
      pos=""
      say "db-a is down: fenced by $state_dir/db-a.fenced (it starts read-only if anything starts it)"
    fi
    # 2. The replica applies all it has: up to db-a's last GTID when db-a answers, else what its IO thread received
    #    (semi-sync: every acknowledged write is in there).
    if [ -n "$(slave_field db-a-replica Master_Host)" ]; then
      [ -n "$pos" ] || pos=$(slave_field db-a-replica Gtid_IO_Pos)
      sql db-a-replica "STOP SLAVE IO_THREAD" || true
      if [ -n "$pos" ] && ! applied_up_to db-a-replica "$pos"; then
        die "the replica did not apply up to $pos within ${DEFAULT_CATCH_UP_SECONDS} s: not promoting"
      fi
      say "replica applied up to $pos"
      # 3. Promote.
      sql db-a-replica "STOP SLAVE; RESET SLAVE ALL"
    fi
    sql db-a-replica "SET GLOBAL read_only=0"
    say "replica promoted: replication stopped and reset, read_only=0; GTID $(sql db-a-replica "SELECT @@gtid_binlog_pos")"
    set_topology failed-over
  fi
  # 4. New sessions to B now (the proxy's health checks would take seconds longer to see A gone), then the role.
  proxy_drain drain a
  flag_primary b
  await_follow b || die "the proxy or cluster B did not follow primary_cluster=b within ${DEFAULT_FOLLOW_SECONDS} s"
  say "done in $(($(now_ms) - t0)) ms: ATC and address writes go to cluster B, on the promoted replica (127.0.0.1:$replica_port)"
}

start_db_a() {
  RUN_DIR="$RUN_DIR" DB_APP_PASSWORD=$(prop db.app.password) DB_ADMIN_PASSWORD=$(prop db.admin.password) \
    DB_REPL_PASSWORD=$(prop db.repl.password) SEMI_SYNC_TIMEOUT_MS=$(prop db.semi-sync.timeout-ms) \
    "$(dirname "$0")/mariadb.sh" start db-a "$db_a_port" 1
}

reverse() { # failed-over -> reversed: the region is back, B still primary; failback's steps 1 and 2
  local pos
  [ "$(topology)" != normal ] || die "topology is normal: reversed comes after failed-over"
  # 1. db-a back, fenced (read-only), as a replica of the promoted one from its own GTID position.
  alive db-a || { say "starting db-a (fenced: read-only)"; start_db_a; }
  if [ "$(topology)" = failed-over ]; then
    sql db-a "SET GLOBAL read_only=1"
    sql db-a "STOP SLAVE; RESET SLAVE ALL" 2>/dev/null || true
    sql db-a "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$replica_port, MASTER_USER='$(prop db.repl.user)',
      MASTER_PASSWORD='$(prop db.repl.password)', MASTER_USE_GTID=current_pos, MASTER_CONNECT_RETRY=1; START SLAVE"
    set_topology reversed
  fi
  # 2. Catch up while B keeps writing.
  pos=$(sql db-a-replica "SELECT @@gtid_binlog_pos")
  applied_up_to db-a "$pos" || die "db-a did not catch up to $pos within ${DEFAULT_CATCH_UP_SECONDS} s: $(slave_field db-a Last_SQL_Error)$(slave_field db-a Last_IO_Error)"
  say "db-a replicates from the promoted replica and has caught up to $pos ($(slave_field db-a Seconds_Behind_Master) s behind)"
}

converge() { # converge TOPOLOGY: envs/local's mysql_topology variable; does nothing when already there
  local want=${1:-}
  case "$want" in
    normal) [ "$(topology)" = normal ] && { say "topology is normal already"; return 0; }; failback ;;
    failed-over) [ "$(topology)" = failed-over ] && { say "failed over already"; return 0; }; failover ;;
    reversed)
      case "$(topology)" in
        reversed) say "reversed already" ;;
        failed-over) reverse ;;
        *) die "mysql_topology=reversed comes after failed-over (now: $(topology))" ;;
      esac ;;
    *) die "converge: normal, failed-over or reversed, got '$want'" ;;
  esac
}

failback() {
  local t0 pos refused_from refused_ms
  t0=$(now_ms)
  case "$(topology)" in
    normal) say "topology is normal: nothing to fail back"; flag_primary a; return 0 ;;
  esac
  reverse
  # 2b. Cluster A running again (the region is back): wait until the proxy has it UP before the drain, so its
  #     failback delay (and A's readiness, which needs db-a) is not spent while writes are refused.
  if curl -fsS --max-time 2 "$(prop cluster.a.url)/observe/health/live" >/dev/null 2>&1; then
    if await_proxy_up a; then say "the proxy has cluster A UP (drained: no new session yet)"
    else say "the proxy does not have cluster A UP after ${DEFAULT_FOLLOW_SECONDS} s ($(proxy_state a)): failing back anyway"; fi
  fi
  # 3. Drain: writes refused from here until cluster A takes them on db-a.
  refused_from=$(now_ms)
  sql db-a-replica "SET GLOBAL read_only=1"
  kill_app_connections db-a-replica
  pos=$(sql db-a-replica "SELECT @@gtid_binlog_pos")
  applied_up_to db-a "$pos" || die "db-a did not apply the last transactions ($pos)"
  sql db-a "STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only=0"
  rm -f "$state_dir/db-a.fenced"
  say "db-a primary again at $pos; writes drained"
  flag_primary a
  # 4. The normal direction: the replica follows db-a again (read-only, as it started).
  sql db-a-replica "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$db_a_port, MASTER_USER='$(prop db.repl.user)',
    MASTER_PASSWORD='$(prop db.repl.password)', MASTER_USE_GTID=current_pos, MASTER_CONNECT_RETRY=1; START SLAVE"
  set_topology normal
  if curl -fsS --max-time 2 "$(prop cluster.a.url)/observe/health/ready" >/dev/null 2>&1; then
    await_follow a || die "the proxy or cluster A did not follow primary_cluster=a within ${DEFAULT_FOLLOW_SECONDS} s"
    refused_ms=$(($(now_ms) - refused_from))
    say "writes refused for $refused_ms ms (drain to cluster A taking them)"
  else
    refused_ms=$(($(now_ms) - refused_from))
    say "writes refused from the drain on; cluster A is not running: ./tandem up starts it (it takes the role at once)"
  fi
  # New sessions may go to A again: while it is not running the proxy's health checks keep it out.
  proxy_drain undrain a
  say "done in $(($(now_ms) - t0)) ms; replica follows db-a again: $(slave_field db-a-replica Slave_SQL_Running)"
  echo "failback.refused_ms=$refused_ms" >"$state_dir/last-failback"
}

status() {
  echo "topology: $(topology)"
  for db in db-a db-a-replica; do
    if alive "$db"; then
      echo "$db: read_only=$(sql "$db" "SELECT @@read_only") gtid=$(sql "$db" "SELECT @@gtid_binlog_pos")" \
        "semi-sync master=$(sql "$db" "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME='RPL_SEMI_SYNC_MASTER_STATUS'")" \
        "replicating from=$(slave_field "$db" Master_Port)"
    else
      echo "$db: down"
    fi
  done
  [ -f "$state_dir/db-a.fenced" ] && echo "db-a fenced ($state_dir/db-a.fenced)"
  for c in a b; do
    echo "cluster $c holds the primary role: $(cluster_holds $c && echo yes || echo no)"
  done
  for c in a b; do proxy_follows $c && echo "proxy: primary_cluster=$c"; done
  return 0
}

case "$action" in
  failover | failback | reverse | status) "$action" ;;
  converge) converge "${3:-}" ;;
  *) die "usage: ./tandem failover|failback|region region-a (region.sh also: reverse region-a, converge region-a TOPOLOGY)" ;;
esac
