output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "cidr" {
  description = "IPv4 CIDR of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "private_subnet_ids" {
  description = "Private subnets, one per availability zone, in the order of var.azs."
  value       = aws_subnet.private[*].id
}

output "private_route_table_id" {
  description = "The private route table (peering routes go here)."
  value       = aws_route_table.private.id
}
