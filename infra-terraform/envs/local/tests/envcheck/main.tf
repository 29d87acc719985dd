# Test helper: real clients against an environment (EnvCheckMain); the apply fails when a check fails.
variable "repo_root" {
  type = string
}

variable "env_file" {
  type = string
}

variable "report" {
  type = string
}

resource "terraform_data" "check" {
  triggers_replace = [timestamp()]
  provisioner "local-exec" {
    command     = "${var.repo_root}/infra-terraform/scripts/envcheck.sh \"$ENV_FILE\" > \"$REPORT\" 2>&1 || { cat \"$REPORT\"; exit 1; }"
    environment = { ENV_FILE = var.env_file, REPORT = var.report, TANDEM_ROOT = var.repo_root }
  }
}
