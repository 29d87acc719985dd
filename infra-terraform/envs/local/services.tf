# Tandem's own JVMs. Each starts from its built jar (./tandem up builds them first); a component whose
# jar is not built is left out, so the environment comes up at every stage of the project.

locals {
  unleash_api = "http://127.0.0.1:${local.ports.unleash}/api"

  # Through the fault proxy (apps/faults) once it is built: cluster A's db-a and Redis A clients, both clusters'
  # payment provider client. Replication, migrations, the notifier and every other client stay on direct ports.
  via_faults = {
    jdbc_a  = local.built.faults ? "jdbc:mysql://127.0.0.1:${local.fault_routes["db-a"].listen}/tandem" : local.jdbc.a
    redis_a = "redis://127.0.0.1:${local.built.faults ? local.fault_routes["redis-a"].listen : local.ports.redis_a}"
    psp     = "http://127.0.0.1:${local.built.faults ? local.fault_routes["psp"].listen : local.ports.psp}"
  }

  # Config shared by the JVMs of both clusters (Helidon config keys, passed as -D system properties).
  common_props = {
    "session.secret"                 = var.session_secret
    "identity.secret"                = var.identity_secret
    "admin.token"                    = var.admin_token
    "unleash.url"                    = local.unleash_api
    "unleash.token"                  = var.unleash_client_token
    "unleash.environment"            = "development"
    "catalog.url"                    = "http://127.0.0.1:${local.ports.catalog}"
    "offers.url"                     = "http://127.0.0.1:${local.ports.offers}"
    "stock.url"                      = "http://127.0.0.1:${local.ports.stock}"
    "psp.url"                        = "http://127.0.0.1:${local.ports.psp}"
    "kafka.bootstrap"                = "127.0.0.1:${local.ports.kafka}"
    "db.primary.connection.username" = "tandem_app"
    "db.primary.connection.password" = var.db_app_password
    "db.reads.connection.username"   = "tandem_app"
    "db.reads.connection.password"   = var.db_app_password
    "db.orders.connection.username"  = "tandem_app"
    "db.orders.connection.password"  = var.db_app_password
  }

  cluster_props = {
    a = merge(local.common_props, {
      "cluster.name"              = "a"
      "cluster.primary"           = "true"
      "db.primary.connection.url" = local.via_faults.jdbc_a
      "db.reads.connection.url"   = local.via_faults.jdbc_a
      "db.orders.connection.url"  = local.via_faults.jdbc_a
      "redis.url"                 = local.via_faults.redis_a
      "psp.url"                   = local.via_faults.psp
      "unleash.app-name"          = "tandem-cluster-a"
      "unleash.backup-file"       = "${local.run_dir}/cluster-a/unleash-backup.json"
    })
    b = merge(local.common_props, {
      "cluster.name"            = "b"
      "cluster.primary"         = "false"
      "db.primary.enabled"      = "false" # B has no primary: ATC and address writes belong to A
      "db.reads.connection.url" = local.jdbc.replica
      # Written only while primary_cluster=b, after ./tandem failover region-a promoted the replica.
      "db.promoted.connection.url"      = local.jdbc.replica
      "db.promoted.connection.username" = "tandem_app"
      "db.promoted.connection.password" = var.db_app_password
      "db.orders.connection.url"        = local.jdbc.b
      "redis.url"                       = "redis://127.0.0.1:${local.ports.redis_b}"
      "psp.url"                         = local.via_faults.psp
      "unleash.app-name"                = "tandem-cluster-b"
      "unleash.backup-file"             = "${local.run_dir}/cluster-b/unleash-backup.json"
    })
  }

  # Every JVM of each cluster (var.cluster_instances): "a" and "b" are the first ones, on the clusters' ports, named as
  # they always were; "a-2", "b-2", ... the next ones, on the ports after. One instance: exactly the two of old.
  cluster_instances = merge([for c in ["a", "b"] : {
    for i in range(var.cluster_instances) : (i == 0 ? c : "${c}-${i + 1}") => {
      cluster = c
      port    = local.ports["cluster_${c}"] + i
    }
  }]...)

  # A cluster's instance URLs, first to last.
  cluster_urls = { for c in ["a", "b"] : c => [
    for i in range(var.cluster_instances) : "http://127.0.0.1:${local.ports["cluster_${c}"] + i}"
  ] }

  # Each instance's config: its cluster's, with a flags backup file of its own beside the first one's.
  instance_props = { for k, inst in local.cluster_instances : k => k == inst.cluster ? local.cluster_props[k]
    : merge(local.cluster_props[inst.cluster], { "unleash.backup-file" = "${local.run_dir}/cluster-${k}/unleash-backup.json" })
  }

  downstream_props = {
    catalog = { "admin.token" = var.admin_token, "stock.url" = "http://127.0.0.1:${local.ports.stock}" }
    stock = {
      "admin.token"                  = var.admin_token
      "db.stock.connection.url"      = local.jdbc.stock
      "db.stock.connection.username" = "tandem_app"
      "db.stock.connection.password" = var.db_app_password
    }
    offers = { "admin.token" = var.admin_token }
    psp    = { "admin.token" = var.admin_token }
    notifier = merge(local.common_props, {
      # The yaml's db.notifications names db-a's default port: at a port offset it must be this environment's.
      "db.notifications.connection.url" = local.jdbc.a
      "db.orders.connection.url"        = local.jdbc.a
      "unleash.app-name"                = "tandem-notifier"
      "unleash.backup-file"             = "${local.run_dir}/notifier/unleash-backup.json"
    })
  }

  # Several instances a cluster: the proxy spreads each cluster's requests over them (proxy/README.md). None with one.
  proxy_instance_props = { for k, v in {
    "proxy.clusters.0.urls" = join(",", local.cluster_urls.a)
    "proxy.clusters.1.urls" = join(",", local.cluster_urls.b)
  } : k => v if var.cluster_instances > 1 }

  proxy_props = merge(local.common_props, local.proxy_instance_props, {
    "proxy.clusters.0.url" = "http://127.0.0.1:${local.ports.cluster_a}"
    "proxy.clusters.1.url" = "http://127.0.0.1:${local.ports.cluster_b}"
    "unleash.app-name"     = "tandem-proxy"
    "unleash.backup-file"  = "${local.run_dir}/proxy/unleash-backup.json"
    # The JDK's platform-thread I/O poller: one thread hand-off less per socket wake-up than its default
    # (virtual-thread pollers), measured -0.1 to -0.2 ms at p50 on the proxy bench (proxy/README.md).
    "jdk.pollerMode" = "1"
  })

  # The fault proxy: its routes as faults.routes.N.* (N in name order).
  # jdk.pollerMode=1 as on the proxy: measured here +0.07-0.09 ms added per round trip at p50, against
  # +0.13-0.15 ms with the default virtual-thread pollers (apps/faults README).
  faults_props = merge({ "admin.token" = var.admin_token, "jdk.pollerMode" = "1" }, merge([
    for i, name in sort(keys(local.fault_routes)) : {
      "faults.routes.${i}.name"     = name
      "faults.routes.${i}.listen"   = tostring(local.fault_routes[name].listen)
      "faults.routes.${i}.upstream" = "127.0.0.1:${local.fault_routes[name].upstream}"
    }
  ]...))

  service_jvm_options = [for o in split(" ", var.service_jvm_options) : format("'%s'", o) if o != ""]
  # 'name' -> its system properties as java-service.sh arguments, quoted for the shell.
  java_props = { for name, props in merge(
    { for k, p in local.instance_props : "cluster-${k}" => merge(p, local.tracing_props) },
    { for k, p in local.downstream_props : k => merge(p, local.tracing_props) },
    { proxy = merge(local.proxy_props, local.tracing_props) },
    { faults = local.faults_props },
    { alerts = {} },
  ) : name => [for k in sort(keys(props)) : format("'-D%s=%s'", k, props[k])] }
  # 'name' -> the java-service.sh argument list: JVM options (the services'; the proxies keep the tiered JIT), then
  # system properties.
  java_args = { for name, props in local.java_props :
  name => join(" ", concat(contains(["proxy", "faults"], name) ? [] : local.service_jvm_options, props)) }
}

module "downstream" {
  source   = "../../modules/local-process"
  for_each = { for k in ["catalog", "offers", "psp"] : k => local.ports[k] if local.built[k] }
  name     = each.key
  port     = each.value
  run_dir  = local.run_dir
  # The payment provider simulator ships in the payment module's jar, beside the payment service.
  environment = merge(local.script_env, each.key == "psp" ? { MAIN_CLASS = "io.tandem.payment.provider.SimulatorMain" } : {})
  start       = "${local.scripts}/java-service.sh start ${each.key} ${each.value} ${local.jar[each.key]} ${local.java_args[each.key]}"
  stop        = "${local.scripts}/java-service.sh stop ${each.key} ${each.value} ${local.jar[each.key]}"
  # new settings (tracing on or off, a secret) restart it, as a new jar does
  triggers = { jar = filesha256(local.jar[each.key]), args = local.java_args[each.key] }
}

# The stock service: one stock for both clusters, in db-stock (started after its schema is there).
module "stock" {
  source      = "../../modules/local-process"
  for_each    = local.built.stock ? { stock = local.ports.stock } : {}
  name        = "stock"
  port        = each.value
  run_dir     = local.run_dir
  environment = merge(local.script_env, { HEALTH_PATH = "/observe/health/ready" })
  start       = "${local.scripts}/java-service.sh start stock ${each.value} ${local.jar.stock} ${local.java_args.stock}"
  stop        = "${local.scripts}/java-service.sh stop stock ${each.value} ${local.jar.stock}"
  triggers = {
    jar        = filesha256(local.jar.stock)
    args       = local.java_args.stock
    migrations = try(terraform_data.stock_migrations[0].id, "")
  }
  depends_on = [module.db, terraform_data.stock_migrations]
}

module "faults" {
  source      = "../../modules/local-process"
  for_each    = local.built.faults ? { faults = local.ports.faults } : {}
  name        = "faults"
  port        = each.value
  run_dir     = local.run_dir
  environment = local.script_env
  start       = "${local.scripts}/java-service.sh start faults ${each.value} ${local.jar.faults} ${local.java_args.faults}"
  stop        = "${local.scripts}/java-service.sh stop faults ${each.value} ${local.jar.faults}"
  triggers    = { jar = filesha256(local.jar.faults), args = local.java_args.faults } # new routes or settings restart it
}

module "cluster" {
  source      = "../../modules/local-process"
  for_each    = local.built.cluster ? { for k, inst in local.cluster_instances : k => inst.port } : {}
  name        = "cluster-${each.key}"
  port        = each.value
  run_dir     = local.run_dir
  environment = merge(local.script_env, { HEALTH_PATH = "/observe/health/ready" })
  start       = "${local.scripts}/java-service.sh start cluster-${each.key} ${each.value} ${local.jar.cluster} ${local.java_args["cluster-${each.key}"]}"
  stop        = "${local.scripts}/java-service.sh stop cluster-${each.key} ${each.value} ${local.jar.cluster}"
  triggers = {
    jar        = filesha256(local.jar.cluster)
    args       = local.java_args["cluster-${each.key}"]
    migrations = try(terraform_data.migrations[0].id, "")
  }
  depends_on = [module.db, module.db_replica, module.redis, module.kafka,
  module.unleash, terraform_data.flags, terraform_data.migrations, module.downstream, module.stock, module.faults]
}

module "notifier" {
  source      = "../../modules/local-process"
  for_each    = local.built.notifier ? { notifier = local.ports.notifier } : {}
  name        = "notifier"
  port        = each.value
  run_dir     = local.run_dir
  environment = local.script_env
  start       = "${local.scripts}/java-service.sh start notifier ${each.value} ${local.jar.notifier} ${local.java_args.notifier}"
  stop        = "${local.scripts}/java-service.sh stop notifier ${each.value} ${local.jar.notifier}"
  triggers    = { jar = filesha256(local.jar.notifier), args = local.java_args.notifier }
  depends_on  = [module.kafka, terraform_data.migrations]
}

module "proxy" {
  source      = "../../modules/local-process"
  for_each    = local.built.proxy ? { proxy = local.ports.proxy } : {}
  name        = "proxy"
  port        = each.value
  run_dir     = local.run_dir
  environment = local.script_env
  start       = "${local.scripts}/java-service.sh start proxy ${each.value} ${local.jar.proxy} ${local.java_args.proxy}"
  stop        = "${local.scripts}/java-service.sh stop proxy ${each.value} ${local.jar.proxy}"
  # A change of cluster_instances gives it other cluster URLs, a change of its settings other args: restarted then.
  triggers   = merge({ jar = filesha256(local.jar.proxy), args = local.java_args.proxy }, local.proxy_instance_props)
  depends_on = [module.cluster, module.unleash, terraform_data.flags]
}
