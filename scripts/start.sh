#!/usr/bin/env bash
# `npm start` (and the demo): the production server exactly as the image runs it — the standalone
# build's own server.js — on MESHWATCH_LISTEN (default 127.0.0.1) and PORT (default 3000). `next start`
# does not serve an `output: 'standalone'` build (it says so on every start), so this starts server.js
# with the static files and public/ beside it, as the Dockerfile lays them out (here as links).
source "$(dirname "$0")/lib.sh"
ensure_node
dist="$MESHWATCH_ROOT/${MESHWATCH_DIST_DIR:-.next}"
[ -f "$dist/standalone/server.js" ] || die "no production build in $dist: run \`npm run build\` first"
ln -sfn "$dist/static" "$dist/standalone/.next/static"
if [ -d "$MESHWATCH_ROOT/public" ]; then ln -sfn "$MESHWATCH_ROOT/public" "$dist/standalone/public"; fi
# server.js changes into its own folder: paths the user gave relative to here must not move with it.
for var in KUBECONFIG MESHWATCH_SNAPSHOT; do
  value="${!var:-}"
  if [ -n "$value" ] && [ "${value#/}" = "$value" ] && [ "${value#*:}" = "$value" ]; then
    export "$var=$PWD/$value"
  fi
done
export HOSTNAME="${MESHWATCH_LISTEN:-127.0.0.1}" PORT="${PORT:-3000}"
# The server's memory settings, as in the Dockerfile.
export NODE_OPTIONS="--max-semi-space-size=4 ${NODE_OPTIONS:-}" MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072
exec node "$dist/standalone/server.js"
