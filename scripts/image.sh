#!/usr/bin/env bash
# Builds meshwatch's image from the Dockerfile with podman, offline: the base comes from local
# storage (scripts/image-base.sh), never a registry (--pull=never). podman's layer cache keeps the
# npm ci layer while package-lock.json is unchanged. Prints the image name; MESHWATCH_IMAGE overrides.
#
# --prebuilt: no `npm ci` or `next build` in the image; it takes the standalone output of the host's
# last `next build` (in MESHWATCH_DIST_DIR, default .next), laid out as the Dockerfile's build stage
# would lay it out. `npm test` uses it: it has just built the app, and building it again inside the
# image took 5 minutes beside the suites.
source "$(dirname "$0")/podman.sh"
bash "$MESHWATCH_ROOT/scripts/image-base.sh"
version="$(node -p 'require(process.argv[1]).version' "$MESHWATCH_ROOT/package.json")"
image="${MESHWATCH_IMAGE:-localhost/meshwatch:$version}"
start=$SECONDS
context="$MESHWATCH_ROOT"
if [ "${1:-}" = --prebuilt ]; then
  dist="$MESHWATCH_ROOT/${MESHWATCH_DIST_DIR:-.next}"
  [ -f "$dist/BUILD_ID" ] && [ -f "$dist/standalone/server.js" ] \
    || die "no standalone build in $dist: run \`next build\` first, or build without --prebuilt"
  context="$dist/image-context" # package.json and the lock file (the deps stage) + prebuilt/
  rm -rf "$context" && mkdir -p "$context"
  cp "$MESHWATCH_ROOT/package.json" "$MESHWATCH_ROOT/package-lock.json" "$context/"
  cp -al "$dist/standalone" "$context/prebuilt" 2>/dev/null || cp -a "$dist/standalone" "$context/prebuilt"
  # `npm start` (scripts/start.sh) links these two into the standalone folder on the host: real copies here.
  rm -f "$context/prebuilt/.next/static" "$context/prebuilt/public"
  cp -a "$dist/static" "$context/prebuilt/.next/static"
  if [ -d "$MESHWATCH_ROOT/public" ]; then cp -a "$MESHWATCH_ROOT/public" "$context/prebuilt/public"; fi
  log "building $image from the standalone build in $dist (podman build --pull=never)"
else
  log "building $image (podman build --pull=never)"
fi
# --network=host and the host's extra CA bundle: npm ci inside reaches the npm registry the way the
# host does (these machines reach it through a TLS-intercepting proxy).
ca=()
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
  ca=(-v "$NODE_EXTRA_CA_CERTS:/run/host-ca.crt:ro" --build-arg NODE_EXTRA_CA_CERTS=/run/host-ca.crt)
fi
pm build --pull=never --network=host -q -t "$image" "${ca[@]}" -f "$MESHWATCH_ROOT/Dockerfile" \
  --build-arg "VERSION=$version" \
  --build-arg "SOURCE=$(git -C "$MESHWATCH_ROOT" remote get-url origin 2>/dev/null || echo unknown)" \
  --build-arg "REVISION=$(git -C "$MESHWATCH_ROOT" rev-parse HEAD 2>/dev/null || echo unknown)" \
  "$context" >&2
size="$(pm image inspect --format '{{ .Size }}' "$image")"
log "built $image in $((SECONDS - start))s: $((size / 1000000)) MB"
echo "$image"
