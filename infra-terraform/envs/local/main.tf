# envs/local: the whole Tandem platform on one machine, real servers only, loopback only.
# `terraform apply` brings it up (every start waits for readiness), `terraform destroy` takes it down;
# both are idempotent. Every process keeps its data, log and pid file under one run folder.

locals {
  repo    = coalesce(var.repo_root, abspath("${path.root}/../../.."))
  run_dir = coalesce(var.run_dir, "${local.repo}/.run/local")
  scripts = "${local.repo}/infra-terraform/scripts"
  o       = var.port_offset

  ports = {
    proxy            = 8080 + local.o
    cluster_a        = 8101 + local.o
    cluster_b        = 8201 + local.o
    catalog          = 8301 + local.o
    offers           = 8302 + local.o
    psp              = 8303 + local.o
    notifier         = 8304 + local.o
    stock            = 8305 + local.o
    db_a             = 13306 + local.o
    db_replica       = 13307 + local.o
    db_b             = 13308 + local.o
    db_stock         = 13309 + local.o
    redis_a          = 16379 + local.o
    redis_b          = 16380 + local.o
    kafka            = 19092 + local.o
    kafka_controller = 19093 + local.o
    postgres         = 15432 + local.o
    unleash          = 4242 + local.o
    faults           = 8390 + local.o
    alerts           = 8306 + local.o
    alertmanager     = 19094 + local.o
  }

  # The fault proxy's routes (apps/faults): each listens on its upstream's port + 10000. Cluster A reaches db-a and
  # Redis A through them, both clusters the payment provider, so chaos scenarios can slow or cut those links.
  fault_routes = {
    "db-a"    = { listen = local.ports.db_a + 10000, upstream = local.ports.db_a }
    "redis-a" = { listen = local.ports.redis_a + 10000, upstream = local.ports.redis_a }
    "psp"     = { listen = local.ports.psp + 10000, upstream = local.ports.psp }
  }

  jdbc = {
    a       = "jdbc:mysql://127.0.0.1:${local.ports.db_a}/tandem"
    replica = "jdbc:mysql://127.0.0.1:${local.ports.db_replica}/tandem"
    b       = "jdbc:mysql://127.0.0.1:${local.ports.db_b}/tandem"
    stock   = "jdbc:mysql://127.0.0.1:${local.ports.db_stock}/tandem"
  }

  script_env = {
    TANDEM_ROOT          = local.repo
    RUN_DIR              = local.run_dir
    DB_APP_PASSWORD      = var.db_app_password
    DB_ADMIN_PASSWORD    = var.db_admin_password
    DB_REPL_PASSWORD     = var.db_repl_password
    UNLEASH_ADMIN_TOKEN  = var.unleash_admin_token
    UNLEASH_CLIENT_TOKEN = var.unleash_client_token
    UNLEASH_UI_USER      = var.unleash_ui_user
    UNLEASH_UI_PASSWORD  = var.unleash_ui_password
    JAVA_SERVICE_HEAP    = var.jvm_heap
  }

  # db-a and its replica replicate semi-synchronously (either way round, after a failover): an acknowledged write
  # is on both, the RPO promise of runbooks/region-loss.md.
  semi_sync_env = merge(local.script_env, { SEMI_SYNC_TIMEOUT_MS = tostring(var.db_semi_sync_timeout_ms) })

  jar = {
    cluster  = "${local.repo}/apps/cluster/target/tandem-cluster.jar"
    catalog  = "${local.repo}/apps/catalog/target/tandem-catalog.jar"
    offers   = "${local.repo}/apps/offers/target/tandem-offers.jar"
    psp      = "${local.repo}/apps/payment/target/tandem-payment.jar"
    notifier = "${local.repo}/apps/notifier/target/tandem-notifier.jar"
    stock    = "${local.repo}/apps/stock/target/tandem-stock.jar"
    proxy    = "${local.repo}/proxy/target/tandem-proxy.jar"
    flags    = "${local.repo}/flags/target/tandem-flags.jar"
    faults   = "${local.repo}/apps/faults/target/tandem-faults.jar"
    alerts   = "${local.repo}/apps/alerts/target/tandem-alerts.jar"
  }
  # A component is started once its main class is built, so the environment comes up at every stage.
  main_class = {
    cluster  = "apps/cluster/target/classes/io/tandem/cluster/Main.class"
    catalog  = "apps/catalog/target/classes/io/tandem/catalog/Main.class"
    offers   = "apps/offers/target/classes/io/tandem/offers/Main.class"
    psp      = "apps/payment/target/classes/io/tandem/payment/provider/SimulatorMain.class"
    notifier = "apps/notifier/target/classes/io/tandem/notifier/Main.class"
    stock    = "apps/stock/target/classes/io/tandem/stock/Main.class"
    proxy    = "proxy/target/classes/io/tandem/proxy/Main.class"
    flags    = "flags/target/classes/io/tandem/flags/sync/FlagsSync.class"
    faults   = "apps/faults/target/classes/io/tandem/faults/Main.class"
    alerts   = "apps/alerts/target/classes/io/tandem/alerts/Main.class"
  }
  built = { for k, path in local.jar : k => fileexists(path) && fileexists("${local.repo}/${local.main_class[k]}") }
}

# ---------------------------------------------------------------- MariaDB: db-a, its replica, db-b, db-stock

# The primaries, each a MariaDB of its own (server ids 1 and 3; the replica is 2), and the stock service's own
# database (server id 4), shared by both clusters through the stock service only.
module "db" {
  source = "../../modules/local-process"
  for_each = {
    "db-a"     = { port = local.ports.db_a, server_id = 1 }
    "db-b"     = { port = local.ports.db_b, server_id = 3 }
    "db-stock" = { port = local.ports.db_stock, server_id = 4 }
  }
  name        = each.key
  port        = each.value.port
  run_dir     = local.run_dir
  environment = each.key == "db-a" ? local.semi_sync_env : local.script_env
  start       = "${local.scripts}/mariadb.sh start ${each.key} ${each.value.port} ${each.value.server_id}"
  stop        = "${local.scripts}/mariadb.sh stop ${each.key} ${each.value.port} ${each.value.server_id}"
}

module "db_replica" {
  source      = "../../modules/local-process"
  name        = "db-a-replica"
  port        = local.ports.db_replica
  run_dir     = local.run_dir
  environment = local.semi_sync_env
  start       = "${local.scripts}/mariadb.sh start db-a-replica ${local.ports.db_replica} 2 ${local.ports.db_a}"
  stop        = "${local.scripts}/mariadb.sh stop db-a-replica ${local.ports.db_replica} 2"
  triggers    = { primary = module.db["db-a"].id }
}

# Flyway, as the schema owner, on both primaries (the replica follows db-a through its binlog).
resource "terraform_data" "migrations" {
  count            = local.built.cluster ? 1 : 0
  triggers_replace = [filesha256(local.jar.cluster), module.db["db-a"].id, module.db["db-b"].id]
  provisioner "local-exec" {
    command     = "${local.scripts}/migrate.sh ${local.jdbc.a} ${local.jdbc.b}"
    environment = local.script_env
  }
  depends_on = [module.db_replica]
}

# The stock database's schema (apps/stock, classpath db/stock), as the schema owner, before the stock service starts.
resource "terraform_data" "stock_migrations" {
  count            = local.built.stock ? 1 : 0
  triggers_replace = [filesha256(local.jar.stock), module.db["db-stock"].id]
  provisioner "local-exec" {
    command     = "${local.scripts}/migrate.sh ${local.jdbc.stock}"
    environment = merge(local.script_env, { MIGRATE_JAR = local.jar.stock, MIGRATE_MAIN = "io.tandem.stock.MigrateMain" })
  }
}

# ---------------------------------------------------------------- Redis A and B

module "redis" {
  source      = "../../modules/local-process"
  for_each    = { "redis-a" = local.ports.redis_a, "redis-b" = local.ports.redis_b }
  name        = each.key
  port        = each.value
  run_dir     = local.run_dir
  environment = local.script_env
  start       = "${local.scripts}/redis.sh start ${each.key} ${each.value}"
  stop        = "${local.scripts}/redis.sh stop ${each.key} ${each.value}"
}

# ---------------------------------------------------------------- Kafka (KRaft, one node)

module "kafka" {
  source      = "../../modules/local-process"
  name        = "kafka"
  port        = local.ports.kafka
  run_dir     = local.run_dir
  environment = local.script_env
  start       = "${local.scripts}/kafka.sh start ${local.ports.kafka} ${local.ports.kafka_controller}"
  stop        = "${local.scripts}/kafka.sh stop ${local.ports.kafka} ${local.ports.kafka_controller}"
  triggers    = { topics = filesha256("${local.repo}/infra-terraform/kafka/topics.txt") }
}

# ---------------------------------------------------------------- PostgreSQL + Unleash

module "postgres" {
  source      = "../../modules/local-process"
  name        = "postgres"
  port        = local.ports.postgres
  run_dir     = local.run_dir
  environment = local.script_env
  start       = "${local.scripts}/postgres.sh start ${local.ports.postgres}"
  stop        = "${local.scripts}/postgres.sh stop ${local.ports.postgres}"
}

module "unleash" {
  source      = "../../modules/local-process"
  name        = "unleash"
  port        = local.ports.unleash
  run_dir     = local.run_dir
  environment = local.script_env
  start       = "${local.scripts}/unleash.sh start ${local.ports.unleash} ${local.ports.postgres}"
  stop        = "${local.scripts}/unleash.sh stop ${local.ports.unleash} ${local.ports.postgres}"
  triggers    = { postgres = module.postgres.id, lock = filesha256("${local.repo}/infra-terraform/unleash/package-lock.json") }
}

# Flags as code: creates the flags of flags/ that Unleash lacks; never touches what ops switched.
resource "terraform_data" "flags" {
  count            = local.built.flags ? 1 : 0
  triggers_replace = [module.unleash.id, filesha256(local.jar.flags)]
  provisioner "local-exec" {
    command     = "${local.scripts}/flags-sync.sh http://127.0.0.1:${local.ports.unleash}"
    environment = local.script_env
  }
}
