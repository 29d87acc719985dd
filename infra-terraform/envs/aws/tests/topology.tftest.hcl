# Topology of the cloud environment, asserted against mocked AWS providers (no network, no account):
# mock values stand for what AWS would compute (ARNs, endpoints), and every assertion compares the
# wiring between resources, read back from the applied (mock) state.

mock_provider "aws" {
  # The provider validates ARN-typed arguments even under a mock: give the ARNs that other resources
  # take as arguments a well-formed shape. Database ARNs stay random, so that they stay distinct.
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/mock" }
  }
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:eu-west-1:123456789012:key/mock" }
  }
  mock_resource "aws_msk_configuration" {
    defaults = { arn = "arn:aws:kafka:eu-west-1:123456789012:configuration/mock/1" }
  }
  mock_resource "aws_lb" {
    defaults = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/mock/1" }
  }
  mock_resource "aws_lb_target_group" {
    defaults = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/mock/1" }
  }
  mock_resource "aws_db_instance" {
    defaults = {
      master_user_secret = [{ secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mock", kms_key_id = "mock", secret_status = "active" }]
    }
  }
  mock_resource "aws_secretsmanager_secret" {
    defaults = { arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tandem/mock-AbCdEf" }
  }
}

mock_provider "aws" {
  alias = "b"
  # The provider validates ARN-typed arguments even under a mock: give the ARNs that other resources
  # take as arguments a well-formed shape. Database ARNs stay random, so that they stay distinct.
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/mock" }
  }
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:eu-west-1:123456789012:key/mock" }
  }
  mock_resource "aws_msk_configuration" {
    defaults = { arn = "arn:aws:kafka:eu-west-1:123456789012:configuration/mock/1" }
  }
  mock_resource "aws_lb" {
    defaults = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/mock/1" }
  }
  mock_resource "aws_lb_target_group" {
    defaults = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/mock/1" }
  }
  mock_resource "aws_db_instance" {
    defaults = {
      master_user_secret = [{ secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mock", kms_key_id = "mock", secret_status = "active" }]
    }
  }
  mock_resource "aws_secretsmanager_secret" {
    defaults = { arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tandem/mock-AbCdEf" }
  }
}

variables {
  ops_cidrs = ["10.99.0.0/24"]
}

run "twin_clusters" {
  assert {
    condition     = length(output.clusters) == 2 && toset(keys(output.clusters)) == toset(["a", "b"])
    error_message = "Expected exactly two checkout clusters, a and b."
  }
  assert {
    condition     = output.clusters.a.eks_cluster_name != output.clusters.b.eks_cluster_name
    error_message = "The clusters must be two EKS clusters."
  }
  assert {
    condition     = output.clusters.a.region != output.clusters.b.region
    error_message = "Clusters A and B must live in different regions."
  }
}

run "replica_replicates_the_primary" {
  assert {
    condition     = output.mysql.main.replicate_source_db == null
    error_message = "tandem-db-a must be a primary."
  }
  assert {
    condition     = output.mysql.dr.replicate_source_db == output.mysql.main.arn
    error_message = "The replica's replicate_source_db must be the primary's ARN."
  }
  assert {
    condition     = output.mysql.dr.region != output.mysql.main.region
    error_message = "The replica must be in the other region."
  }
}

run "b_orders_on_its_own_instance" {
  assert {
    condition     = output.mysql.orders_b.arn != output.mysql.main.arn && output.mysql.orders_b.arn != output.mysql.dr.arn
    error_message = "B's order DB must be its own instance."
  }
  assert {
    condition     = output.mysql.orders_b.replicate_source_db == null
    error_message = "B's order DB must not be a replica of anything."
  }
  assert {
    condition     = strcontains(output.clusters.b.service_config["db.orders.connection.url"], "//${output.mysql.orders_b.address}:")
    error_message = "Cluster B must write orders to tandem-db-b."
  }
  assert {
    condition     = !strcontains(output.clusters.b.service_config["db.orders.connection.url"], output.mysql.main.address)
    error_message = "Cluster B's orders must not go to A's database."
  }
}

run "nothing_public" {
  assert {
    condition     = length(output.exposure) >= 11 && alltrue([for e in output.exposure : e.publicly_accessible == false])
    error_message = "Every database, cache, broker, load balancer and Kubernetes API must be private."
  }
  assert {
    condition = alltrue(flatten([for e in output.exposure : [
      for r in e.ingress : r.cidr_ipv4 != "0.0.0.0/0" && r.cidr_ipv6 != "::/0"
    ]]))
    error_message = "No security group may be open to the world."
  }
  assert {
    condition = alltrue(flatten([for e in output.exposure : [
      for r in e.ingress : r.from_port == e.port && r.to_port == e.port
    ]]))
    error_message = "Each store admits its own port only."
  }
  assert {
    condition = alltrue(flatten([for e in output.exposure : [
      for r in e.ingress : r.security_group != null if contains(["mysql", "redis", "kafka", "postgresql"], e.kind) && r.cidr_ipv4 == null
    ]]))
    error_message = "A data store rule names a security group or a private CIDR."
  }
}

run "cluster_variables_reach_the_services" {
  assert {
    condition     = output.clusters.a.service_config["cluster.name"] == "a" && output.clusters.b.service_config["cluster.name"] == "b"
    error_message = "Each cluster's services must be told their cluster name."
  }
  assert {
    condition = alltrue([for c in ["a", "b"] : alltrue([
      for k in ["db.reads.connection.url", "db.orders.connection.url", "redis.url", "kafka.bootstrap", "unleash.url"] :
      contains(keys(output.clusters[c].service_config), k)
    ])])
    error_message = "Both clusters need reads, orders, redis, kafka and unleash config."
  }
  assert {
    condition     = strcontains(output.clusters.a.service_config["db.primary.connection.url"], "//${output.mysql.main.address}:")
    error_message = "Cluster A's primary role must be tandem-db-a."
  }
  assert {
    condition     = !contains(keys(output.clusters.b.service_config), "db.primary.connection.url")
    error_message = "Cluster B has no primary role in the normal topology."
  }
  assert {
    condition     = strcontains(output.clusters.b.service_config["db.reads.connection.url"], "//${output.mysql.dr.address}:")
    error_message = "Cluster B must read addresses from the replica."
  }
  assert {
    condition     = output.clusters.a.service_config["redis.url"] != output.clusters.b.service_config["redis.url"]
    error_message = "Each cluster has its own Redis."
  }
  assert {
    condition     = output.clusters.a.secret_refs["session.secret"] != output.clusters.b.secret_refs["session.secret"] && endswith(output.clusters.a.secret_refs["session.secret"], split(":", output.clusters.b.secret_refs["session.secret"])[length(split(":", output.clusters.b.secret_refs["session.secret"])) - 1])
    error_message = "Both clusters read the same session secret, each from its own region's copy."
  }
  # The same values reach the SSM parameters and the ConfigMap.
  assert {
    condition = alltrue([for c in ["a", "b"] : alltrue([
      for k, v in output.clusters[c].service_config : output.clusters[c].ssm_parameters["/tandem/clusters/${c}/config/${k}"] == v
    ])])
    error_message = "Every config key must be an SSM parameter with the same value."
  }
  assert {
    condition     = yamldecode(output.configmap_b).data["DB_ORDERS_CONNECTION_URL"] == output.clusters.b.service_config["db.orders.connection.url"] && yamldecode(output.configmap_b).data["CLUSTER_NAME"] == "b"
    error_message = "The ConfigMap must carry the same values as environment variables."
  }
}

run "region_a_lost_replica_promoted" {
  variables {
    mysql_topology = "failed-over"
  }
  assert {
    condition     = output.mysql.main == null && output.mysql.dr.replicate_source_db == null
    error_message = "After a failover the replica is promoted and the lost primary is gone."
  }
  assert {
    condition     = strcontains(output.clusters.b.service_config["db.primary.connection.url"], "//${output.mysql.dr.address}:")
    error_message = "Cluster B takes the primary role on the promoted instance."
  }
  assert {
    condition     = strcontains(output.clusters.b.service_config["db.orders.connection.url"], "//${output.mysql.orders_b.address}:")
    error_message = "Cluster B keeps its own order DB."
  }
  assert {
    condition = anytrue([for e in output.exposure : e.name == "tandem-db-a-dr" && anytrue([
      for r in e.ingress : r.cidr_ipv4 == "10.10.0.0/16"
    ])])
    error_message = "The promoted instance must admit region A's VPC (for cluster A once it is back)."
  }
}

run "region_a_back_replication_reversed" {
  variables {
    mysql_topology = "reversed"
  }
  assert {
    condition     = output.mysql.return.replicate_source_db == output.mysql.dr.arn && output.mysql.return.region == "eu-west-1"
    error_message = "The new tandem-db-a in region A must replicate the promoted instance."
  }
  assert {
    condition     = output.mysql.return.identifier == "tandem-db-a"
    error_message = "The returning replica takes the original name, so failback is a promotion plus a state move."
  }
  assert {
    condition     = strcontains(output.clusters.a.service_config["db.reads.connection.url"], "//${output.mysql.return.address}:") && strcontains(output.clusters.a.service_config["db.primary.connection.url"], "//${output.mysql.dr.address}:")
    error_message = "Cluster A reads locally and writes to the promoted primary."
  }
}

run "world_open_ops_cidr_refused" {
  command = plan
  variables {
    ops_cidrs = ["0.0.0.0/0"]
  }
  expect_failures = [var.ops_cidrs]
}

run "unknown_topology_refused" {
  command = plan
  variables {
    mysql_topology = "both-primary"
  }
  expect_failures = [var.mysql_topology]
}
