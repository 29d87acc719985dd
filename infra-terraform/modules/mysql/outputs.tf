output "identifier" {
  description = "RDS instance identifier."
  value       = aws_db_instance.this.identifier
}

output "arn" {
  description = "ARN (what a cross-region replica names as its source)."
  value       = aws_db_instance.this.arn
}

output "address" {
  description = "DNS name of the instance."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "MySQL port."
  value       = local.port
}

output "replicate_source_db" {
  description = "Source this instance replicates from; null for a primary."
  value       = aws_db_instance.this.replicate_source_db
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret RDS keeps the master password in (primaries only)."
  value       = try(aws_db_instance.this.master_user_secret[0].secret_arn, null)
}

output "security_group_id" {
  description = "Security group of the instance."
  value       = module.access.security_group_id
}

output "exposure" {
  description = "What can reach this database, read back from the resources (asserted by envs/aws tests)."
  value = {
    name                = aws_db_instance.this.identifier
    kind                = "mysql"
    port                = local.port
    publicly_accessible = aws_db_instance.this.publicly_accessible
    ingress             = module.access.ingress
  }
}
