#!/usr/bin/env bash
# Restarts one testbed component in place (same ports, same data): testbed/restart.sh kube-apiserver
source "$(dirname "$0")/lib.sh"

c="${1:-}"
[[ " ${COMPONENTS[*]} " == *" $c "* ]] || die "usage: testbed/restart.sh <${COMPONENTS[*]}>"
[ -f "$TB/ports.env" ] || die "the testbed is not up (npm run testbed:up)"
ensure_node
load_ports
stop_component "$c"
start_component "$c"
case "$c" in
  etcd) wait_for etcd 60 curl -sf "http://127.0.0.1:$ETCD_PORT/health" ;;
  kube-apiserver)
    wait_for kube-apiserver 120 api_get /readyz
    # The controller-manager can take minutes to resync after its API server went away (namespaces
    # stuck Terminating, no default ServiceAccounts): restart the clients too, as a node reboot would.
    for dep in kube-controller-manager kube-scheduler kwok; do stop_component "$dep"; start_component "$dep"; done ;;
  *) sleep 1; is_running "$c" || { tail -n 20 "$TB/logs/$c.log" >&2; die "$c exited"; } ;;
esac
tb_log "$c restarted"
