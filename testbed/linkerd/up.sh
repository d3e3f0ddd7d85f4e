#!/usr/bin/env bash
# Called by testbed/up.sh once the cluster is up. With MESHWATCH_LINKERD_CLI/CONTROLLER set: installs
# Linkerd with that CLI the first time (KWOK runs its pods), runs the proxy-injector on the host as a
# recorded testbed process, and returns only when a probe pod was really injected. Without them, a
# Linkerd an earlier run installed is removed, so the testbed has Linkerd exactly when it is asked for.
source "$(dirname "$0")/../lib.sh"
source "$TB_SRC/linkerd/lib.sh"
source "$TB_SRC/linkerd/injector.sh"
ensure_node # point-webhook.ts and free_port
load_ports

if ! linkerd_wanted; then
  linkerd_installed || exit 0
  ld_log "MESHWATCH_LINKERD_CLI is not set: removing the Linkerd an earlier testbed:up installed"
  stop_component linkerd-proxy-injector
  kctl delete -f "$LD/installed.yaml" --ignore-not-found --wait=false >/dev/null 2>&1 || true
  rm -rf "$LD"
  exit 0
fi

started=$SECONDS
# point-webhook.ts imports the yaml package: a fresh clone's first command may be this one (#29).
ensure_deps
# The injector's ports, also when it is already running (a second testbed:up reads them for its log line).
ld_ports
pair="$(ld_pair)"
ld_check_pair "$(ld_cli "$pair")" "$(ld_controller "$pair")"
if ! linkerd_installed; then
  ld_log "installing Linkerd $(ld_version "$pair") with $(ld_cli "$pair")"
  ld_render_apply "$pair" install
fi
is_running linkerd-proxy-injector || ld_start_injector "$pair"
ld_probe
ld_log "Linkerd $(ld_version "$pair") ready in $((SECONDS - started))s: injector on https://127.0.0.1:$INJECTOR_PORT (webhook ${MESHWATCH_LINKERD_WEBHOOK:-cli}, failurePolicy ${MESHWATCH_LINKERD_FAILURE_POLICY:-Fail}), probe pod injected with proxy ${LD_PROBE_PROXY:-?}"
