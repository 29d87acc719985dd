# Alerts that reach someone: Prometheus's rules (dashboards/prometheus/rules) fire into Alertmanager (Debian
# package), which routes them by their severity label to the alert receiver (apps/alerts), one webhook receiver per
# severity; resolutions are sent too. The receiver stands for the pager (critical), the on-call chat (high) and the
# team's queue (medium).

locals {
  alert_severities = ["critical", "high", "medium"]
  alertmanager_config = yamlencode({
    route = {
      receiver        = "medium"
      group_by        = ["alertname", "job", "cluster"]
      group_wait      = "5s"  # a first notification waits this long for others of its group
      group_interval  = "10s" # changes to a group (a new alert, a resolution) go out this often
      repeat_interval = "4h"
      routes          = [for s in ["critical", "high"] : { receiver = s, matchers = ["severity=\"${s}\""] }]
    }
    receivers = [for s in local.alert_severities : {
      name            = s
      webhook_configs = [{ url = "http://127.0.0.1:${local.ports.alerts}/v1/alerts/${s}", send_resolved = true }]
    }]
  })
}

module "alerts" {
  source      = "../../modules/local-process"
  for_each    = local.built.alerts ? { alerts = local.ports.alerts } : {}
  name        = "alerts"
  port        = each.value
  run_dir     = local.run_dir
  environment = local.script_env
  start       = "${local.scripts}/java-service.sh start alerts ${each.value} ${local.jar.alerts} ${local.java_args.alerts}"
  stop        = "${local.scripts}/java-service.sh stop alerts ${each.value} ${local.jar.alerts}"
  triggers    = { jar = filesha256(local.jar.alerts) }
}

module "alertmanager" {
  source      = "../../modules/local-process"
  for_each    = var.prometheus ? { alertmanager = local.ports.alertmanager } : {}
  name        = "alertmanager"
  port        = each.value
  run_dir     = local.run_dir
  environment = merge(local.script_env, { ALERTMANAGER_CONFIG = local.alertmanager_config })
  start       = "${local.scripts}/alertmanager.sh start ${each.value}"
  stop        = "${local.scripts}/alertmanager.sh stop ${each.value}"
  triggers    = { config = sha256(local.alertmanager_config) }
}
