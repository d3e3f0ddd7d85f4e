# Linkerd on the testbed, from binaries someone PROVIDES (Linkerd cannot be built from the registries
# here, and the project never builds or downloads it). Sourced after testbed/lib.sh.
#   MESHWATCH_LINKERD_CLI, MESHWATCH_LINKERD_CONTROLLER          the pair testbed:up installs
#   MESHWATCH_LINKERD_UPGRADE_CLI, MESHWATCH_LINKERD_UPGRADE_CONTROLLER
#                                      the pair testbed:linkerd-upgrade moves to (default: the same
#                                      binaries rendering proxy.image.version "<version>-upgrade")
#   MESHWATCH_LINKERD_WEBHOOK=cli|chart   objectSelector as `linkerd install` renders it (null) or the
#                                      Helm chart's default (control-plane-component/cni pods excluded)
#   MESHWATCH_LINKERD_FAILURE_POLICY=Fail|Ignore   (Fail: an injector error refuses the pod, visibly)
LD="$TB/linkerd"
LD_NS=linkerd
LD_WEBHOOK=linkerd-proxy-injector-webhook-config

ld_log() { printf '\033[32m[linkerd]\033[0m %s\n' "$*" >&2; }
linkerd_wanted() { [ -n "${MESHWATCH_LINKERD_CLI:-}${MESHWATCH_LINKERD_CONTROLLER:-}" ]; }
linkerd_installed() { [ -f "$LD/installed.yaml" ]; }

# Both binaries of a pair must exist and run: say exactly which one is wrong.
ld_check_pair() { # cli controller
  [ -n "$1" ] && [ -n "$2" ] || die "set both MESHWATCH_LINKERD_CLI and MESHWATCH_LINKERD_CONTROLLER (paths to a linkerd CLI and its controller binary)"
  [ -x "$1" ] || die "MESHWATCH_LINKERD_CLI=$1 is not an executable file"
  [ -x "$2" ] || die "MESHWATCH_LINKERD_CONTROLLER=$2 is not an executable file"
  "$1" version --client --short >/dev/null 2>&1 || die "$1 does not run as a linkerd CLI (linkerd version --client)"
}

# The active pair ("install" or "upgrade") is recorded so restarts and re-seeds use the same binaries.
ld_pair() { cat "$LD/pair" 2>/dev/null || echo install; }
ld_cli() { # pair → CLI path
  if [ "$1" = upgrade ]; then echo "${MESHWATCH_LINKERD_UPGRADE_CLI:-$MESHWATCH_LINKERD_CLI}"; else echo "$MESHWATCH_LINKERD_CLI"; fi
}
ld_controller() {
  if [ "$1" = upgrade ]; then echo "${MESHWATCH_LINKERD_UPGRADE_CONTROLLER:-$MESHWATCH_LINKERD_CONTROLLER}"; else echo "$MESHWATCH_LINKERD_CONTROLLER"; fi
}
ld_version() { "$(ld_cli "$1")" version --client --short 2>/dev/null | tail -n 1; }
# --set flags of a pair's render. `linkerd upgrade` reuses every earlier --set (linkerd-config-overrides),
# so each render states what it wants: the failure policy, and with a single pair a bumped proxy version
# for "upgrade" and the CLI's own for "install" (empty: the chart falls back to linkerdVersion).
ld_sets() { # pair
  echo "--set webhookFailurePolicy=${MESHWATCH_LINKERD_FAILURE_POLICY:-Fail}"
  if [ "$(ld_cli upgrade)" = "$MESHWATCH_LINKERD_CLI" ]; then
    if [ "$1" = upgrade ]; then echo "--set proxy.image.version=$(ld_version install)-upgrade"; else echo "--set proxy.image.version="; fi
  fi
  local s; for s in ${LD_EXTRA_SETS:-}; do echo "--set $s"; done
}

ld_ports() {
  mkdir -p "$LD"
  [ -f "$LD/ports.env" ] || { echo "INJECTOR_PORT=$(free_port)"; echo "INJECTOR_METRICS_PORT=$(free_port)"; } >"$LD/ports.env"
  source "$LD/ports.env"
}
