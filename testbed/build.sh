#!/usr/bin/env bash
# Builds the testbed's real components from their Go modules (testbed/go/*), cached by module hash.
source "$(dirname "$0")/lib.sh"

require_tools

# One build at a time per cache: parallel checkouts (worktrees, CI beside a developer) would otherwise each
# compile the same Kubernetes on the same two cores. A waiter finds the binaries built and returns at once.
mkdir -p "$TB_BIN_CACHE"
exec 9>"$TB_BIN_CACHE/.build.lock"
flock -n 9 || { tb_log "another testbed build is running; waiting for it"; flock 9; }

build_module() { # module "binary names" ldflags packages...
  local mod="$1" bins="$2" ldflags="$3"; shift 3
  local out; out="$(module_bin_dir "$mod")"
  local missing=0 b
  for b in $bins; do [ -x "$out/$b" ] || missing=1; done
  [ "$missing" = 0 ] && return 0
  tb_log "building $mod ($*) — a cold build takes minutes on 2 cores"
  local tmp="$out.tmp.$$" start=$SECONDS
  rm -rf "$tmp"; mkdir -p "$tmp"
  local dest="$tmp/"; [ "$#" = 1 ] && dest="$tmp/$bins"
  (cd "$TB_SRC/go/$mod" && go build -mod=mod -trimpath -ldflags "-s -w $ldflags" -o "$dest" "$@") \
    || { rm -rf "$tmp"; die "go build of $mod failed (see above)"; }
  rm -rf "$out"; mv "$tmp" "$out"
  tb_log "built $mod in $((SECONDS - start))s → $out"
}

kv="$(kube_version)"; [ -n "$kv" ] || die "no k8s.io/kubernetes version in testbed/go/kubernetes/go.mod"
minor="$(echo "$kv" | cut -d. -f2)"
kube_ld=""
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  kube_ld="$kube_ld -X $p.gitVersion=$kv -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
done

build_module etcd etcd "" go.etcd.io/etcd/server/v3
build_module kwok kwok "" sigs.k8s.io/kwok/cmd/kwok
build_module kubernetes "kube-apiserver kube-controller-manager kube-scheduler kubectl" "$kube_ld" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl
# Helm renders, lints and installs the chart in the tests. Like its own Makefile, tell it the Kubernetes
# version `helm template` and `helm lint` assume without a cluster (else v1.20, below the chart's kubeVersion).
helm_ld=""
for p in helm.sh/helm/v3/pkg/chartutil helm.sh/helm/v3/pkg/lint/rules; do
  helm_ld="$helm_ld -X $p.k8sVersionMajor=1 -X $p.k8sVersionMinor=$minor"
done
build_module helm helm "$helm_ld" helm.sh/helm/v3/cmd/helm
