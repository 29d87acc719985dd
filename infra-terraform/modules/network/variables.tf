variable "name" {
  description = "Name prefix for every resource (e.g. tandem-a)."
  type        = string
}

variable "region" {
  description = "AWS region of this VPC (used for the VPC endpoint service names)."
  type        = string
}

variable "cidr" {
  description = "IPv4 CIDR of the VPC."
  type        = string
}

variable "azs" {
  description = "Availability zones, one private subnet each. Three, so that MSK and RDS Multi-AZ have room."
  type        = list(string)

  validation {
    condition     = length(var.azs) >= 2
    error_message = "At least two availability zones: RDS Multi-AZ and ElastiCache failover need them."
  }
}

variable "interface_endpoints" {
  description = <<-EOT
    AWS services reached through interface VPC endpoints. The subnets have no internet route at all
    (no internet gateway, no NAT), so EKS nodes, ECS tasks and pods reach AWS APIs only this way.
  EOT
  type        = list(string)
  default = [
    "ec2", "ecr.api", "ecr.dkr", "sts", "logs", "ssm", "secretsmanager", "kms",
    "elasticloadbalancing", "eks", "eks-auth", "autoscaling",
  ]
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
