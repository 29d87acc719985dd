#!/usr/bin/env bash
# Validates the cloud environment for real, offline, from a clean checkout:
#   fmt -check, init (providers from the filesystem mirror only), validate, terraform test (mocked AWS,
#   asserts the topology), an offline plan with dummy credentials, and an audit of that plan's JSON.
# Works on a scratch copy, so no .terraform/, state or plan is ever left in the checkout.
# Last line: "terraform-aws: N passed, M failed" (each step and each `run` block counts once).
# Exit status: 0 only when nothing failed.
#
# Env: TANDEM_TF_MIRROR   filesystem mirror root (default: the one in ../../terraformrc, /opt/tf-plugins)
#      TF_PLUGIN_CACHE_DIR  provider cache (default ~/.cache/tandem/terraform-plugins), so the 700 MB
#                           provider is linked, not copied, on every run.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tf_root="$(cd "$here/../.." && pwd)"
passed=0
failed=0

started=$SECONDS
ok() { passed=$((passed + 1)); echo "ok    $* [$((SECONDS - started)) s]"; }
ko() { failed=$((failed + 1)); echo "FAIL  $* [$((SECONDS - started)) s]"; }
finish() {
  echo "terraform-aws: ${passed} passed, ${failed} failed"
  [[ $failed -eq 0 ]]
  exit $?
}

command -v terraform >/dev/null || { ko "terraform not on PATH"; finish; }
command -v jq >/dev/null || { ko "jq not on PATH (apt-get install -y jq)"; finish; }

scratch="$(mktemp -d "${TMPDIR:-/tmp}/tandem-tf-aws.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

# The CLI config: the project's, or one for a mirror somewhere else. The machine's own
# TF_CLI_CONFIG_FILE points at a file that does not exist (TOOLCHAIN.md), so always set it.
if [[ -n "${TANDEM_TF_MIRROR:-}" ]]; then
  sed "s#/opt/tf-plugins#${TANDEM_TF_MIRROR}#" "$tf_root/terraformrc" > "$scratch/terraformrc"
  export TF_CLI_CONFIG_FILE="$scratch/terraformrc"
else
  export TF_CLI_CONFIG_FILE="$tf_root/terraformrc"
fi
export TF_PLUGIN_CACHE_DIR="${TF_PLUGIN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tandem/terraform-plugins}"
mkdir -p "$TF_PLUGIN_CACHE_DIR"
export TF_DATA_DIR="$scratch/data"
export TF_IN_AUTOMATION=1
export CHECKPOINT_DISABLE=1

# The modules this environment uses (modules/ also holds envs/local's, which are not ours to check here).
mapfile -t modules < <(sed -nE 's#^ *source *= *"\.\./\.\./modules/([^"/]+)".*#\1#p' "$here"/*.tf | sort -u)
# ... and the modules those use (a sibling source "../name"), until nothing new turns up.
while true; do
  mapfile -t more < <(for m in "${modules[@]}"; do sed -nE 's#^ *source *= *"\.\./([^"/.][^"/]*)".*#\1#p' "$tf_root/modules/$m"/*.tf; done \
    | cat - <(printf '%s\n' "${modules[@]}") | sort -u)
  [[ ${#more[@]} -eq ${#modules[@]} ]] && break
  modules=("${more[@]}")
done
[[ ${#modules[@]} -gt 0 ]] || { ko "no module sources found in $here/*.tf"; finish; }

# 1. Formatting of what this environment is made of.
fmt_dirs=("$here")
for m in "${modules[@]}"; do fmt_dirs+=("$tf_root/modules/$m"); done
if out=$(terraform fmt -check -recursive -diff "${fmt_dirs[@]}" 2>&1); then
  ok "terraform fmt -check (envs/aws and modules ${modules[*]})"
else
  echo "$out"; ko "terraform fmt -check (envs/aws and modules ${modules[*]})"
fi

# Scratch copy: modules and this env, state-free, with a local backend instead of S3.
mkdir -p "$scratch/src/envs" "$scratch/src/modules"
for m in "${modules[@]}"; do cp -r "$tf_root/modules/$m" "$scratch/src/modules/$m"; done
cp -r "$here" "$scratch/src/envs/aws"
rm -rf "$scratch/src/envs/aws/.terraform" "$scratch/src/envs/aws"/*.tfstate* "$scratch/src/envs/aws"/*.tfplan
printf 'terraform {\n  backend "local" {\n    path = "%s"\n  }\n}\n' "$scratch/terraform.tfstate" \
  > "$scratch/src/envs/aws/backend_override.tf"
cd "$scratch/src/envs/aws" || { ko "scratch copy"; finish; }

# 2. init: providers from the mirror only; the committed lock file must already be right.
if out=$(terraform init -input=false -no-color -lockfile=readonly 2>&1); then
  ok "terraform init (filesystem mirror, lock file read-only)"
else
  echo "$out"; ko "terraform init"; finish
fi

# 3. validate.
if out=$(terraform validate -no-color 2>&1); then
  ok "terraform validate"
else
  echo "$out"; ko "terraform validate"
fi

# 4. terraform test: one count per run block.
out=$(terraform test -no-color 2>&1); rc=$?
runs=$(grep -E '^  run "[^"]+"\.\.\. (pass|fail|skip)$' <<<"$out")
while read -r line; do
  [[ -z "$line" ]] && continue
  name=$(sed -E 's/^run "([^"]+)".*/\1/' <<<"$line")
  case "$line" in
    *"... pass") ok "terraform test: $name" ;;
    *) ko "terraform test: $name (${line##* })" ;;
  esac
done <<<"$runs"
if [[ $rc -ne 0 || -z "$runs" ]]; then
  grep -v '^  - ' <<<"$out" | head -80
  [[ -z "$runs" ]] && ko "terraform test ran no run block"
  [[ $rc -ne 0 ]] && grep -q ' fail$' <<<"$runs" || { [[ $rc -ne 0 ]] && ko "terraform test exit status $rc"; }
fi

# 5. Offline plan with dummy credentials: every credential, region and account check skipped.
if out=$(AWS_ACCESS_KEY_ID=dummy AWS_SECRET_ACCESS_KEY=dummy AWS_SESSION_TOKEN= AWS_PROFILE= \
    AWS_EC2_METADATA_DISABLED=true terraform plan -input=false -no-color -lock=false \
    -var offline_plan=true -out="$scratch/plan.bin" 2>&1); then
  ok "terraform plan (offline, dummy credentials): $(grep -E '^Plan:' <<<"$out")"
else
  echo "$out" | tail -40; ko "terraform plan (offline)"; finish
fi

# 6. Audit the planned resources themselves (not only the test outputs).
terraform show -json "$scratch/plan.bin" > "$scratch/plan.json" 2>/dev/null || { ko "terraform show -json"; finish; }
audit() { # name, jq expression that yields the offending items (empty = pass)
  local bad
  bad=$(jq -r "$2" "$scratch/plan.json")
  if [[ -z "$bad" ]]; then ok "plan audit: $1"; else ko "plan audit: $1: $bad"; fi
}
audit "two EKS clusters; MySQL: primaries db-a and db-b, one replica whose source is db-a" '
  . as $p
  | [$p.resource_changes[] | select(.type=="aws_eks_cluster")] | length as $eks
  | [$p.resource_changes[] | select(.type=="aws_db_instance" and .change.after.engine=="mysql") | .change.after.identifier] as $primaries
  | [$p.resource_changes[] | select(.type=="aws_db_instance" and .change.after_unknown.replicate_source_db==true) | .change.after.identifier] as $replicas
  | ($p.configuration.root_module.module_calls.db_a_dr.expressions.replicate_source_db.references // []) as $source
  | if $eks==2 and ($primaries|sort)==["tandem-db-a","tandem-db-b"] and $replicas==["tandem-db-a-dr"]
       and ($source|index("module.db_a_main[0].arn")) != null
    then empty else "eks=\($eks) primaries=\($primaries) replicas=\($replicas) source=\($source)" end'
audit "no internet gateway, NAT or elastic IP" '
  .resource_changes[] | select(.type|IN("aws_internet_gateway","aws_nat_gateway","aws_eip","aws_egress_only_internet_gateway")) | .address'
audit "no database publicly accessible" '
  .resource_changes[] | select(.type=="aws_db_instance" and .change.after.publicly_accessible!=false) | .address'
audit "no security group rule open to the world" '
  .resource_changes[] | select(.type|IN("aws_vpc_security_group_ingress_rule","aws_security_group_rule"))
  | select((.change.after.cidr_ipv4=="0.0.0.0/0") or (.change.after.cidr_ipv6=="::/0")
           or ((.change.after.cidr_blocks // []) | index("0.0.0.0/0"))) | .address'
audit "no inline security group ingress" '
  .resource_changes[] | select(.type=="aws_security_group" and ((.change.after.ingress // []) | length) > 0) | .address'
audit "private-only endpoints (EKS API, MSK, load balancer, subnets)" '
  (.resource_changes[] | select(.type=="aws_eks_cluster" and .change.after.vpc_config[0].endpoint_public_access!=false) | .address),
  (.resource_changes[] | select(.type=="aws_msk_cluster" and .change.after.broker_node_group_info[0].connectivity_info[0].public_access[0].type!="DISABLED") | .address),
  (.resource_changes[] | select(.type=="aws_lb" and .change.after.internal!=true) | .address),
  (.resource_changes[] | select(.type=="aws_subnet" and .change.after.map_public_ip_on_launch!=false) | .address)'
audit "encryption at rest on every store" '
  (.resource_changes[] | select(.type=="aws_db_instance" and .change.after.storage_encrypted!=true) | .address),
  (.resource_changes[] | select(.type=="aws_elasticache_replication_group" and ((.change.after.at_rest_encryption_enabled|tostring)!="true" or .change.after.transit_encryption_enabled!=true)) | .address)'

finish
