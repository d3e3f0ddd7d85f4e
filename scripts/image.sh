#!/usr/bin/env bash
# Builds meshwatch's image from the Dockerfile with podman, offline: the base comes from local
# storage (scripts/image-base.sh), never a registry (--pull=never). podman's layer cache keeps the
# npm ci layer while package-lock.json is unchanged. Prints the image name; MESHWATCH_IMAGE overrides.
source "$(dirname "$0")/podman.sh"
bash "$MESHWATCH_ROOT/scripts/image-base.sh"
version="$(node -p 'require(process.argv[1]).version' "$MESHWATCH_ROOT/package.json")"
image="${MESHWATCH_IMAGE:-localhost/meshwatch:$version}"
start=$SECONDS
log "building $image (podman build --pull=never)"
# --network=host and the host's extra CA bundle: npm ci inside reaches the npm registry the way the
# host does (these machines reach it through a TLS-intercepting proxy).
ca=()
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
  ca=(-v "$NODE_EXTRA_CA_CERTS:/run/host-ca.crt:ro" --build-arg NODE_EXTRA_CA_CERTS=/run/host-ca.crt)
fi
pm build --pull=never --network=host -q -t "$image" "${ca[@]}" \
  --build-arg "VERSION=$version" \
  --build-arg "SOURCE=$(git -C "$MESHWATCH_ROOT" remote get-url origin 2>/dev/null || echo unknown)" \
  --build-arg "REVISION=$(git -C "$MESHWATCH_ROOT" rev-parse HEAD 2>/dev/null || echo unknown)" \
  "$MESHWATCH_ROOT" >&2
size="$(pm image inspect --format '{{ .Size }}' "$image")"
log "built $image in $((SECONDS - start))s: $((size / 1000000)) MB"
echo "$image"
