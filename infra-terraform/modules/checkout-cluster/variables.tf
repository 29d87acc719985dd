variable "name" {
  description = "Cluster name as the services know it: a or b (named in session keys and order numbers)."
  type        = string

  validation {
    condition     = contains(["a", "b"], var.name)
    error_message = "A checkout cluster is a or b."
  }
}

variable "env_name" {
  description = "Environment prefix (resource names, SSM path /<env_name>/clusters/<name>/...)."
  type        = string
  default     = "tandem"
}

variable "primary" {
  description = "True on the cluster whose region holds the MySQL primary (ATC carts, address writes)."
  type        = bool
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets for the control plane ENIs and the nodes."
  type        = list(string)
}

variable "kubernetes_version" {
  description = "EKS Kubernetes version."
  type        = string
  default     = "1.31"
}

variable "node_instance_types" {
  description = "Instance types of the managed node group."
  type        = list(string)
  default     = ["m6i.xlarge"]
}

variable "node_count" {
  description = "Node group size."
  type = object({
    min     = number
    desired = number
    max     = number
  })
  default = { min = 3, desired = 3, max = 9 }
}

variable "api_allowed_cidrs" {
  description = "Private CIDRs (ops VPN, CI runners) allowed to the private Kubernetes API endpoint."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.api_allowed_cidrs : !endswith(c, "/0")])
    error_message = "The Kubernetes API is private: 0.0.0.0/0 (or any /0) is refused."
  }
}

variable "admin_role_arns" {
  description = "IAM roles given cluster-admin through EKS access entries."
  type        = list(string)
  default     = []
}

variable "databases" {
  description = <<-EOT
    MySQL endpoints by role (io.tandem.common.store.Stores): primary (ATC carts, address writes; null
    on a cluster that has none), reads (addresses), orders (orders, payments, outbox).
  EOT
  type = object({
    primary = optional(object({ address = string, port = number }))
    reads   = object({ address = string, port = number })
    orders  = object({ address = string, port = number })
  })
}

variable "database_name" {
  description = "MySQL schema."
  type        = string
  default     = "tandem"
}

variable "jdbc_options" {
  description = "JDBC URL options (RDS: TLS, certificate checked against the RDS CA bundle in the image)."
  type        = string
  default     = "sslMode=VERIFY_IDENTITY"
}

variable "db_app_secret_arn" {
  description = "Secret (JSON username/password) of the DML-only application user, readable in this region."
  type        = string
}

variable "redis_url" {
  description = "This cluster's Redis (rediss://host:port)."
  type        = string
}

variable "kafka_bootstrap" {
  description = "Kafka bootstrap servers of this region (IAM over TLS)."
  type        = string
}

variable "kafka_cluster_arn" {
  description = "MSK cluster ARN (the services' IAM policy names it)."
  type        = string
}

variable "unleash_api_url" {
  description = "Unleash API URL (unleash.url)."
  type        = string
}

variable "unleash_client_token_secret_arn" {
  description = "Secret holding the Unleash client token, readable in this region."
  type        = string
}

variable "session_secret_arn" {
  description = "Secret holding the session-key HMAC secret shared by both clusters and the proxy, readable in this region."
  type        = string
}

variable "downstream_urls" {
  description = "The platforms outside checkout (catalog, offers, payment provider), shared by both clusters."
  type        = map(string)
  default     = {}
}

variable "namespace" {
  description = "Kubernetes namespace of the checkout services."
  type        = string
  default     = "tandem"
}

variable "service_account" {
  description = "Kubernetes service account the checkout pods run as (gets the services' IAM role)."
  type        = string
  default     = "checkout"
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
