output "clusters" {
  description = "The checkout clusters and what their services are told."
  value = {
    for c in [module.cluster_a, module.cluster_b] : c.name => {
      eks_cluster_name = c.eks_cluster_name
      region           = c.name == "a" ? var.region_a : var.region_b
      service_config   = c.service_config
      secret_refs      = c.secret_refs
      env              = c.env
      ssm_parameters   = c.ssm_parameters
    }
  }
}

output "configmap_a" {
  description = "ConfigMap for cluster A's checkout pods: terraform output -raw configmap_a | kubectl apply -f -"
  value       = module.cluster_a.configmap_manifest
}

output "configmap_b" {
  description = "ConfigMap for cluster B's checkout pods."
  value       = module.cluster_b.configmap_manifest
}

output "mysql" {
  description = "The MySQL instances by role in the current topology (null when absent)."
  value = {
    topology = var.mysql_topology
    main = local.main_exists ? {
      identifier = module.db_a_main[0].identifier, arn = module.db_a_main[0].arn, region = var.region_a,
      address    = module.db_a_main[0].address, replicate_source_db = module.db_a_main[0].replicate_source_db
    } : null
    dr = {
      identifier = module.db_a_dr.identifier, arn = module.db_a_dr.arn, region = var.region_b,
      address    = module.db_a_dr.address, replicate_source_db = module.db_a_dr.replicate_source_db
    }
    return = local.return_exists ? {
      identifier = module.db_a_return[0].identifier, arn = module.db_a_return[0].arn, region = var.region_a,
      address    = module.db_a_return[0].address, replicate_source_db = module.db_a_return[0].replicate_source_db
    } : null
    orders_b = {
      identifier = module.db_b.identifier, arn = module.db_b.arn, region = var.region_b,
      address    = module.db_b.address, replicate_source_db = module.db_b.replicate_source_db
    }
  }
}

output "unleash" {
  description = "Unleash URLs and the secrets holding its tokens."
  value = {
    url                     = module.unleash.url
    api_url                 = module.unleash.api_url
    admin_token_secret_arn  = module.unleash.admin_token_secret_arn
    client_token_secret_arn = module.unleash.client_token_secret_arn
    region                  = var.region_b
  }
}

output "exposure" {
  description = "Every data store and API endpoint with what may reach it (read back from the resources)."
  value = concat(
    [for m in module.db_a_main : m.exposure],
    [module.db_a_dr.exposure],
    [for m in module.db_a_return : m.exposure],
    [module.db_b.exposure],
    [module.redis_a.exposure, module.redis_b.exposure],
    [module.kafka_a.exposure, module.kafka_b.exposure],
    module.unleash.exposure,
    [module.cluster_a.exposure, module.cluster_b.exposure],
  )
}
