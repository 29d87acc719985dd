# Kafka (MSK) for one region: the order outbox relay of the cluster in this region publishes here.
# Both clusters produce to the same topic names; consumers are idempotent (DESIGN.md), so a region
# that is lost costs delayed notifications, not lost or duplicated side effects.
# IAM authentication over TLS, no public access, brokers spread over the subnets' AZs.

variable "name" {
  description = "MSK cluster name (e.g. tandem-kafka-a)."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the brokers."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets, one per AZ; brokers are spread evenly over them."
  type        = list(string)
}

variable "allowed_security_groups" {
  description = "Security groups allowed on the IAM/TLS broker port, by a static name."
  type        = map(string)
}

variable "kafka_version" {
  description = "MSK Kafka version."
  type        = string
  default     = "3.6.0"
}

variable "broker_instance_type" {
  description = "Broker instance type."
  type        = string
  default     = "kafka.m5.large"
}

variable "brokers_per_az" {
  description = "Brokers in each subnet's AZ."
  type        = number
  default     = 1
}

variable "volume_size_gb" {
  description = "EBS volume per broker."
  type        = number
  default     = 100
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}

locals {
  iam_port = 9098
}

module "access" {
  source                  = "../port-access"
  name                    = "${var.name}-kafka"
  description             = "MSK ${var.name}: only the named security groups, IAM over TLS"
  label                   = "Kafka (IAM/TLS)"
  vpc_id                  = var.vpc_id
  port                    = local.iam_port
  allowed_security_groups = var.allowed_security_groups
  tags                    = var.tags
}

resource "aws_msk_configuration" "this" {
  name           = var.name
  kafka_versions = [var.kafka_version]
  # Topics are created by the services' deploy step, never by a typo in a producer.
  server_properties = <<-EOT
    auto.create.topics.enable=false
    default.replication.factor=3
    min.insync.replicas=2
    unclean.leader.election.enable=false
  EOT
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/tandem/msk/${var.name}"
  retention_in_days = 14
  tags              = var.tags
}

resource "aws_msk_cluster" "this" {
  cluster_name           = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = length(var.subnet_ids) * var.brokers_per_az

  broker_node_group_info {
    instance_type   = var.broker_instance_type
    client_subnets  = var.subnet_ids
    security_groups = [module.access.security_group_id]
    storage_info {
      ebs_storage_info {
        volume_size = var.volume_size_gb
      }
    }
    connectivity_info {
      public_access {
        type = "DISABLED"
      }
    }
  }

  client_authentication {
    unauthenticated = false
    sasl {
      iam = true
    }
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this.arn
    revision = aws_msk_configuration.this.latest_revision
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.this.name
      }
    }
  }

  tags = var.tags
}

output "arn" {
  description = "ARN of the MSK cluster (for the services' IAM policy)."
  value       = aws_msk_cluster.this.arn
}

output "bootstrap_brokers" {
  description = "Bootstrap servers for IAM auth over TLS (the services' kafka.bootstrap)."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_iam
}

output "security_group_id" {
  description = "Security group of the brokers."
  value       = module.access.security_group_id
}

output "exposure" {
  description = "What can reach the brokers, read back from the resources (asserted by envs/aws tests)."
  value = {
    name                = var.name
    kind                = "kafka"
    port                = local.iam_port
    publicly_accessible = aws_msk_cluster.this.broker_node_group_info[0].connectivity_info[0].public_access[0].type != "DISABLED"
    ingress             = module.access.ingress
  }
}
