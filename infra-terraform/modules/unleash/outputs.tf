output "url" {
  description = "Base URL of Unleash (UI); the services' unleash.url is api_url."
  value       = "${local.scheme}://${aws_lb.this.dns_name}"
}

output "api_url" {
  description = "Unleash API URL for the services' unleash.url."
  value       = "${local.scheme}://${aws_lb.this.dns_name}/api"
}

output "admin_token_secret_arn" {
  description = "Secret holding the admin API token (ops, flags-as-code sync)."
  value       = aws_secretsmanager_secret.admin_token.arn
}

output "client_token_secret_arn" {
  description = "Secret holding the client (backend) token the services use."
  value       = aws_secretsmanager_secret.client_token.arn
}

output "db_identifier" {
  description = "RDS identifier of Unleash's PostgreSQL."
  value       = aws_db_instance.this.identifier
}

output "exposure" {
  description = "What can reach Unleash's database and load balancer, read back from the resources."
  value = [
    {
      name                = aws_db_instance.this.identifier
      kind                = "postgresql"
      port                = local.pg_port
      publicly_accessible = aws_db_instance.this.publicly_accessible
      ingress = [{
        from_port      = aws_vpc_security_group_ingress_rule.db_from_tasks.from_port
        to_port        = aws_vpc_security_group_ingress_rule.db_from_tasks.to_port
        cidr_ipv4      = aws_vpc_security_group_ingress_rule.db_from_tasks.cidr_ipv4
        cidr_ipv6      = aws_vpc_security_group_ingress_rule.db_from_tasks.cidr_ipv6
        security_group = aws_vpc_security_group_ingress_rule.db_from_tasks.referenced_security_group_id
      }]
    },
    {
      name                = aws_lb.this.name
      kind                = "unleash-lb"
      port                = local.listener_port
      publicly_accessible = !aws_lb.this.internal
      ingress = [
        for r in values(aws_vpc_security_group_ingress_rule.lb_from_clients) : {
          from_port      = r.from_port
          to_port        = r.to_port
          cidr_ipv4      = r.cidr_ipv4
          cidr_ipv6      = r.cidr_ipv6
          security_group = r.referenced_security_group_id
        }
      ]
    },
  ]
}
