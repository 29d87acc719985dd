variable "env_name" {
  description = "Environment name: prefix of resource names and of the SSM paths."
  type        = string
  default     = "tandem"
}

variable "region_a" {
  description = "Region of cluster A and of the MySQL primary."
  type        = string
  default     = "eu-west-1"
}

variable "region_b" {
  description = "Region of cluster B, the db-a replica, db-b and Unleash."
  type        = string
  default     = "eu-central-1"
}

variable "azs_a" {
  description = "Availability zones used in region A (no data source: the plan must run offline)."
  type        = list(string)
  default     = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
}

variable "azs_b" {
  description = "Availability zones used in region B."
  type        = list(string)
  default     = ["eu-central-1a", "eu-central-1b", "eu-central-1c"]
}

variable "cidr_a" {
  description = "VPC CIDR of region A."
  type        = string
  default     = "10.10.0.0/16"
}

variable "cidr_b" {
  description = "VPC CIDR of region B (must not overlap region A: the VPCs are peered)."
  type        = string
  default     = "10.20.0.0/16"
}

variable "ops_cidrs" {
  description = "Private CIDRs of the ops VPN / CI runners: Kubernetes API and Unleash UI."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.ops_cidrs : can(cidrhost(c, 0)) && !endswith(c, "/0")])
    error_message = "ops_cidrs are private networks: 0.0.0.0/0 (or any /0) is refused."
  }
}

variable "admin_role_arns" {
  description = "IAM roles given cluster-admin on both EKS clusters."
  type        = list(string)
  default     = []
}

variable "mysql_topology" {
  description = <<-EOT
    Where the db-a lineage (ATC carts, addresses, cluster A's orders) is written; see runbooks/region-loss.md.
      normal      - tandem-db-a in region A is the primary, tandem-db-a-dr in region B replicates it.
      failed-over - region A lost: tandem-db-a-dr promoted, tandem-db-a gone.
      reversed    - region A back: a new tandem-db-a in region A replicates tandem-db-a-dr.
  EOT
  type        = string
  default     = "normal"

  validation {
    condition     = contains(["normal", "failed-over", "reversed"], var.mysql_topology)
    error_message = "mysql_topology is normal, failed-over or reversed."
  }
}

variable "b_reads_cross_region" {
  description = "Cluster B reads addresses from tandem-db-a across regions (only while its replica is rebuilt at failback)."
  type        = bool
  default     = false
}

variable "unleash_image" {
  description = "Unleash server image, from an ECR repository or pull-through cache (the VPCs have no internet route)."
  type        = string
  default     = "unleashorg/unleash-server:8.2.0"
}

variable "downstream_urls" {
  description = "The platforms outside checkout that both clusters call (private endpoints)."
  type        = map(string)
  default = {
    catalog = "https://catalog.platform.internal"
    offers  = "https://offers.platform.internal"
    psp     = "https://psp.platform.internal"
  }
}

variable "mysql_instance_class" {
  description = "Instance class of the MySQL instances."
  type        = string
  default     = "db.r6g.large"
}

variable "offline_plan" {
  description = "Skip every AWS credential, region and account check (plan with dummy credentials, no network)."
  type        = bool
  default     = false
}
