#!/usr/bin/env bash
# Scenario 11, called by testbed/seed.sh before the other scenarios when MESHWATCH_LINKERD_CLI is set:
# `orders` is meshed by the install pair, then the control plane is upgraded for real
# (testbed/linkerd/upgrade.sh), so its pods keep the older proxy while everything seeded after gets
# the new one — as after a real upgrade whose restarts were forgotten.
source "$(dirname "$0")/../lib.sh"
source "$TB_SRC/linkerd/lib.sh"
linkerd_installed || die "Linkerd is not installed: run npm run testbed:up with MESHWATCH_LINKERD_CLI set"

# A re-seed starts from the install pair again, so the upgrade really happens in between.
[ "$(ld_pair)" = install ] || bash "$TB_SRC/linkerd/upgrade.sh" install
kctl apply -f "$TB_SRC/linkerd/seed/" >/dev/null
for w in $(kctl get deploy,statefulset -n orders -o name); do
  kctl rollout status -n orders "$w" --timeout=180s >/dev/null || die "orders/$w did not roll out"
done
old="$(kctl get pods -n orders -o jsonpath='{.items[*].metadata.annotations.linkerd\.io/proxy-version}')"
[ -n "${old// /}" ] || die "scenario 11: the orders pods were not injected"
bash "$TB_SRC/linkerd/upgrade.sh" upgrade
ld_log "scenario 11: orders keeps proxies ${old%% *} from before the upgrade"
