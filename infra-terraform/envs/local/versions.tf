terraform {
  required_version = ">= 1.6"
  # Built-in only (terraform_data, local-exec, checks): nothing to download, works offline.
}
