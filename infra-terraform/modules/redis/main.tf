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

resource "aws_security_group" "this" {
  name        = "${var.name}-redis"
  description = "Redis ${var.name}: only the named security groups"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-redis" })
}

resource "aws_vpc_security_group_ingress_rule" "from_security_group" {
  for_each                     = var.allowed_security_groups
  security_group_id            = aws_security_group.this.id
  description                  = "Redis from ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = each.value
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
  security_group_ids         = [aws_security_group.this.id]
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
  value       = aws_security_group.this.id
}

output "exposure" {
  description = "What can reach this cache, read back from the resources (asserted by envs/aws tests)."
  value = {
    name                = var.name
    kind                = "redis"
    port                = local.port
    publicly_accessible = false # ElastiCache has no public endpoint
    ingress = [
      for r in values(aws_vpc_security_group_ingress_rule.from_security_group) : {
        from_port      = r.from_port
        to_port        = r.to_port
        cidr_ipv4      = r.cidr_ipv4
        cidr_ipv6      = r.cidr_ipv6
        security_group = r.referenced_security_group_id
      }
    ]
  }
}
