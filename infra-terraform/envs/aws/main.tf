# Twin checkout clusters A and B in two regions, with the data stores of DESIGN.md:
#
#   region A                              region B
#   cluster A (EKS)                       cluster B (EKS)
#   tandem-db-a  (MySQL primary) ───────▶ tandem-db-a-dr (cross-region read replica)
#                                         tandem-db-b  (B's own order DB, no link to A)
#   Redis A, Kafka A                      Redis B, Kafka B
#                                         Unleash + its PostgreSQL
#
# Nothing has a public address: private subnets only, no internet gateway, databases admit named
# security groups (and, after a failover, the peered VPC's CIDR) on their own port only.

locals {
  tags = { Project = "tandem", Environment = var.env_name, ManagedBy = "terraform" }

  # The db-a lineage in each topology (runbooks/region-loss.md).
  main_exists   = var.mysql_topology == "normal"
  return_exists = var.mysql_topology == "reversed"
  dr_is_replica = var.mysql_topology == "normal"

  # Secrets are created in region A and replicated to region B under the same name; the replica's ARN
  # differs only by region.
  session_secret_arn_b = replace(aws_secretsmanager_secret.session.arn, ":${var.region_a}:", ":${var.region_b}:")
  db_app_secret_arn_b  = replace(aws_secretsmanager_secret.db_app.arn, ":${var.region_a}:", ":${var.region_b}:")

  main   = local.main_exists ? { address = module.db_a_main[0].address, port = module.db_a_main[0].port } : null
  dr     = { address = module.db_a_dr.address, port = module.db_a_dr.port }
  return = local.return_exists ? { address = module.db_a_return[0].address, port = module.db_a_return[0].port } : null
  db_b   = { address = module.db_b.address, port = module.db_b.port }

  # MySQL endpoints by role (io.tandem.common.store.Stores) for each cluster and topology.
  databases_a = {
    normal        = { primary = local.main, reads = local.main, orders = local.main }
    "failed-over" = { primary = local.dr, reads = local.dr, orders = local.dr }
    reversed      = { primary = local.dr, reads = local.return, orders = local.dr }
  }[var.mysql_topology]

  databases_b = {
    normal        = { primary = null, reads = var.b_reads_cross_region ? local.main : local.dr, orders = local.db_b }
    "failed-over" = { primary = local.dr, reads = local.dr, orders = local.db_b }
    reversed      = { primary = local.dr, reads = local.dr, orders = local.db_b }
  }[var.mysql_topology]
}

# --- Network ---------------------------------------------------------------------------------------

module "network_a" {
  source = "../../modules/network"
  name   = "${var.env_name}-a"
  region = var.region_a
  cidr   = var.cidr_a
  azs    = var.azs_a
}

module "network_b" {
  source    = "../../modules/network"
  providers = { aws = aws.b }
  name      = "${var.env_name}-b"
  region    = var.region_b
  cidr      = var.cidr_b
  azs       = var.azs_b
}

module "peering" {
  source                   = "../../modules/vpc-peering"
  providers                = { aws = aws, aws.accepter = aws.b }
  name                     = "${var.env_name}-a-b"
  requester_vpc_id         = module.network_a.vpc_id
  requester_cidr           = module.network_a.cidr
  requester_route_table_id = module.network_a.private_route_table_id
  accepter_vpc_id          = module.network_b.vpc_id
  accepter_cidr            = module.network_b.cidr
  accepter_route_table_id  = module.network_b.private_route_table_id
  accepter_region          = var.region_b
}

# --- Shared secrets (values set out of band; replicated so region B can read them alone) -------------

resource "aws_secretsmanager_secret" "session" {
  name                    = "${var.env_name}/session-secret"
  description             = "HMAC secret of the session keys, shared by both clusters and the proxy"
  recovery_window_in_days = 7
  replica {
    region = var.region_b
  }
}

resource "aws_secretsmanager_secret" "db_app" {
  name                    = "${var.env_name}/mysql-app-user"
  description             = "JSON {username, password} of the DML-only MySQL user (tandem_app) on every instance"
  recovery_window_in_days = 7
  replica {
    region = var.region_b
  }
}

# --- Checkout clusters -------------------------------------------------------------------------------

module "cluster_a" {
  source            = "../../modules/checkout-cluster"
  name              = "a"
  env_name          = var.env_name
  primary           = local.main_exists
  vpc_id            = module.network_a.vpc_id
  subnet_ids        = module.network_a.private_subnet_ids
  api_allowed_cidrs = var.ops_cidrs
  admin_role_arns   = var.admin_role_arns

  databases                       = local.databases_a
  db_app_secret_arn               = aws_secretsmanager_secret.db_app.arn
  redis_url                       = module.redis_a.url
  kafka_bootstrap                 = module.kafka_a.bootstrap_brokers
  kafka_cluster_arn               = module.kafka_a.arn
  unleash_api_url                 = module.unleash.api_url
  unleash_client_token_secret_arn = module.unleash.client_token_secret_arn
  session_secret_arn              = aws_secretsmanager_secret.session.arn
  downstream_urls                 = var.downstream_urls
}

module "cluster_b" {
  source            = "../../modules/checkout-cluster"
  providers         = { aws = aws.b }
  name              = "b"
  env_name          = var.env_name
  primary           = !local.main_exists
  vpc_id            = module.network_b.vpc_id
  subnet_ids        = module.network_b.private_subnet_ids
  api_allowed_cidrs = var.ops_cidrs
  admin_role_arns   = var.admin_role_arns

  databases                       = local.databases_b
  db_app_secret_arn               = local.db_app_secret_arn_b
  redis_url                       = module.redis_b.url
  kafka_bootstrap                 = module.kafka_b.bootstrap_brokers
  kafka_cluster_arn               = module.kafka_b.arn
  unleash_api_url                 = module.unleash.api_url
  unleash_client_token_secret_arn = module.unleash.client_token_secret_arn
  session_secret_arn              = local.session_secret_arn_b
  downstream_urls                 = var.downstream_urls
}

# --- MySQL: the db-a lineage and B's own order database ------------------------------------------------

module "db_a_main" {
  source                  = "../../modules/mysql"
  count                   = local.main_exists ? 1 : 0
  identifier              = "${var.env_name}-db-a"
  instance_class          = var.mysql_instance_class
  vpc_id                  = module.network_a.vpc_id
  subnet_ids              = module.network_a.private_subnet_ids
  allowed_security_groups = { cluster_a = module.cluster_a.security_group_id }
  # Only while B's replica is rebuilt at failback does B read here, across the peering.
  allowed_cidrs = var.b_reads_cross_region ? [var.cidr_b] : []
}

module "db_a_dr" {
  source                  = "../../modules/mysql"
  providers               = { aws = aws.b }
  identifier              = "${var.env_name}-db-a-dr"
  replicate_source_db     = local.dr_is_replica ? module.db_a_main[0].arn : null
  instance_class          = var.mysql_instance_class
  vpc_id                  = module.network_b.vpc_id
  subnet_ids              = module.network_b.private_subnet_ids
  allowed_security_groups = { cluster_b = module.cluster_b.security_group_id }
  # Once promoted, it is cluster A's primary too (across the peering).
  allowed_cidrs = local.dr_is_replica ? [] : [var.cidr_a]
}

# Reverse replication after a region-A loss: a new tandem-db-a replicating the promoted instance.
module "db_a_return" {
  source                  = "../../modules/mysql"
  count                   = local.return_exists ? 1 : 0
  identifier              = "${var.env_name}-db-a"
  replicate_source_db     = module.db_a_dr.arn
  instance_class          = var.mysql_instance_class
  vpc_id                  = module.network_a.vpc_id
  subnet_ids              = module.network_a.private_subnet_ids
  allowed_security_groups = { cluster_a = module.cluster_a.security_group_id }
}

module "db_b" {
  source                  = "../../modules/mysql"
  providers               = { aws = aws.b }
  identifier              = "${var.env_name}-db-b"
  instance_class          = var.mysql_instance_class
  vpc_id                  = module.network_b.vpc_id
  subnet_ids              = module.network_b.private_subnet_ids
  allowed_security_groups = { cluster_b = module.cluster_b.security_group_id }
}

# --- Redis and Kafka, one per cluster/region -----------------------------------------------------------

module "redis_a" {
  source                  = "../../modules/redis"
  name                    = "${var.env_name}-redis-a"
  vpc_id                  = module.network_a.vpc_id
  subnet_ids              = module.network_a.private_subnet_ids
  allowed_security_groups = { cluster_a = module.cluster_a.security_group_id }
}

module "redis_b" {
  source                  = "../../modules/redis"
  providers               = { aws = aws.b }
  name                    = "${var.env_name}-redis-b"
  vpc_id                  = module.network_b.vpc_id
  subnet_ids              = module.network_b.private_subnet_ids
  allowed_security_groups = { cluster_b = module.cluster_b.security_group_id }
}

module "kafka_a" {
  source                  = "../../modules/kafka"
  name                    = "${var.env_name}-kafka-a"
  vpc_id                  = module.network_a.vpc_id
  subnet_ids              = module.network_a.private_subnet_ids
  allowed_security_groups = { cluster_a = module.cluster_a.security_group_id }
}

module "kafka_b" {
  source                  = "../../modules/kafka"
  providers               = { aws = aws.b }
  name                    = "${var.env_name}-kafka-b"
  vpc_id                  = module.network_b.vpc_id
  subnet_ids              = module.network_b.private_subnet_ids
  allowed_security_groups = { cluster_b = module.cluster_b.security_group_id }
}

# --- Unleash (region B: reachable while region A, which holds the MySQL primary, is lost) ---------------

module "unleash" {
  source       = "../../modules/unleash"
  providers    = { aws = aws.b }
  name         = "${var.env_name}-unleash"
  region       = var.region_b
  vpc_id       = module.network_b.vpc_id
  vpc_cidr     = module.network_b.cidr
  subnet_ids   = module.network_b.private_subnet_ids
  client_cidrs = concat([var.cidr_a, var.cidr_b], var.ops_cidrs)
  image        = var.unleash_image
}
