# The testbed's shared definitions: where things live and how each component is started.
# Sourced by the other testbed scripts. Everything binds to 127.0.0.1.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

TB_SRC="$MESHWATCH_ROOT/testbed"
TB="${MESHWATCH_TESTBED_DIR:-$MESHWATCH_ROOT/.testbed}"
TB_BIN_CACHE="$MESHWATCH_CACHE/testbed"
KUBECONFIG_ADMIN="$TB/kubeconfig"
# The API server's audit log (policy: manifests/audit-policy.yaml): one JSON line per write, with
# user.username. testbed/tests/helpers/people.ts reads it at the same path.
AUDIT_POLICY="$TB_SRC/manifests/audit-policy.yaml"
AUDIT_LOG="$TB/logs/audit.log"
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
export GOTOOLCHAIN=local CGO_ENABLED=0

tb_log() { printf '\033[35m[testbed]\033[0m %s\n' "$*" >&2; }

# Binaries are cached outside the work tree under a key made of the module's go.mod + go.sum, the Go
# version and this file's build recipe version: a warm run never rebuilds.
BUILD_RECIPE=2
# What a module's build bakes in beyond go.mod/go.sum: Helm is told the Kubernetes version it renders for.
module_recipe() { case "$1" in helm) echo "kube $(kube_version)" ;; esac; }
module_key() { # module dir name
  { cat "$TB_SRC/go/$1/go.mod" "$TB_SRC/go/$1/go.sum"; go version; echo "$BUILD_RECIPE"; module_recipe "$1"; } |
    sha256sum | cut -c1-16
}
module_bin_dir() { echo "$TB_BIN_CACHE/$1-$(module_key "$1")"; }
kube_version() { # the pinned k8s.io/kubernetes version, from go.mod (single line or block form)
  awk '{ for (i = 1; i < NF; i++) if ($i == "k8s.io/kubernetes" && $(i + 1) ~ /^v1\./) { print $(i + 1); exit } }' \
    "$TB_SRC/go/kubernetes/go.mod"
}

bin() { # component → binary path (needs a prior build)
  case "$1" in
    etcd) echo "$(module_bin_dir etcd)/etcd" ;;
    kwok) echo "$(module_bin_dir kwok)/kwok" ;;
    helm) echo "$(module_bin_dir helm)/helm" ;;
    *) echo "$(module_bin_dir kubernetes)/$1" ;;
  esac
}

# Says exactly what to install when something the testbed needs is missing.
require_tools() {
  local t missing=()
  for t in go openssl curl flock setsid; do command -v "$t" >/dev/null || missing+=("$t"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    die "the testbed needs: ${missing[*]} (Debian: apt-get install golang-go openssl curl util-linux; Go must be >= 1.26)"
  fi
  local gov; gov="$(go env GOVERSION | sed 's/^go//')"
  awk -v v="$gov" 'BEGIN { split(v, a, "."); exit !((a[1] > 1) || (a[1] == 1 && a[2] >= 26)) }' \
    || die "the testbed needs Go >= 1.26 (found $gov): etcd v3.6.16's go.mod asks for it and GOTOOLCHAIN=local forbids downloads"
}

pid_of() { cat "$TB/pids/$1.pid" 2>/dev/null || true; }
is_running() { local p; p="$(pid_of "$1")"; [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

free_port() { node -e 's=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# Ports are chosen once per testbed and kept, so restarts and kubeconfigs stay valid. They come from a
# per-directory block outside the ephemeral range (reserve-ports.mjs), under a lock shared by every
# testbed on the machine: two picked at the same moment with port 0 once collided (etcd's peer port of
# one testbed was the scheduler's port of the other, and that scheduler never started).
load_ports() {
  if [ ! -f "$TB/ports.env" ]; then
    mkdir -p "$MESHWATCH_CACHE"
    local registry="$MESHWATCH_CACHE/testbed-ports"
    (
      flock -w 120 8 || die "could not lock $registry.lock"
      node "$TB_SRC/reserve-ports.mjs" "$registry" "$(cd "$TB" && pwd)" >"$TB/ports.env.tmp"
    ) 8>"$registry.lock"
    mv "$TB/ports.env.tmp" "$TB/ports.env"
  fi
  source "$TB/ports.env"
}

api_get() { # path → body, using the admin client cert
  curl -sf --max-time 5 --cacert "$TB/pki/ca.crt" --cert "$TB/pki/admin.crt" --key "$TB/pki/admin.key" \
    "https://127.0.0.1:$APISERVER_PORT$1"
}

# The API server's command line. Its hash (with the audit policy, which is read at start-up only) is
# stored beside its pid, so up.sh can tell a running API server started with other flags and restart it.
apiserver_args() {
  local pki="$TB/pki"
  APISERVER_ARGS=(--etcd-servers "http://127.0.0.1:$ETCD_PORT" --bind-address 127.0.0.1
    --secure-port "$APISERVER_PORT" --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key"
    --client-ca-file "$pki/ca.crt" --authorization-mode RBAC --allow-privileged=true
    --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$pki/sa.pub"
    --service-account-signing-key-file "$pki/sa.key" --service-cluster-ip-range 10.96.0.0/16
    --event-ttl 24h --v 1
    --audit-policy-file "$AUDIT_POLICY" --audit-log-path "$AUDIT_LOG" --audit-log-format json
    --audit-log-maxsize 20 --audit-log-maxbackup 2)
}
apiserver_stamp() {
  apiserver_args
  { printf '%s\n' "${APISERVER_ARGS[@]}"; cat "$AUDIT_POLICY"; } | sha256sum | cut -c1-16
}
# Whether the running API server was started with today's flags (no stamp: started before they existed).
apiserver_current() { [ "$(cat "$TB/pids/kube-apiserver.flags" 2>/dev/null)" = "$(apiserver_stamp)" ]; }

# Starts one component in its own session, logging to $TB/logs/<name>.log and recording its pid.
spawn() { # name args...
  local name="$1"; shift
  mkdir -p "$TB/logs" "$TB/pids"
  # 9>&-: the child must not inherit the testbed lock held by up.sh.
  setsid "$(bin "$name")" "$@" >>"$TB/logs/$name.log" 2>&1 </dev/null 9>&- &
  echo $! >"$TB/pids/$name.pid"
}

start_component() {
  local pki="$TB/pki"
  case "$1" in
    etcd)
      spawn etcd --name testbed --data-dir "$TB/etcd" --log-level warn --unsafe-no-fsync \
        --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
        --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
        --initial-cluster "testbed=http://127.0.0.1:$ETCD_PEER_PORT" ;;
    kube-apiserver)
      apiserver_args
      spawn kube-apiserver "${APISERVER_ARGS[@]}"
      apiserver_stamp >"$TB/pids/kube-apiserver.flags" ;;
    kube-controller-manager)
      spawn kube-controller-manager --kubeconfig "$KUBECONFIG_ADMIN" --leader-elect=false --controllers '*' \
        --use-service-account-credentials --service-account-private-key-file "$pki/sa.key" \
        --root-ca-file "$pki/ca.crt" --bind-address 127.0.0.1 --secure-port "$CM_PORT" \
        --concurrent-deployment-syncs 10 --concurrent-replicaset-syncs 10 --v 1 \
        --kube-api-qps 200 --kube-api-burst 400 ;;
    kube-scheduler)
      spawn kube-scheduler --kubeconfig "$KUBECONFIG_ADMIN" --leader-elect=false --bind-address 127.0.0.1 \
        --secure-port "$SCHED_PORT" --v 1 --kube-api-qps 200 --kube-api-burst 400 ;;
    kwok)
      spawn kwok --kubeconfig "$KUBECONFIG_ADMIN" --manage-all-nodes=false \
        --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake --node-lease-duration-seconds 40 \
        --server-address "127.0.0.1:$KWOK_PORT" --cidr 10.244.0.0/16 --node-ip 127.0.0.1 ;;
    *) die "unknown component $1" ;;
  esac
}

stop_component() { # name: TERM, then KILL after 10 s
  local p; p="$(pid_of "$1")"
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
    kill "$p" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  fi
  rm -f "$TB/pids/$1.pid" "$TB/pids/$1.flags"
}

# Waits until a probe succeeds; on timeout prints the component's log tail and fails.
wait_for() { # name seconds probe...
  local name="$1" secs="$2"; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    if ! is_running "$name" || [ "$SECONDS" -ge "$deadline" ]; then
      tb_log "$name did not come up ($(is_running "$name" && echo "timed out after ${secs}s" || echo 'process exited')); last log lines:"
      tail -n 25 "$TB/logs/$name.log" >&2 || true
      return 1
    fi
    sleep 0.3
  done
}

kctl() { "$(bin kubectl)" --kubeconfig "$KUBECONFIG_ADMIN" "$@"; }
