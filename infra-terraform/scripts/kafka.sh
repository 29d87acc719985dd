#!/usr/bin/env bash
# kafka.sh start|stop PORT CONTROLLER_PORT: one KRaft broker+controller from Maven Central jars,
# under $RUN_DIR/kafka, and the topics of infra-terraform/kafka/topics.txt.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

action=$1 port=$2 controller_port=$3
: "${RUN_DIR:?}"
home="$RUN_DIR/kafka"
libs="$home/libs"
pidfile="$RUN_DIR/pids/kafka.pid"
KAFKA_HEAP=${KAFKA_HEAP:--Xmx384m}

fetch_jars() {
  if ! ls "$libs"/kafka_2.13-*.jar >/dev/null 2>&1; then
    log "kafka: copying the broker's jars from Maven"
    "$TANDEM_ROOT/mvnw" -q -B -f "$TANDEM_ROOT/infra-terraform/kafka/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$libs" >"$RUN_DIR/logs/kafka.fetch.log" 2>&1 \
      || die "could not fetch Kafka's jars: see $RUN_DIR/logs/kafka.fetch.log"
  fi
}

kafka_java() { java "$KAFKA_HEAP" -Dlog4j2.configurationFile="$home/log4j2.properties" -cp "$libs/*" "$@"; }

write_config() {
  mkdir -p "$home/data"
  cat >"$home/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$home/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.cleaner.dedupe.buffer.size=16777216
PROPS
  cat >"$home/log4j2.properties" <<PROPS
rootLogger.level=WARN
rootLogger.appenderRef.stdout.ref=STDOUT
appender.stdout.type=Console
appender.stdout.name=STDOUT
appender.stdout.layout.type=PatternLayout
appender.stdout.layout.pattern=%d %p %c{1} %m%n
logger.kafka.name=kafka
logger.kafka.level=INFO
PROPS
}

create_topics() {
  local name partitions retention
  while read -r name partitions retention; do
    case "$name" in ''|'#'*) continue ;; esac
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$port" --create --if-not-exists \
      --topic "$name" --partitions "$partitions" --replication-factor 1 --config "retention.ms=$retention" \
      >>"$RUN_DIR/logs/kafka.topics.log" 2>&1 || die "kafka: could not create topic $name: see $RUN_DIR/logs/kafka.topics.log"
  done <"$TANDEM_ROOT/infra-terraform/kafka/topics.txt"
}

start() {
  mkdir -p "$RUN_DIR/logs"
  use_java
  fetch_jars
  write_config
  if [ ! -f "$home/data/meta.properties" ]; then
    log "kafka: formatting $home/data"
    kafka_java kafka.tools.StorageTool format --standalone --ignore-formatted \
      --cluster-id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')" \
      --config "$home/server.properties" >"$RUN_DIR/logs/kafka.format.log" 2>&1 \
      || die "kafka: format failed: see $RUN_DIR/logs/kafka.format.log"
  fi
  start_bg kafka "$pidfile" "$RUN_DIR/logs/kafka.log" \
    java "$KAFKA_HEAP" -Dlog4j2.configurationFile="$home/log4j2.properties" -cp "$libs/*" kafka.Kafka "$home/server.properties"
  wait_for kafka 90 port_open "$port"
  create_topics
  log "kafka: ready on 127.0.0.1:$port"
}

case "$action" in
  start) start ;;
  stop) stop_pid kafka "$pidfile" 30 ;;
  *) die "usage: kafka.sh start|stop PORT CONTROLLER_PORT" ;;
esac
