#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3 for the web) into a cache folder outside
# the repository, so integration tests can host the extension in a real VS Code
# on machines that cannot download VS Code desktop. Reuses an existing install.
# Recipe: ../shared/notes/vscode-test-host.md
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${SWF_TASKS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/swf-activity-tasks}"
DEST="$CACHE/code-server-$VERSION"
ENTRY="$DEST/node_modules/code-server/out/node/entry.js"

if [[ -f "$ENTRY" && -f "$DEST/.installed" ]]; then
  echo "code-server $VERSION: reusing $DEST"
  exit 0
fi

start=$(date +%s)
rm -rf "$DEST"
mkdir -p "$DEST"

# @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache holds
# the tarball: seed that cache with Debian's rg.
RG="$(command -v rg || true)"
if [[ -z "$RG" ]]; then
  echo "ripgrep (rg) is missing: apt-get install ripgrep" >&2
  exit 1
fi
RG_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
RG_TAR="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [[ ! -f "$RG_TAR" ]]; then
  mkdir -p "$RG_CACHE"
  tmp="$(mktemp -d)"
  cp "$RG" "$tmp/rg"
  tar -C "$tmp" -czf "$RG_TAR" rg
  rm -rf "$tmp"
fi

cd "$DEST"
echo '{"name":"code-server-host","private":true}' > package.json
# unsafe_perm: its postinstall refuses root otherwise; yes: node-pty runs npx node-gyp.
npm_config_unsafe_perm=true npm_config_yes=true npm_config_fund=false npm_config_audit=false \
  npm install --no-save --foreground-scripts --loglevel=error "code-server@$VERSION" > install.log 2>&1 || {
  echo "code-server install failed; last lines of $DEST/install.log:" >&2
  tail -40 install.log >&2
  exit 1
}
[[ -f "$ENTRY" ]] || { echo "code-server install produced no $ENTRY" >&2; exit 1; }
touch .installed
echo "code-server $VERSION: installed into $DEST in $(( $(date +%s) - start )) s"
