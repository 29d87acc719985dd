# One cluster's Redis (ElastiCache, Redis OSS): buy-now carts, idempotency keys, rate limits.
# Per cluster by design (DESIGN.md): a checkout session lives minutes, on one cluster. TLS in transit,
# encrypted at rest, a replica in another AZ with automatic failover. ElastiCache has no public
# endpoint; the security group admits only the named groups.

variable "name" {
  description = "Replication group id (e.g. tandem-redis-a)."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets (two or more AZs)."
  type        = list(string)
}

variable "allowed_security_groups" {
  description = "Security groups allowed on the Redis port, by a static name."
  type        = map(string)
}

variable "node_type" {
  description = "Cache node type."
  type        = string
  default     = "cache.r7g.large"
}

variable "engine_version" {
  description = "Redis OSS engine version."
  type        = string
  default     = "7.1"
}

variable "replicas" {
  description = "Read replicas next to the primary node (>= 1 for automatic failover)."
  type        = number
  default     = 1

  validation {
    condition     = var.replicas >= 1
    error_message = "At least one replica: automatic failover needs it."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}

locals {
  port = 6379
}

resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

module "access" {
  source                  = "../port-access"
  name                    = "${var.name}-redis"
  description             = "Redis ${var.name}: only the named security groups"
  label                   = "Redis"
  vpc_id                  = var.vpc_id
  port                    = local.port
  allowed_security_groups = var.allowed_security_groups
  tags                    = var.tags
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = var.name
  description                = "Tandem ${var.name}: BN carts, idempotency keys, rate limits"
  engine                     = "redis"
  engine_version             = var.engine_version
  node_type                  = var.node_type
  port                       = local.port
  num_cache_clusters         = 1 + var.replicas
  automatic_failover_enabled = true
  multi_az_enabled           = true
  subnet_group_name          = aws_elasticache_subnet_group.this.name
  security_group_ids         = [module.access.security_group_id]
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  snapshot_retention_limit   = 1
  apply_immediately          = false
  tags                       = var.tags
}

output "primary_endpoint" {
  description = "Primary endpoint host."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "url" {
  description = "URL for the services' redis.url (rediss: TLS in transit)."
  value       = "rediss://${aws_elasticache_replication_group.this.primary_endpoint_address}:${local.port}"
}

output "security_group_id" {
  description = "Security group of the cache."
  value       = module.access.security_group_id
}

output "exposure" {
  description = "What can reach this cache, read back from the resources (asserted by envs/aws tests)."
  value = {
    name                = var.name
    kind                = "redis"
    port                = local.port
    publicly_accessible = false # ElastiCache has no public endpoint
    ingress             = module.access.ingress
  }
}
