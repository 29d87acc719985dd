# Region A holds cluster A and the MySQL primary (db-a); region B holds cluster B, the db-a replica,
# B's own order database (db-b) and Unleash.
# offline_plan = true lets `terraform plan` run with dummy credentials and no network (test.sh).

provider "aws" {
  region                      = var.region_a
  skip_credentials_validation = var.offline_plan
  skip_metadata_api_check     = var.offline_plan
  skip_region_validation      = var.offline_plan
  skip_requesting_account_id  = var.offline_plan

  default_tags {
    tags = local.tags
  }
}

provider "aws" {
  alias                       = "b"
  region                      = var.region_b
  skip_credentials_validation = var.offline_plan
  skip_metadata_api_check     = var.offline_plan
  skip_region_validation      = var.offline_plan
  skip_requesting_account_id  = var.offline_plan

  default_tags {
    tags = local.tags
  }
}
