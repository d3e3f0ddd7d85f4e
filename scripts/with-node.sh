#!/usr/bin/env bash
# Runs a command with Node >= 22.19 and the project's npm dependencies on PATH.
source "$(dirname "$0")/lib.sh"
ensure_node
ensure_deps
cd "$MESHWATCH_ROOT"
exec "$@"
