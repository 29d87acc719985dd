variable "identifier" {
  description = "RDS instance identifier (e.g. tandem-db-a)."
  type        = string
}

variable "replicate_source_db" {
  description = <<-EOT
    ARN of the instance to replicate from; null for a primary. A cross-region replica needs the
    source's ARN (not its identifier). Setting it to null on an existing replica promotes it.
  EOT
  type        = string
  default     = null
}

variable "engine_version" {
  description = "MySQL engine version of a primary (a replica inherits its source's)."
  type        = string
  default     = "8.0"
}

variable "parameter_group_family" {
  description = "Parameter group family matching engine_version."
  type        = string
  default     = "mysql8.0"
}

variable "instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.r6g.large"
}

variable "allocated_storage_gb" {
  description = "Initial gp3 storage in GB."
  type        = number
  default     = 100
}

variable "max_allocated_storage_gb" {
  description = "Storage autoscaling ceiling in GB."
  type        = number
  default     = 500
}

variable "database_name" {
  description = "Schema the services use (created on a primary only)."
  type        = string
  default     = "tandem"
}

variable "admin_username" {
  description = "Master user (DDL, migrations). Its password is managed by RDS in Secrets Manager."
  type        = string
  default     = "tandem_admin"
}

variable "multi_az" {
  description = "Standby in a second availability zone."
  type        = bool
  default     = true
}

variable "backup_retention_days" {
  description = "Automated backups; must be > 0 on any instance that is, or may be promoted to, a replication source."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1
    error_message = "Backups must be on: a replica can only be created from (or promoted to) an instance with backups."
  }
}

variable "deletion_protection" {
  description = "Refuse deletion (the region-loss runbook lifts it explicitly before rebuilding an instance)."
  type        = bool
  default     = true
}

variable "vpc_id" {
  description = "VPC of the instance."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets for the DB subnet group (two or more AZs)."
  type        = list(string)
}

variable "allowed_security_groups" {
  description = "Security groups allowed to connect on the MySQL port, by a static name (e.g. { cluster_a = sg-... })."
  type        = map(string)
  default     = {}
}

variable "allowed_cidrs" {
  description = "Private CIDRs allowed to connect on the MySQL port (e.g. the peered region's VPC after a failover)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.allowed_cidrs : !endswith(c, "/0")])
    error_message = "A database is never open to the world: 0.0.0.0/0 (or any /0) is refused."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
