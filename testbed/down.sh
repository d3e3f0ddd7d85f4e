#!/usr/bin/env bash
# Stops every testbed process (by recorded pid). `--purge` also deletes its state (etcd data, certs).
source "$(dirname "$0")/lib.sh"

bash "$TB_SRC/linkerd/down.sh" # the host proxy-injector, if one runs (testbed/linkerd/)
for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
  c="${COMPONENTS[$i]}"
  if is_running "$c"; then tb_log "stopping $c"; fi
  stop_component "$c"
done
if [ "${1:-}" = "--purge" ]; then rm -rf "$TB"; tb_log "state removed"; fi
