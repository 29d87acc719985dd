locals {
  processes = merge(
    {
      "db-a-replica" = module.db_replica, kafka = module.kafka,
      postgres       = module.postgres, unleash = module.unleash
    },
    module.db,
    module.redis,
    { for k, m in module.downstream : k => m },
    { for k, m in module.cluster : "cluster-${k}" => m },
    { for k, m in module.notifier : k => m },
    { for k, m in module.stock : k => m },
    { for k, m in module.proxy : k => m },
    { for k, m in module.faults : k => m },
    { for k, m in module.prometheus : k => m },
    { for k, m in module.alerts : k => m },
    { for k, m in module.alertmanager : k => m },
    { for k, m in module.zipkin : k => m },
  )

  env_properties = {
    "run.dir"                 = local.run_dir
    "proxy.url"               = "http://127.0.0.1:${local.ports.proxy}"
    "cluster.a.url"           = "http://127.0.0.1:${local.ports.cluster_a}"
    "cluster.b.url"           = "http://127.0.0.1:${local.ports.cluster_b}"
    "catalog.url"             = "http://127.0.0.1:${local.ports.catalog}"
    "offers.url"              = "http://127.0.0.1:${local.ports.offers}"
    "psp.url"                 = "http://127.0.0.1:${local.ports.psp}"
    "notifier.url"            = "http://127.0.0.1:${local.ports.notifier}"
    "stock.url"               = "http://127.0.0.1:${local.ports.stock}"
    "prometheus.url"          = "http://127.0.0.1:${local.prometheus_port}"
    "alertmanager.url"        = "http://127.0.0.1:${local.ports.alertmanager}"
    "alerts.url"              = "http://127.0.0.1:${local.ports.alerts}"
    "zipkin.url"              = var.tracing ? local.zipkin_url : ""
    "db.a.jdbc"               = local.jdbc.a
    "db.replica.jdbc"         = local.jdbc.replica
    "db.b.jdbc"               = local.jdbc.b
    "db.stock.jdbc"           = local.jdbc.stock
    "db.app.user"             = "tandem_app"
    "db.app.password"         = var.db_app_password
    "db.admin.user"           = "tandem_admin"
    "db.admin.password"       = var.db_admin_password
    "db.repl.user"            = "tandem_repl"
    "db.repl.password"        = var.db_repl_password
    "db.semi-sync.timeout-ms" = tostring(var.db_semi_sync_timeout_ms)
    "redis.a.url"             = "redis://127.0.0.1:${local.ports.redis_a}"
    "redis.b.url"             = "redis://127.0.0.1:${local.ports.redis_b}"
    "kafka.bootstrap"         = "127.0.0.1:${local.ports.kafka}"
    "postgres.port"           = tostring(local.ports.postgres)
    "unleash.url"             = "http://127.0.0.1:${local.ports.unleash}"
    "unleash.admin.token"     = var.unleash_admin_token
    "unleash.client.token"    = var.unleash_client_token
    "unleash.ui.user"         = var.unleash_ui_user
    "unleash.ui.password"     = var.unleash_ui_password
    "session.secret"          = var.session_secret
    "identity.secret"         = var.identity_secret
    "admin.token"             = var.admin_token
    "faults.url"              = "http://127.0.0.1:${local.ports.faults}"
    "faults.routes"           = join(",", sort(keys(local.fault_routes)))
    "components"              = join(",", sort(keys(local.processes)))
  }
  # Several instances a cluster: each cluster's instance URLs, first to last (cluster.<c>.url stays the first's).
  instance_properties = { for k, v in {
    "cluster.instances" = tostring(var.cluster_instances)
    "cluster.a.urls"    = join(",", local.cluster_urls.a)
    "cluster.b.urls"    = join(",", local.cluster_urls.b)
  } : k => v if var.cluster_instances > 1 }
  component_ports = { for k, m in local.processes : "port.${k}" => tostring(m.port) }
  env_file        = "${local.run_dir}/env.properties"
}

# The endpoints file that integration tests and ./tandem read (key=value, one per line).
resource "terraform_data" "env_file" {
  triggers_replace = [merge(local.env_properties, local.instance_properties), local.component_ports, [for m in local.processes : m.id]]
  provisioner "local-exec" {
    command     = "mkdir -p \"$RUN_DIR\" && printf '%s\\n' \"$CONTENT\" > \"$ENV_FILE\""
    environment = { RUN_DIR = local.run_dir, ENV_FILE = local.env_file, CONTENT = join("\n", [for k, v in merge(local.env_properties, local.instance_properties, local.component_ports) : "${k}=${v}"]) }
  }
}

output "run_dir" {
  value = local.run_dir
}

output "env_file" {
  value = local.env_file
}

output "ports" {
  description = "Every component's loopback port."
  value       = { for k, m in local.processes : k => m.port }
}

output "process_ids" {
  description = "Changes when a process is (re)started: an apply that changes nothing leaves it equal."
  value       = { for k, m in local.processes : k => m.id }
}

output "down" {
  description = "Components whose process died since the last apply (drift). A plan shows them here and as replacements (health \"ok\" -> \"died:PID\"); an apply restarts them."
  value       = local.down
}

locals {
  down = sort([for k, m in local.processes : k if m.died])
}

output "urls" {
  value = {
    proxy      = local.env_properties["proxy.url"]
    cluster_a  = local.env_properties["cluster.a.url"]
    cluster_b  = local.env_properties["cluster.b.url"]
    unleash_ui = "${local.env_properties["unleash.url"]} (login ${var.unleash_ui_user} / ${var.unleash_ui_password})"
    zipkin     = var.tracing ? "${local.zipkin_url}/zipkin/" : "(tracing off)"
    logs       = "${local.run_dir}/logs"
  }
}

output "repo_root" {
  value = local.repo
}
