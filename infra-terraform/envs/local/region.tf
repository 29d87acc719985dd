# The region-loss topology as a variable (mysql_topology, as in envs/aws): a change converges the running
# environment with scripts/region.sh (fence, promote, move primary_cluster; or rebuild db-a and switch back). At
# "normal" on an environment that is normal already it does nothing, so a fresh `up` makes no extra call.
resource "terraform_data" "mysql_topology" {
  count            = local.built.cluster && local.built.proxy ? 1 : 0
  triggers_replace = [var.mysql_topology]

  provisioner "local-exec" {
    command     = "bash ${local.scripts}/region.sh converge region-a ${var.mysql_topology}"
    environment = { ENV_FILE = local.env_file }
  }

  depends_on = [terraform_data.env_file, module.proxy, module.cluster]
}
