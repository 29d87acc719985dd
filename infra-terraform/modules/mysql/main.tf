# One RDS MySQL instance: a primary, or (replicate_source_db set) a read replica, possibly in another
# region (the caller passes a provider for that region). Never public, encrypted with its own KMS key,
# GTID and row-based binlog on, so that the replica can be promoted and replication reversed.

locals {
  is_replica = var.replicate_source_db != null
  port       = 3306
}

resource "aws_kms_key" "this" {
  description             = "Storage encryption of ${var.identifier}"
  deletion_window_in_days = 30
  enable_key_rotation     = true
  tags                    = var.tags
}

resource "aws_db_subnet_group" "this" {
  name       = var.identifier
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

module "access" {
  source                  = "../port-access"
  name                    = "${var.identifier}-mysql"
  description             = "MySQL ${var.identifier}: only the named security groups and private CIDRs"
  label                   = "MySQL"
  vpc_id                  = var.vpc_id
  port                    = local.port
  allowed_security_groups = var.allowed_security_groups
  allowed_cidrs           = var.allowed_cidrs
  tags                    = var.tags
}

resource "aws_db_parameter_group" "this" {
  name        = var.identifier
  family      = var.parameter_group_family
  description = "Tandem MySQL: GTID, row binlog, TLS only"

  parameter {
    name         = "gtid-mode"
    value        = "ON"
    apply_method = "pending-reboot"
  }
  parameter {
    name         = "enforce_gtid_consistency"
    value        = "ON"
    apply_method = "pending-reboot"
  }
  parameter {
    name  = "binlog_format"
    value = "ROW"
  }
  parameter {
    name  = "require_secure_transport"
    value = "1"
  }
  tags = var.tags
}

resource "aws_db_instance" "this" {
  identifier          = var.identifier
  replicate_source_db = var.replicate_source_db

  # A replica inherits engine, schema and master user from its source.
  engine                      = local.is_replica ? null : "mysql"
  engine_version              = local.is_replica ? null : var.engine_version
  db_name                     = local.is_replica ? null : var.database_name
  username                    = local.is_replica ? null : var.admin_username
  manage_master_user_password = local.is_replica ? null : true

  instance_class        = var.instance_class
  allocated_storage     = var.allocated_storage_gb
  max_allocated_storage = var.max_allocated_storage_gb
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = aws_kms_key.this.arn

  port                   = local.port
  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [module.access.security_group_id]
  parameter_group_name   = aws_db_parameter_group.this.name
  publicly_accessible    = false
  multi_az               = var.multi_az

  backup_retention_period   = var.backup_retention_days
  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = false
  final_snapshot_identifier = "${var.identifier}-final"
  copy_tags_to_snapshot     = true

  auto_minor_version_upgrade          = true
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["error", "slowquery"]
  apply_immediately                   = false

  tags = merge(var.tags, { Name = var.identifier, Role = local.is_replica ? "replica" : "primary" })
}
