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
log "meshwatch is at http://127.0.0.1:${PORT:-3000}  (testbed: export KUBECONFIG=$KUBECONFIG)"
MESHWATCH_LISTEN=127.0.0.1 exec bash "$MESHWATCH_ROOT/scripts/start.sh"
