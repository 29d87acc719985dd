output "name" {
  description = "Cluster name as the services know it (a or b)."
  value       = var.name
}

output "eks_cluster_name" {
  description = "EKS cluster name."
  value       = aws_eks_cluster.this.name
}

output "eks_endpoint" {
  description = "Private Kubernetes API endpoint."
  value       = aws_eks_cluster.this.endpoint
}

output "security_group_id" {
  description = "The EKS cluster security group (nodes and pods): what the data stores admit."
  value       = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
}

output "services_role_arn" {
  description = "IAM role of the checkout pods (EKS Pod Identity)."
  value       = aws_iam_role.services.arn
}

output "service_config" {
  description = "Helidon config keys -> values the checkout services of this cluster get."
  value       = local.service_config
}

output "secret_refs" {
  description = "Secret config keys -> Secrets Manager ARN[:json-key] they are read from."
  value       = local.secret_refs
}

output "env" {
  description = "service_config as environment variables (the ConfigMap's data)."
  value       = local.env
}

output "configmap_manifest" {
  description = "Kubernetes ConfigMap (YAML) for the checkout pods: kubectl apply -f -."
  value       = yamlencode(local.configmap)
}

output "ssm_parameters" {
  description = "SSM parameter name -> value, read back from the created parameters."
  value       = { for k, p in aws_ssm_parameter.config : p.name => p.insecure_value }
}

output "exposure" {
  description = "What can reach the Kubernetes API, read back from the resources (asserted by envs/aws tests)."
  value = {
    name                = aws_eks_cluster.this.name
    kind                = "eks-api"
    port                = 443
    publicly_accessible = aws_eks_cluster.this.vpc_config[0].endpoint_public_access
    ingress = [
      for r in values(aws_vpc_security_group_ingress_rule.api) : {
        from_port      = r.from_port
        to_port        = r.to_port
        cidr_ipv4      = r.cidr_ipv4
        cidr_ipv6      = r.cidr_ipv6
        security_group = r.referenced_security_group_id
      }
    ]
  }
}
