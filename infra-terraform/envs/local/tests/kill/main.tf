# Test helper: kill -9 one process of an environment, and wait until it is gone.
variable "pidfile" {
  type = string
}

resource "terraform_data" "kill" {
  triggers_replace = [timestamp()]
  provisioner "local-exec" {
    command     = "pid=$(cat \"$PIDFILE\") && kill -9 \"$pid\" && for i in $(seq 100); do grep -qv '(zombie)' /proc/$pid/status 2>/dev/null || exit 0; sleep 0.1; done; exit 1"
    environment = { PIDFILE = var.pidfile }
  }
}
