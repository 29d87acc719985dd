# What the checkout services of this cluster are told, in three equal forms:
#  - service_config: Helidon config keys (application.yaml names) -> values,
#  - SSM parameters /<env>/clusters/<name>/<key>, for any deploy tool to read,
#  - a Kubernetes ConfigMap of environment variables (Helidon maps DB_ORDERS_CONNECTION_URL to
#    db.orders.connection.url), rendered as YAML in the configmap_manifest output.
# No kubernetes provider is available to this project, so the in-cluster part is data here:
#   terraform output -raw configmap_a | kubectl apply -f -
# Secret values never pass through Terraform: secret_refs names the Secrets Manager secret (and JSON
# key) each secret config key comes from, for the Secrets Store CSI driver / External Secrets.

locals {
  jdbc = { for role, db in var.databases : role => "jdbc:mysql://${db.address}:${db.port}/${var.database_name}?${var.jdbc_options}" if db != null }

  service_config = merge(
    {
      "cluster.name"    = var.name
      "cluster.primary" = tostring(var.primary)
      "redis.url"       = var.redis_url
      "kafka.bootstrap" = var.kafka_bootstrap
      "unleash.url"     = var.unleash_api_url
    },
    { for role, url in local.jdbc : "db.${role}.connection.url" => url },
    { for k, url in var.downstream_urls : "${k}.url" => url },
  )

  secret_refs = merge(
    {
      "session.secret" = var.session_secret_arn
      "unleash.token"  = var.unleash_client_token_secret_arn
    },
    { for role, _ in local.jdbc : "db.${role}.connection.username" => "${var.db_app_secret_arn}:username" },
    { for role, _ in local.jdbc : "db.${role}.connection.password" => "${var.db_app_secret_arn}:password" },
  )

  # Helidon's environment variable source: '_' -> '.', '__' -> '-', case-insensitive.
  env = { for k, v in local.service_config : upper(replace(replace(k, "-", "__"), ".", "_")) => v }

  configmap = {
    apiVersion = "v1"
    kind       = "ConfigMap"
    metadata = {
      name      = "tandem-cluster-${var.name}"
      namespace = var.namespace
      labels    = { "app.kubernetes.io/part-of" = "tandem", "tandem/cluster" = var.name }
    }
    data = local.env
  }

  ssm_prefix = "/${var.env_name}/clusters/${var.name}"
}

resource "aws_ssm_parameter" "config" {
  for_each       = local.service_config
  name           = "${local.ssm_prefix}/config/${each.key}"
  description    = "Tandem cluster ${var.name}: ${each.key}"
  type           = "String"
  insecure_value = each.value
  tags           = var.tags
}

resource "aws_ssm_parameter" "secret_ref" {
  for_each       = local.secret_refs
  name           = "${local.ssm_prefix}/secret-refs/${each.key}"
  description    = "Tandem cluster ${var.name}: where ${each.key} comes from (ARN[:json-key]), not the secret"
  type           = "String"
  insecure_value = each.value
  tags           = var.tags
}
