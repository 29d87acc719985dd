terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 6.0"
    }
  }

  # State lives in S3 with locking; give the bucket at init:
  #   terraform init -backend-config=bucket=<bucket> -backend-config=key=tandem/aws.tfstate \
  #                  -backend-config=region=<region> -backend-config=use_lockfile=true
  # test.sh swaps this for a local backend (backend_override.tf in its scratch copy).
  backend "s3" {}
}
