#!/usr/bin/env bash
# `npm run testbed:linkerd-upgrade [upgrade|install]`: re-renders the control plane the way a real
# upgrade does (`linkerd upgrade | kubectl apply`, CRDs first) with the second pair
# (MESHWATCH_LINKERD_UPGRADE_CLI/CONTROLLER, or "install" to go back), restarts the injector with that
# pair's controller and re-points the webhook at it. Pods created before keep their old proxy.
source "$(dirname "$0")/../lib.sh"
source "$TB_SRC/linkerd/lib.sh"
source "$TB_SRC/linkerd/injector.sh"
ensure_node # point-webhook.ts and free_port
linkerd_wanted || die "testbed:linkerd-upgrade needs MESHWATCH_LINKERD_CLI and MESHWATCH_LINKERD_CONTROLLER"
linkerd_installed || die "Linkerd is not installed on the testbed: run npm run testbed:up with MESHWATCH_LINKERD_CLI set"
load_ports

to="${1:-upgrade}"
[ "$to" = upgrade ] || [ "$to" = install ] || die "usage: testbed/linkerd/upgrade.sh [upgrade|install]"
ld_check_pair "$(ld_cli "$to")" "$(ld_controller "$to")"
from="$(ld_pair)" started=$SECONDS
before="$(ld_version "$from")"
ld_render_apply "$to" upgrade
ld_start_injector "$to"
ld_probe
ld_log "upgraded $before → $(ld_version "$to") (probe pod got proxy ${LD_PROBE_PROXY:-?}) in $((SECONDS - started))s; webhook re-pointed, probe pod injected"
