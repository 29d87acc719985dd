variable "name" {
  description = "Name prefix (e.g. tandem-unleash)."
  type        = string
}

variable "region" {
  description = "Region of this Unleash (for the task's log configuration)."
  type        = string
}

variable "vpc_id" {
  description = "VPC of Unleash and its PostgreSQL."
  type        = string
}

variable "vpc_cidr" {
  description = "CIDR of that VPC (the tasks may talk to nothing outside it)."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets (two or more AZs) for the load balancer, the tasks and the database."
  type        = list(string)
}

variable "client_cidrs" {
  description = "Private CIDRs allowed to reach Unleash (both cluster VPCs, the ops VPN)."
  type        = list(string)

  validation {
    condition     = alltrue([for c in var.client_cidrs : !endswith(c, "/0")])
    error_message = "Unleash is internal: 0.0.0.0/0 (or any /0) is refused."
  }
}

variable "image" {
  description = <<-EOT
    Unleash server image. The subnets have no internet route: point this at an ECR repository
    (or ECR pull-through cache) in this account holding unleash-server 8.x.
  EOT
  type        = string
  default     = "unleashorg/unleash-server:8.2.0"
}

variable "desired_count" {
  description = "Unleash tasks (stateless; two for availability)."
  type        = number
  default     = 2
}

variable "certificate_arn" {
  description = "ACM certificate for an HTTPS listener; null serves plain HTTP inside the private network."
  type        = string
  default     = null
}

variable "db_instance_class" {
  description = "RDS PostgreSQL instance class."
  type        = string
  default     = "db.t4g.medium"
}

variable "db_engine_version" {
  description = "PostgreSQL major version (Unleash 8 supports 14+)."
  type        = string
  default     = "15"
}

variable "deletion_protection" {
  description = "Refuse deletion of the flags database."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
