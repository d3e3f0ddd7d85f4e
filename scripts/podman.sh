#!/usr/bin/env bash
# podman as it works on these machines (see README "Install in your cluster"): the runc runtime and
# no default ulimits (crun cannot setrlimit here). Source it for the `pm` function, or run it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v podman >/dev/null || die "podman is missing (Debian: apt-get install podman buildah runc)"
PODMAN_CONF="$MESHWATCH_CACHE/image/containers.conf"
mkdir -p "$(dirname "$PODMAN_CONF")"
[ -f "$PODMAN_CONF" ] || printf '[containers]\ndefault_ulimits = []\n' >"$PODMAN_CONF"
pm() { CONTAINERS_CONF="$PODMAN_CONF" podman --runtime runc "$@"; }
if [ "${BASH_SOURCE[0]}" = "$0" ]; then pm "$@"; fi
