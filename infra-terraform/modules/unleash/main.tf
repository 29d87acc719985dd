# Unleash with its PostgreSQL: RDS PostgreSQL (private, Multi-AZ, encrypted, password managed by RDS),
# Unleash on ECS Fargate in private subnets behind an internal load balancer. The API tokens live in
# Secrets Manager (values are set out of band; only their ARNs pass through Terraform).

locals {
  # RDS keeps the master password in Secrets Manager; the secret's ARN is known after create.
  db_secret_arn = one(aws_db_instance.this.master_user_secret[*].secret_arn)
  unleash_port  = 4242
  pg_port       = 5432
  listener_port = var.certificate_arn == null ? 80 : 443
  scheme        = var.certificate_arn == null ? "http" : "https"
}

# --- PostgreSQL -------------------------------------------------------------------------------------

resource "aws_db_subnet_group" "this" {
  name       = "${var.name}-pg"
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

resource "aws_security_group" "db" {
  name        = "${var.name}-pg"
  description = "Unleash PostgreSQL: only the Unleash tasks"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-pg" })
}

resource "aws_vpc_security_group_ingress_rule" "db_from_tasks" {
  security_group_id            = aws_security_group.db.id
  description                  = "PostgreSQL from the Unleash tasks"
  ip_protocol                  = "tcp"
  from_port                    = local.pg_port
  to_port                      = local.pg_port
  referenced_security_group_id = aws_security_group.tasks.id
}

resource "aws_db_instance" "this" {
  identifier                  = "${var.name}-pg"
  engine                      = "postgres"
  engine_version              = var.db_engine_version
  instance_class              = var.db_instance_class
  allocated_storage           = 20
  max_allocated_storage       = 100
  storage_type                = "gp3"
  storage_encrypted           = true
  db_name                     = "unleash"
  username                    = "unleash"
  manage_master_user_password = true
  port                        = local.pg_port
  db_subnet_group_name        = aws_db_subnet_group.this.name
  vpc_security_group_ids      = [aws_security_group.db.id]
  publicly_accessible         = false
  multi_az                    = true
  backup_retention_period     = 7
  deletion_protection         = var.deletion_protection
  skip_final_snapshot         = false
  final_snapshot_identifier   = "${var.name}-pg-final"
  copy_tags_to_snapshot       = true
  auto_minor_version_upgrade  = true
  tags                        = merge(var.tags, { Name = "${var.name}-pg" })
}

# --- API tokens (values set out of band, see runbooks/region-loss.md) ----------------------------------

resource "aws_secretsmanager_secret" "admin_token" {
  name                    = "${var.name}/admin-api-token"
  description             = "Unleash admin API token (INIT_ADMIN_API_TOKENS), e.g. *:*.<random>"
  recovery_window_in_days = 7
  tags                    = var.tags
}

resource "aws_secretsmanager_secret" "client_token" {
  name                    = "${var.name}/client-api-token"
  description             = "Unleash backend (client) token (INIT_BACKEND_API_TOKENS), e.g. default:production.<random>"
  recovery_window_in_days = 7
  tags                    = var.tags
}

# --- Load balancer (internal only) ---------------------------------------------------------------------

resource "aws_security_group" "lb" {
  name        = "${var.name}-lb"
  description = "Unleash internal load balancer: only the client CIDRs"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-lb" })
}

resource "aws_vpc_security_group_ingress_rule" "lb_from_clients" {
  for_each          = toset(var.client_cidrs)
  security_group_id = aws_security_group.lb.id
  description       = "Unleash from ${each.key}"
  ip_protocol       = "tcp"
  from_port         = local.listener_port
  to_port           = local.listener_port
  cidr_ipv4         = each.key
}

resource "aws_vpc_security_group_egress_rule" "lb_to_tasks" {
  security_group_id            = aws_security_group.lb.id
  description                  = "To the Unleash tasks"
  ip_protocol                  = "tcp"
  from_port                    = local.unleash_port
  to_port                      = local.unleash_port
  referenced_security_group_id = aws_security_group.tasks.id
}

resource "aws_lb" "this" {
  name                       = var.name
  internal                   = true
  load_balancer_type         = "application"
  security_groups            = [aws_security_group.lb.id]
  subnets                    = var.subnet_ids
  drop_invalid_header_fields = true
  tags                       = var.tags
}

resource "aws_lb_target_group" "this" {
  name        = var.name
  port        = local.unleash_port
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id
  health_check {
    path    = "/health"
    matcher = "200"
  }
  tags = var.tags
}

resource "aws_lb_listener" "this" {
  load_balancer_arn = aws_lb.this.arn
  port              = local.listener_port
  protocol          = var.certificate_arn == null ? "HTTP" : "HTTPS"
  certificate_arn   = var.certificate_arn
  ssl_policy        = var.certificate_arn == null ? null : "ELBSecurityPolicy-TLS13-1-2-2021-06"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this.arn
  }
}

# --- ECS Fargate service -------------------------------------------------------------------------------

resource "aws_security_group" "tasks" {
  name        = "${var.name}-tasks"
  description = "Unleash tasks: only from the load balancer"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-tasks" })
}

resource "aws_vpc_security_group_ingress_rule" "tasks_from_lb" {
  security_group_id            = aws_security_group.tasks.id
  description                  = "Unleash from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = local.unleash_port
  to_port                      = local.unleash_port
  referenced_security_group_id = aws_security_group.lb.id
}

resource "aws_vpc_security_group_egress_rule" "tasks_out" {
  security_group_id = aws_security_group.tasks.id
  description       = "PostgreSQL and the VPC endpoints (ECR, logs, Secrets Manager), inside the VPC only"
  ip_protocol       = "-1"
  cidr_ipv4         = var.vpc_cidr
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/tandem/unleash/${var.name}"
  retention_in_days = 30
  tags              = var.tags
}

resource "aws_iam_role" "execution" {
  name = "${var.name}-execution"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role_policy" "execution_secrets" {
  name = "read-unleash-secrets"
  role = aws_iam_role.execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = ["secretsmanager:GetSecretValue"]
      Resource = [
        aws_secretsmanager_secret.admin_token.arn,
        aws_secretsmanager_secret.client_token.arn,
        local.db_secret_arn,
      ]
    }]
  })
}

resource "aws_ecs_cluster" "this" {
  name = var.name
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
  tags = var.tags
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.execution.arn
  container_definitions = jsonencode([{
    name         = "unleash"
    image        = var.image
    essential    = true
    portMappings = [{ containerPort = local.unleash_port, protocol = "tcp" }]
    environment = [
      { name = "DATABASE_HOST", value = aws_db_instance.this.address },
      { name = "DATABASE_PORT", value = tostring(local.pg_port) },
      { name = "DATABASE_NAME", value = "unleash" },
      # TLS to RDS; pin the RDS CA bundle in the image to also verify the certificate.
      { name = "DATABASE_SSL", value = jsonencode({ rejectUnauthorized = false }) },
      { name = "SEND_TELEMETRY", value = "false" },
      { name = "CHECK_VERSION", value = "false" },
      { name = "UNLEASH_URL", value = "${local.scheme}://${aws_lb.this.dns_name}" },
    ]
    secrets = [
      { name = "DATABASE_USERNAME", valueFrom = "${local.db_secret_arn}:username::" },
      { name = "DATABASE_PASSWORD", valueFrom = "${local.db_secret_arn}:password::" },
      { name = "INIT_ADMIN_API_TOKENS", valueFrom = aws_secretsmanager_secret.admin_token.arn },
      { name = "INIT_BACKEND_API_TOKENS", valueFrom = aws_secretsmanager_secret.client_token.arn },
    ]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = var.region
        awslogs-stream-prefix = "unleash"
      }
    }
  }])
  tags = var.tags
}

resource "aws_ecs_service" "this" {
  name            = var.name
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.this.arn
  desired_count   = var.desired_count
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.this.arn
    container_name   = "unleash"
    container_port   = local.unleash_port
  }
  depends_on = [aws_lb_listener.this]
  tags       = var.tags
}
