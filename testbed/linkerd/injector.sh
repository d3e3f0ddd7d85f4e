# Rendering, applying and running Linkerd's proxy-injector on the host. Sourced after linkerd/lib.sh.

# The injector reads FIXED paths under /var/run/linkerd (pkg/k8s/labels.go MountPath*): they are filled
# here from the cluster and bind-mounted over /run in the injector's own mount namespace only.
ld_fill_paths() {
  local run="$LD/run/linkerd"
  mkdir -p "$run/config" "$run/identity/trust-roots" "$run/tls"
  kctl get configmap linkerd-config -n "$LD_NS" -o jsonpath='{.data.values}' >"$run/config/values.tmp"
  [ -s "$run/config/values.tmp" ] || die "linkerd-config has no values key"
  mv "$run/config/values.tmp" "$run/config/values"
  kctl get configmap linkerd-identity-trust-roots -n "$LD_NS" -o jsonpath='{.data.ca-bundle\.crt}' \
    >"$run/identity/trust-roots/ca-bundle.crt"
  if [ ! -f "$run/tls/tls.crt" ]; then # serving cert for 127.0.0.1, signed by the testbed CA (= caBundle)
    printf 'subjectAltName = IP:127.0.0.1, DNS:localhost\nextendedKeyUsage = serverAuth\n' >"$LD/tls.ext"
    openssl req -newkey rsa:2048 -nodes -keyout "$run/tls/tls.key" -out "$LD/tls.csr" \
      -subj "/CN=linkerd-proxy-injector.linkerd.svc" >/dev/null 2>&1 || die "openssl req failed"
    openssl x509 -req -in "$LD/tls.csr" -CA "$TB/pki/ca.crt" -CAkey "$TB/pki/ca.key" -CAcreateserial \
      -out "$run/tls/tls.crt" -days 3650 -extfile "$LD/tls.ext" >/dev/null 2>&1 || die "openssl x509 failed"
  fi
}

ld_apply() { # file — server-side: the Gateway API CRDs are too big for client-side apply's annotation
  kctl apply --server-side --force-conflicts -f "$1" >/dev/null || die "applying $1 failed"
}

# Renders CRDs and control plane with a pair's CLI (`install` the first time, `upgrade` after), points
# the webhook at the host injector and applies. Everything applied is kept for a CLI-less removal.
ld_render_apply() { # pair install|upgrade
  local cli verb="$2"; cli="$(ld_cli "$1")"
  ld_ports
  local kc=(--kubeconfig "$KUBECONFIG_ADMIN")
  # `install --crds` refuses without the Gateway API CRDs unless Linkerd installs them itself.
  "$cli" "$verb" "${kc[@]}" --crds --set installGatewayAPI=true >"$LD/crds.yaml" || die "linkerd $verb --crds failed"
  ld_apply "$LD/crds.yaml"
  kctl wait --for condition=established --timeout=60s -f "$LD/crds.yaml" >/dev/null || die "Linkerd CRDs not established"
  # shellcheck disable=SC2046 # ld_sets prints one flag and value per line
  "$cli" "$verb" "${kc[@]}" $(ld_sets "$1") >"$LD/rendered.yaml" || die "linkerd $verb failed"
  node --experimental-strip-types --no-warnings "$TB_SRC/linkerd/point-webhook.ts" "https://127.0.0.1:$INJECTOR_PORT/" \
    "$TB/pki/ca.crt" "${MESHWATCH_LINKERD_WEBHOOK:-cli}" <"$LD/rendered.yaml" >"$LD/control-plane.yaml" || die "pointing the webhook failed"
  ld_apply "$LD/control-plane.yaml"
  cat "$LD/control-plane.yaml" "$LD/crds.yaml" >"$LD/installed.yaml"
  echo "$1" >"$LD/pair"
}

ld_start_injector() { # pair
  local ctrl; ctrl="$(ld_controller "$1")"
  stop_component linkerd-proxy-injector
  ld_ports
  ld_fill_paths
  mkdir -p "$TB/logs" "$TB/pids"
  # Private mount namespace: the host's /run is untouched; 9>&- keeps the testbed lock out of the child.
  setsid unshare --mount --propagation private -- sh -c 'mount --bind "$0" /run && exec "$@"' "$LD/run" \
    "$ctrl" proxy-injector -addr "127.0.0.1:$INJECTOR_PORT" -metrics-addr "127.0.0.1:$INJECTOR_METRICS_PORT" \
    -kubeconfig "$KUBECONFIG_ADMIN" -linkerd-namespace "$LD_NS" \
    >>"$TB/logs/linkerd-proxy-injector.log" 2>&1 </dev/null 9>&- &
  echo $! >"$TB/pids/linkerd-proxy-injector.pid"
  wait_for linkerd-proxy-injector 120 curl -sf "http://127.0.0.1:$INJECTOR_METRICS_PORT/ready"
}

# Done only when the API server really called the injector and a pod came back with linkerd-proxy
# (a bare pod in `default` annotated enabled: report.go injects it whatever the namespace says).
ld_probe() {
  local deadline=$((SECONDS + 90)) name containers
  LD_PROBE_PROXY=""
  while :; do
    name="meshwatch-linkerd-probe-$RANDOM"
    kctl run "$name" -n default --image=registry.invalid/probe:1 --restart=Never \
      --annotations=linkerd.io/inject=enabled >/dev/null 2>&1 || true
    containers="$(kctl get pod "$name" -n default -o jsonpath='{.spec.initContainers[*].name} {.spec.containers[*].name}' 2>/dev/null || true)"
    LD_PROBE_PROXY="$(kctl get pod "$name" -n default -o jsonpath='{.metadata.annotations.linkerd\.io/proxy-version}' 2>/dev/null || true)"
    kctl delete pod "$name" -n default --wait=false --ignore-not-found >/dev/null 2>&1 || true
    [[ " $containers " == *" linkerd-proxy "* ]] && return 0
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 25 "$TB/logs/linkerd-proxy-injector.log" >&2 || true
      die "a probe pod was not injected within 90s (containers: ${containers:-none})"
    fi
    sleep 1
  done
}
