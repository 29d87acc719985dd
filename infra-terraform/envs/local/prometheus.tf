# Prometheus scraping every Tandem JVM of this environment, with the alert rules of dashboards/.
# The scrape config is made here from the environment's own ports, so it never drifts from them.

locals {
  prometheus_port  = 19090 + local.o
  prometheus_rules = "${local.repo}/dashboards/prometheus/rules"
  metrics_targets = {
    for k, m in merge(
      { for k, m in module.downstream : k => m },
      { for k, m in module.cluster : "cluster-${k}" => m },
      { for k, m in module.notifier : k => m },
      { for k, m in module.stock : k => m },
      { for k, m in module.proxy : k => m },
    ) : k => "127.0.0.1:${m.port}"
  }
  prometheus_config = yamlencode({
    global     = { scrape_interval = "5s", evaluation_interval = "5s" }
    rule_files = length(fileset(local.prometheus_rules, "*.yml")) > 0 ? ["${local.prometheus_rules}/*.yml"] : []
    # Firing rules go to Alertmanager (alerting.tf), which routes them by severity to the alert receiver.
    alerting = { alertmanagers = [{ static_configs = [{ targets = ["127.0.0.1:${local.ports.alertmanager}"] }] }] }
    scrape_configs = concat([for k in sort(keys(local.metrics_targets)) : {
      job_name       = k
      metrics_path   = "/observe/metrics"
      static_configs = [{ targets = [local.metrics_targets[k]], labels = { component = k } }]
      }], [{
      # Unleash's own metrics: UnleashDown and the flag-changes panel read them.
      job_name       = "unleash"
      metrics_path   = "/internal-backstage/prometheus"
      static_configs = [{ targets = ["127.0.0.1:${local.ports.unleash}"], labels = { component = "unleash" } }]
    }])
  })
}

module "prometheus" {
  source      = "../../modules/local-process"
  for_each    = var.prometheus ? { prometheus = local.prometheus_port } : {}
  name        = "prometheus"
  port        = each.value
  run_dir     = local.run_dir
  environment = merge(local.script_env, { PROMETHEUS_CONFIG = local.prometheus_config })
  start       = "${local.scripts}/prometheus.sh start ${each.value}"
  stop        = "${local.scripts}/prometheus.sh stop ${each.value}"
  triggers    = { config = sha256(local.prometheus_config), rules = join(",", [for f in fileset(local.prometheus_rules, "*.yml") : filesha256("${local.prometheus_rules}/${f}")]) }
}
