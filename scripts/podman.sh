#!/usr/bin/env bash
# podman as it works on these machines (see README "Install in your cluster"): the runc runtime and
# no default ulimits (crun cannot setrlimit here). Source it for the `pm` function, or run it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Installs what is missing, like ensure_chromium: podman, runc, and mmdebstrap for the base image.
if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v mmdebstrap >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing podman, runc and mmdebstrap with apt-get"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman buildah runc mmdebstrap) >&2 \
      || die "apt-get install podman buildah runc mmdebstrap failed"
  else
    die "podman, runc and mmdebstrap are needed (Debian: sudo apt-get install podman buildah runc mmdebstrap)"
  fi
fi
PODMAN_CONF="$MESHWATCH_CACHE/image/containers.conf"
mkdir -p "$(dirname "$PODMAN_CONF")"
[ -f "$PODMAN_CONF" ] || printf '[containers]\ndefault_ulimits = []\n' >"$PODMAN_CONF"
pm() { CONTAINERS_CONF="$PODMAN_CONF" podman --runtime runc "$@"; }
if [ "${BASH_SOURCE[0]}" = "$0" ]; then pm "$@"; fi
