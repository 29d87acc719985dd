# Cross-region VPC peering between the two cluster regions, with routes on both sides.
# Used for: cluster A reaching Unleash (in region B), and, after a region failover, a cluster
# reaching the MySQL primary in the other region. Databases still admit only the CIDRs or
# security groups they name: peering alone opens nothing.

variable "name" {
  description = "Name of the peering connection."
  type        = string
}

variable "requester_vpc_id" {
  description = "VPC in the default provider's region."
  type        = string
}

variable "requester_cidr" {
  description = "CIDR of the requester VPC."
  type        = string
}

variable "requester_route_table_id" {
  description = "Route table of the requester VPC's private subnets."
  type        = string
}

variable "accepter_vpc_id" {
  description = "VPC in the aws.accepter provider's region."
  type        = string
}

variable "accepter_cidr" {
  description = "CIDR of the accepter VPC."
  type        = string
}

variable "accepter_route_table_id" {
  description = "Route table of the accepter VPC's private subnets."
  type        = string
}

variable "accepter_region" {
  description = "Region of the accepter VPC."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}

resource "aws_vpc_peering_connection" "this" {
  vpc_id      = var.requester_vpc_id
  peer_vpc_id = var.accepter_vpc_id
  peer_region = var.accepter_region
  auto_accept = false
  tags        = merge(var.tags, { Name = var.name })
}

resource "aws_vpc_peering_connection_accepter" "this" {
  provider                  = aws.accepter
  vpc_peering_connection_id = aws_vpc_peering_connection.this.id
  auto_accept               = true
  tags                      = merge(var.tags, { Name = var.name })
}

resource "aws_route" "requester_to_accepter" {
  route_table_id            = var.requester_route_table_id
  destination_cidr_block    = var.accepter_cidr
  vpc_peering_connection_id = aws_vpc_peering_connection.this.id
}

resource "aws_route" "accepter_to_requester" {
  provider                  = aws.accepter
  route_table_id            = var.accepter_route_table_id
  destination_cidr_block    = var.requester_cidr
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.this.id
}

output "id" {
  description = "ID of the peering connection."
  value       = aws_vpc_peering_connection.this.id
}
