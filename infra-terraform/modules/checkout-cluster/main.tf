# One checkout cluster: an EKS cluster with a private API endpoint only, a managed node group in
# private subnets, secrets encrypted with its own KMS key, and an IAM role for the checkout pods
# (EKS Pod Identity: no OIDC provider needed) that may read exactly this cluster's secrets and
# write/read its region's Kafka.

locals {
  cluster_name = "${var.env_name}-${var.name}"
}

resource "aws_kms_key" "secrets" {
  description             = "EKS secrets encryption of ${local.cluster_name}"
  deletion_window_in_days = 30
  enable_key_rotation     = true
  tags                    = var.tags
}

resource "aws_iam_role" "cluster" {
  name = "${local.cluster_name}-eks"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "eks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "cluster" {
  role       = aws_iam_role.cluster.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"
}

resource "aws_security_group" "api" {
  name        = "${local.cluster_name}-api"
  description = "Private Kubernetes API of ${local.cluster_name}: only the named private CIDRs"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${local.cluster_name}-api" })
}

resource "aws_vpc_security_group_ingress_rule" "api" {
  for_each          = toset(var.api_allowed_cidrs)
  security_group_id = aws_security_group.api.id
  description       = "Kubernetes API from ${each.key}"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.key
}

resource "aws_eks_cluster" "this" {
  name     = local.cluster_name
  role_arn = aws_iam_role.cluster.arn
  version  = var.kubernetes_version

  vpc_config {
    subnet_ids              = var.subnet_ids
    security_group_ids      = [aws_security_group.api.id]
    endpoint_private_access = true
    endpoint_public_access  = false
  }

  access_config {
    authentication_mode                         = "API"
    bootstrap_cluster_creator_admin_permissions = false
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.secrets.arn
    }
  }

  enabled_cluster_log_types = ["api", "audit", "authenticator"]
  tags                      = merge(var.tags, { "tandem/cluster" = var.name })

  depends_on = [aws_iam_role_policy_attachment.cluster]
}

resource "aws_eks_access_entry" "admin" {
  for_each      = toset(var.admin_role_arns)
  cluster_name  = aws_eks_cluster.this.name
  principal_arn = each.key
  tags          = var.tags
}

resource "aws_eks_access_policy_association" "admin" {
  for_each      = toset(var.admin_role_arns)
  cluster_name  = aws_eks_cluster.this.name
  principal_arn = aws_eks_access_entry.admin[each.key].principal_arn
  policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
  access_scope {
    type = "cluster"
  }
}

# --- Nodes ------------------------------------------------------------------------------------------

resource "aws_iam_role" "node" {
  name = "${local.cluster_name}-node"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "node" {
  for_each = toset([
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
  ])
  role       = aws_iam_role.node.name
  policy_arn = each.key
}

resource "aws_eks_node_group" "this" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "${local.cluster_name}-checkout"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = var.subnet_ids
  instance_types  = var.node_instance_types
  labels          = { "tandem/cluster" = var.name }

  scaling_config {
    min_size     = var.node_count.min
    desired_size = var.node_count.desired
    max_size     = var.node_count.max
  }

  update_config {
    max_unavailable = 1
  }

  tags       = var.tags
  depends_on = [aws_iam_role_policy_attachment.node]
}

resource "aws_eks_addon" "this" {
  for_each     = toset(["vpc-cni", "kube-proxy", "coredns", "eks-pod-identity-agent"])
  cluster_name = aws_eks_cluster.this.name
  addon_name   = each.key
  tags         = var.tags
  depends_on   = [aws_eks_node_group.this]
}

# --- The checkout pods' own identity -------------------------------------------------------------------

resource "aws_iam_role" "services" {
  name = "${local.cluster_name}-checkout"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "pods.eks.amazonaws.com" }
      Action    = ["sts:AssumeRole", "sts:TagSession"]
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "services" {
  name = "checkout-services"
  role = aws_iam_role.services.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadOwnSecrets"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
        Resource = distinct([var.session_secret_arn, var.unleash_client_token_secret_arn, var.db_app_secret_arn])
      },
      {
        Sid      = "ReadOwnConfig"
        Effect   = "Allow"
        Action   = ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"]
        Resource = "arn:aws:ssm:*:*:parameter${local.ssm_prefix}/*"
      },
      {
        Sid      = "KafkaCluster"
        Effect   = "Allow"
        Action   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"]
        Resource = var.kafka_cluster_arn
      },
      {
        Sid    = "KafkaTopicsAndGroups"
        Effect = "Allow"
        Action = [
          "kafka-cluster:DescribeTopic", "kafka-cluster:ReadData", "kafka-cluster:WriteData",
          "kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup",
        ]
        Resource = [
          "${replace(var.kafka_cluster_arn, ":cluster/", ":topic/")}/tandem.*",
          "${replace(var.kafka_cluster_arn, ":cluster/", ":group/")}/tandem-*",
        ]
      },
    ]
  })
}

resource "aws_eks_pod_identity_association" "services" {
  cluster_name    = aws_eks_cluster.this.name
  namespace       = var.namespace
  service_account = var.service_account
  role_arn        = aws_iam_role.services.arn
  tags            = var.tags
}
