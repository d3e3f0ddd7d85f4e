#!/usr/bin/env bash
# The testbed's own Helm (built from testbed/go/helm) against its admin kubeconfig.
source "$(dirname "$0")/lib.sh"
[ -x "$(bin helm)" ] || bash "$TB_SRC/build.sh"
# Helm's own state (repositories, cache) stays out of $HOME: the chart needs no repository.
export HELM_CACHE_HOME="$MESHWATCH_CACHE/helm/cache" HELM_CONFIG_HOME="$MESHWATCH_CACHE/helm/config"
export HELM_DATA_HOME="$MESHWATCH_CACHE/helm/data"
exec "$(bin helm)" --kubeconfig "$KUBECONFIG_ADMIN" "$@"
