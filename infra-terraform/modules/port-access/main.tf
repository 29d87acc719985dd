# The security group of one private store (MySQL, Redis, MSK): only the named security groups and, when given,
# private CIDRs reach its one TCP port. Rules are separate resources (never inline), one per source, so adding a
# source never rewrites the others. `ingress` reads the rules back for the envs/aws exposure audit.

variable "name" {
  description = "Security group name (e.g. tandem-db-a-mysql)."
  type        = string
}

variable "description" {
  description = "Security group description."
  type        = string
}

variable "label" {
  description = "What listens on the port, for the rule descriptions (e.g. MySQL)."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the store."
  type        = string
}

variable "port" {
  description = "The store's TCP port."
  type        = number
}

variable "allowed_security_groups" {
  description = "Security groups allowed on the port, by a static name (e.g. { cluster_a = sg-... })."
  type        = map(string)
  default     = {}
}

variable "allowed_cidrs" {
  description = "Private CIDRs allowed on the port."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags."
  type        = map(string)
  default     = {}
}

resource "aws_security_group" "this" {
  name        = var.name
  description = var.description
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = var.name })
}

resource "aws_vpc_security_group_ingress_rule" "from_security_group" {
  for_each                     = var.allowed_security_groups
  security_group_id            = aws_security_group.this.id
  description                  = "${var.label} from ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = var.port
  to_port                      = var.port
  referenced_security_group_id = each.value
}

resource "aws_vpc_security_group_ingress_rule" "from_cidr" {
  for_each          = toset(var.allowed_cidrs)
  security_group_id = aws_security_group.this.id
  description       = "${var.label} from ${each.key}"
  ip_protocol       = "tcp"
  from_port         = var.port
  to_port           = var.port
  cidr_ipv4         = each.key
}

output "security_group_id" {
  description = "The security group."
  value       = aws_security_group.this.id
}

output "ingress" {
  description = "Every rule, read back from the resources."
  value = [
    for r in concat(values(aws_vpc_security_group_ingress_rule.from_security_group), values(aws_vpc_security_group_ingress_rule.from_cidr)) : {
      from_port      = r.from_port
      to_port        = r.to_port
      cidr_ipv4      = r.cidr_ipv4
      cidr_ipv6      = r.cidr_ipv6
      security_group = r.referenced_security_group_id
    }
  ]
}
