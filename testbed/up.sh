#!/usr/bin/env bash
# Starts the local testbed (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, KWOK with
# three fake nodes), all bound to 127.0.0.1, and waits until it is usable. Idempotent.
source "$(dirname "$0")/lib.sh"

mkdir -p "$TB"
exec 9>"$TB/.lock"
flock -w 1800 9 || die "another testbed:up is still running"
ensure_node # free_port and the tests use it
started=$SECONDS

load_ports

all_up() {
  local c; for c in "${COMPONENTS[@]}"; do is_running "$c" || return 1; done
  apiserver_current && api_get /readyz >/dev/null
}

# An API server started with other flags (an older testbed/lib.sh, a changed audit policy) is restarted
# with today's, and its clients with it, as testbed/restart.sh does: they resync slowly otherwise.
if is_running kube-apiserver && ! apiserver_current; then
  tb_log "kube-apiserver's flags changed since it started: restarting it"
  for c in kwok kube-scheduler kube-controller-manager kube-apiserver; do stop_component "$c"; done
fi

if all_up; then
  tb_log "already up"
else
  "$TB_SRC/build.sh"
  "$TB_SRC/certs.sh"
  b64() { base64 -w0 <"$TB/pki/$1"; }
  cat >"$KUBECONFIG_ADMIN" <<KCFG
apiVersion: v1
kind: Config
clusters:
- name: meshwatch-testbed
  cluster: { server: "https://127.0.0.1:$APISERVER_PORT", certificate-authority-data: "$(b64 ca.crt)" }
users:
- name: admin
  user: { client-certificate-data: "$(b64 admin.crt)", client-key-data: "$(b64 admin.key)" }
contexts:
- name: meshwatch-testbed
  context: { cluster: meshwatch-testbed, user: admin }
current-context: meshwatch-testbed
KCFG
  chmod 600 "$KUBECONFIG_ADMIN"

  is_running etcd || start_component etcd
  wait_for etcd 60 curl -sf "http://127.0.0.1:$ETCD_PORT/health"
  is_running kube-apiserver || start_component kube-apiserver
  wait_for kube-apiserver 120 api_get /readyz
  for c in kube-controller-manager kube-scheduler kwok; do is_running "$c" || start_component "$c"; done
  kctl apply -f "$TB_SRC/manifests/nodes.yaml" >/dev/null
  nodes_ready() { [ "$(kctl get nodes -l type=kwok -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c True)" -ge 3 ]; }
  wait_for kwok 120 nodes_ready
  default_sa() { kctl get serviceaccount default -n default; }
  wait_for kube-controller-manager 120 default_sa
  wait_for kube-scheduler 60 curl -sfk "https://127.0.0.1:$SCHED_PORT/healthz"
  tb_log "up in $((SECONDS - started))s: Kubernetes $(kube_version), $(kctl get nodes --no-headers | wc -l) fake nodes"
fi
bash "$TB_SRC/linkerd/up.sh" # Linkerd from MESHWATCH_LINKERD_CLI/CONTROLLER, if given (testbed/linkerd/)
echo "export KUBECONFIG=$KUBECONFIG_ADMIN"
