# One long-running process of a local environment: started by a script, stopped on destroy, and
# watched for drift. Built-in Terraform only (terraform_data + local-exec): no provider to download.
#
# Drift: at plan time the process's state line (<run_dir>/pids/<name>.state) is read and /proc is asked
# whether its pid still lives. A process that died shows as a replacement (and in the `died` output, which
# envs check), and `terraform apply` starts it again. The state line keeps the pid that died last, so the
# plan after a restart is empty instead of restarting the healthy process once more.

terraform {
  required_version = ">= 1.6"
}

variable "name" {
  description = "Component name; also the pid file's name under <run_dir>/pids."
  type        = string
}

variable "run_dir" {
  description = "The environment's run folder (data, logs, pids)."
  type        = string
}

variable "start" {
  description = "Shell command that starts the process if it is not running and returns once it is ready."
  type        = string
}

variable "stop" {
  description = "Shell command that stops the process; run on destroy and before a replacement."
  type        = string
}

variable "environment" {
  description = "Environment of the start and stop commands."
  type        = map(string)
  default     = {}
  sensitive   = false
}

variable "triggers" {
  description = "Values whose change restarts the process (config, a jar's hash)."
  type        = map(string)
  default     = {}
}

variable "port" {
  description = "The port it serves, for outputs and status."
  type        = number
}

locals {
  pidfile = "${var.run_dir}/pids/${var.name}.pid"
  # One read of "<pid or -> <pid that died last, or ->" (scripts/lib.sh keeps it, replaced whole), so an
  # evaluation at any moment of an apply agrees with the plan's.
  state      = split(" ", try(trimspace(file("${var.run_dir}/pids/${var.name}.state")), "- -"))
  pid        = local.state[0] == "-" ? "" : local.state[0]
  last_death = length(local.state) > 1 && local.state[1] != "-" ? local.state[1] : ""
  # A killed child of a non-reaping init lingers as a zombie for a while: that is dead too.
  alive  = local.pid != "" && try(!strcontains(file("/proc/${local.pid}/status"), "(zombie)"), false)
  died   = local.pid != "" && !local.alive
  health = local.died ? "died:${local.pid}" : (local.last_death == "" ? "ok" : "died:${local.last_death}")
}

resource "terraform_data" "process" {
  triggers_replace = merge(var.triggers, { health = local.health })

  input = {
    stop        = var.stop
    environment = var.environment
  }

  provisioner "local-exec" {
    command     = var.start
    environment = var.environment
  }

  provisioner "local-exec" {
    when        = destroy
    command     = self.input.stop
    environment = self.input.environment
  }
}

output "name" {
  value = var.name
}

output "port" {
  value = var.port
}

output "pidfile" {
  value = local.pidfile
}

output "id" {
  description = "Changes whenever the process is (re)started: depend on it to follow restarts."
  value       = terraform_data.process.id
}

output "died" {
  description = "True when the pid file names a process that is gone (drift), at plan time."
  value       = local.died
}
