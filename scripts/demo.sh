#!/usr/bin/env bash
# `npm run demo`: installs what is missing, starts the local testbed, seeds the demo scenarios and
# serves the dashboard at http://127.0.0.1:3000 against it. Ctrl-C stops the dashboard; the testbed
# keeps running until `npm run testbed:down`.
source "$(dirname "$0")/lib.sh"
cd "$MESHWATCH_ROOT"
ensure_node
ensure_deps
bash testbed/up.sh >/dev/null
bash testbed/seed.sh
export KUBECONFIG="$MESHWATCH_ROOT/.testbed/kubeconfig"
log "building the dashboard"
next build >/dev/null
port="${PORT:-3000}"
log "meshwatch is at http://127.0.0.1:$port  (testbed: export KUBECONFIG=$KUBECONFIG)"
# The server's memory settings, as in the Dockerfile.
NODE_OPTIONS="--max-semi-space-size=4 ${NODE_OPTIONS:-}" MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 exec next start --hostname 127.0.0.1 --port "$port"
