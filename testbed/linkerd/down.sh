#!/usr/bin/env bash
# Called by testbed/down.sh: stops the host proxy-injector (its cluster objects stay with the state).
source "$(dirname "$0")/../lib.sh"
if is_running linkerd-proxy-injector; then tb_log "stopping linkerd-proxy-injector"; fi
stop_component linkerd-proxy-injector
