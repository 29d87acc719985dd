#!/usr/bin/env bash
# install-deps.sh: installs what Tandem's local environment needs and this machine lacks (Debian/Ubuntu).
# Without root it prints the one command to run instead.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

missing=()
need() { # need COMMAND_OR_PATH PACKAGE
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ]; then missing+=("$2"); fi
}
need mariadbd mariadb-server
need mariadb mariadb-client
need redis-server redis-server
need redis-cli redis-tools
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then missing+=(postgresql); fi
need node nodejs
need npm npm
need curl curl
need prometheus prometheus
need promtool prometheus
need prometheus-alertmanager prometheus-alertmanager
need jq jq
need setsid util-linux
# The ops-ui test drives the Unleash UI in headless Chromium over WebDriver (apps/drill UnleashUi).
need chromium chromium
need chromedriver chromium-driver
for extra in ${TANDEM_EXTRA_PACKAGES:-}; do need "$extra" "$extra"; done

if [ ${#missing[@]} -gt 0 ]; then
  # shellcheck disable=SC2207
  missing=($(printf '%s\n' "${missing[@]}" | sort -u))
  if [ "$(id -u)" = 0 ]; then
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    log "installing with sudo: ${missing[*]}"
    sudo apt-get update -qq >/dev/null
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    die "missing packages. Run, then try again:  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
fi

command -v terraform >/dev/null 2>&1 \
  || die "terraform (1.6+) is not installed and Debian does not package it: install it from HashiCorp's release, then try again"
find_java_home >/dev/null
