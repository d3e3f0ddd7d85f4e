#!/usr/bin/env bash
# `npm run setup`: everything `npm test` and `npm run demo` install, without running anything.
source "$(dirname "$0")/lib.sh"
ensure_node
ensure_deps
ensure_chromium
bash "$MESHWATCH_ROOT/testbed/build.sh"
log "ready: Node $(node --version), Chromium at $CHROMIUM_PATH, testbed binaries in $MESHWATCH_CACHE/testbed"
