#!/usr/bin/env bash
# `npm run setup`: installs what `npm start` and `npm test` need, skipping what
# is already there, so it is cheap to run every time.
#   - Debian packages: chromium (drives code-server in tests), ripgrep,
#     libkrb5-dev and build tools (code-server's native modules)
#   - npm packages (npm ci), unless node_modules already matches the lock file
#   - code-server 4.100.3 into ~/.cache/swf-activity-tasks (scripts/install-code-server.sh)
#   - checks that moto_server (the second SWF peer of the tests) is on PATH
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive npm_config_fund=false npm_config_audit=false

SYSTEM_PACKAGES=(build-essential python3 pkg-config libkrb5-dev ripgrep chromium)

install_system_packages() {
  local missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    echo "setup: Debian packages present"
    return
  fi
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  echo "setup: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq </dev/null
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

install_npm_packages() {
  local stamp=node_modules/.setup-lock-sha256 want
  want="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    echo "setup: node_modules matches package-lock.json"
    return
  fi
  npm ci --no-fund --no-audit </dev/null
  echo "$want" > "$stamp"
}

check_moto() {
  if command -v moto_server >/dev/null 2>&1; then
    echo "setup: moto_server present"
    return
  fi
  echo "setup: moto_server is missing; trying pip install 'moto[server]'"
  python3 -m pip install --quiet 'moto[server]==5.2.1' </dev/null || {
    echo "setup: could not install moto; the tests need moto_server on PATH" >&2
    return 1
  }
}

install_system_packages
install_npm_packages
bash scripts/install-code-server.sh
check_moto
