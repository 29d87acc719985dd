variable "repo_root" {
  description = "The Tandem checkout (scripts, built jars). Defaults to three levels above this folder."
  type        = string
  default     = null
}

variable "run_dir" {
  description = "The one folder that holds every process's data, logs and pid file. Defaults to <repo>/.run/local."
  type        = string
  default     = null
}

variable "port_offset" {
  description = "Added to every port of DESIGN.md, so a second environment (the Terraform test) can run beside the first."
  type        = number
  default     = 0
}

variable "cluster_instances" {
  description = "JVMs per cluster (apps/cluster), each on a port of its own: the first on the cluster's (8101 / 8201 + port_offset), the next ones on the ports after it (8102.., 8202..). The proxy spreads each cluster's requests over its instances; their order services lease order-number node ids from the cluster's order database."
  type        = number
  default     = 1

  validation {
    condition     = var.cluster_instances >= 1 && var.cluster_instances <= 9 && floor(var.cluster_instances) == var.cluster_instances
    error_message = "cluster_instances is a whole number 1..9 (ports 8101..8109 and 8201..8209 + port_offset)."
  }
}

variable "db_app_password" {
  description = "Password of tandem_app, the DML-only user the services use on every MariaDB instance."
  type        = string
  default     = "tandem-app-local"
}

variable "db_admin_password" {
  description = "Password of tandem_admin, the schema owner that runs migrations."
  type        = string
  default     = "tandem-admin-local"
}

variable "db_repl_password" {
  description = "Password of tandem_repl, the replication user of the db-a replica."
  type        = string
  default     = "tandem-repl-local"
}

variable "unleash_admin_token" {
  description = "Unleash admin API token, created at Unleash's first start."
  type        = string
  default     = "*:*.tandem-local-admin-token"
}

variable "unleash_client_token" {
  description = "Unleash backend (client) token the services use, created at Unleash's first start."
  type        = string
  default     = "default:development.tandem-local-client-token"
}

variable "unleash_ui_user" {
  description = "Login of the Unleash UI (product ops)."
  type        = string
  default     = "admin"
}

variable "unleash_ui_password" {
  description = "Password of the Unleash UI login."
  type        = string
  default     = "tandem-ops-local"
}

variable "session_secret" {
  description = "HMAC secret of session keys, shared by both clusters and the proxy."
  type        = string
  default     = "tandem-local-session-secret-change-me-in-any-real-env"
}

variable "identity_secret" {
  description = "HMAC secret of the identity assertions the proxy signs and the clusters verify (X-Identity-Assertion)."
  type        = string
  default     = "tandem-local-identity-secret-change-me-in-any-real-env"
}

variable "jvm_heap" {
  description = "Heap of each Tandem JVM."
  type        = string
  default     = "-Xmx256m"
}

variable "service_jvm_options" {
  description = "JVM options of each Tandem service JVM (clusters, catalog, offers, psp, stock, notifier, alerts) beside its heap. C1 only by default: on 2 cores C2's compiles cost more than its code saves in a service's first minutes, and no less after (bench/README, session 10). The proxy and the fault proxy keep the tiered JIT (C1 doubled the proxy's added p50 in bench proxy). \"\" restores the tiered JIT."
  type        = string
  default     = "-XX:TieredStopAtLevel=1"
}

variable "prometheus" {
  description = "Start Prometheus (Debian package) scraping every Tandem JVM, on 19090 + port_offset."
  type        = bool
  default     = true
}

variable "admin_token" {
  description = "Bearer token every process's /admin/ routes take (config admin.token): knobs, stock admin."
  type        = string
  default     = "tandem-local-admin-token-change-me"
  sensitive   = false
}

variable "db_semi_sync_timeout_ms" {
  description = "How long db-a waits for its replica's ack before it runs asynchronous (rpl_semi_sync_master_timeout); MariaDB's own default is 10000"
  type        = number
  default     = 1000
}

variable "mysql_topology" {
  description = <<-EOT
    Where the db-a lineage (ATC carts, addresses, cluster A's orders) is written, as mysql_topology of envs/aws
    (runbooks/region-loss.md). A change runs scripts/region.sh on the running environment:
      normal      - db-a is the primary and its replica follows it (from failed-over or reversed: the failback)
      failed-over - region A lost: db-a fenced, its replica promoted, primary_cluster=b (the failover)
      reversed    - region A back: db-a replicates the promoted replica, B still primary (the failback's first half)
    ./tandem failover|failback region-a do the same imperatively; this variable does not follow them.
  EOT
  type        = string
  default     = "normal"

  validation {
    condition     = contains(["normal", "failed-over", "reversed"], var.mysql_topology)
    error_message = "mysql_topology is normal, failed-over or reversed."
  }
}

variable "tracing" {
  description = "Start Zipkin (trace store, UI) on 19411 + port_offset and have every Tandem JVM send its spans there; false: no Zipkin, tracing is a no-op."
  type        = bool
  default     = true
}

variable "tracing_sampler_ratio" {
  description = "Share of new traces kept (tracing.sampler-ratio of each JVM): 1.0 locally; a continued trace follows its root's decision."
  type        = number
  default     = 1.0

  validation {
    condition     = var.tracing_sampler_ratio >= 0 && var.tracing_sampler_ratio <= 1
    error_message = "tracing_sampler_ratio is between 0 and 1."
  }
}

variable "zipkin_max_spans" {
  description = "Zipkin's in-memory bound (MEM_MAX_SPANS): past it the oldest traces are dropped. ~30 spans an order."
  type        = number
  default     = 100000
}
