# terraform test for envs/local: applies a whole second environment for real (ports shifted by
# port_offset, its own run folder, both passed with -var by infra-terraform/scripts/test-all.sh),
# talks to it with real clients, proves apply is idempotent and that a dead process shows as drift and
# is healed by the next apply; then terraform test destroys it.

run "up" {
  command = apply

  assert {
    condition     = length(output.down) == 0
    error_message = "components down right after apply: ${join(", ", output.down)}"
  }

  assert {
    condition = alltrue([for c in ["db-a", "db-a-replica", "db-b", "db-stock", "redis-a", "redis-b", "kafka", "postgres", "unleash", "stock", "cluster-a", "cluster-b"] :
    contains(keys(output.ports), c)])
    error_message = "a base component is missing: ${join(", ", keys(output.ports))}"
  }

  assert {
    condition = (output.ports["cluster-a"] == 8101 + var.port_offset && output.ports["db-a"] == 13306 + var.port_offset
    && output.ports["stock"] == 8305 + var.port_offset && output.ports["db-stock"] == 13309 + var.port_offset)
    error_message = "ports are not DESIGN.md's plus the offset"
  }
}

run "real_clients" {
  module {
    source = "./tests/envcheck"
  }

  variables {
    repo_root = run.up.repo_root
    env_file  = run.up.env_file
    report    = "${run.up.run_dir}/envcheck.txt"
  }

  assert {
    condition     = strcontains(file("${run.up.run_dir}/envcheck.txt"), " 0 failed")
    error_message = "environment checks failed: ${file("${run.up.run_dir}/envcheck.txt")}"
  }

  assert {
    condition     = strcontains(file("${run.up.run_dir}/envcheck.txt"), "PASS db-a write, replica read")
    error_message = "the replica did not show db-a's write"
  }
}

run "apply_again_changes_nothing" {
  command = apply

  assert {
    condition     = output.process_ids == run.up.process_ids
    error_message = "a second apply restarted processes that were healthy"
  }
}

run "kill_redis_b" {
  module {
    source = "./tests/kill"
  }

  variables {
    pidfile = "${run.up.run_dir}/pids/redis-b.pid"
  }
}

run "drift_shows" {
  command = plan

  assert {
    condition     = length(output.down) == 1 && contains(output.down, "redis-b")
    error_message = "the killed redis-b did not show as down: ${jsonencode(output.down)}"
  }
}

run "apply_heals" {
  command = apply

  assert {
    condition     = output.process_ids["redis-b"] != run.up.process_ids["redis-b"]
    error_message = "redis-b was not restarted"
  }

  assert {
    condition     = output.process_ids["redis-a"] == run.up.process_ids["redis-a"] && output.process_ids["cluster-a"] == run.up.process_ids["cluster-a"]
    error_message = "healing redis-b restarted other processes"
  }
}

run "heal_is_stable" {
  command = plan

  assert {
    condition     = length(output.down) == 0
    error_message = "still down after the healing apply: ${join(", ", output.down)}"
  }

  assert {
    condition     = output.process_ids == run.apply_heals.process_ids
    error_message = "the plan after a heal wants to restart something again"
  }
}
