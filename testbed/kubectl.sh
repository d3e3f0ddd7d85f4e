#!/usr/bin/env bash
# The testbed's own kubectl (same version as its API server) against its admin kubeconfig.
source "$(dirname "$0")/lib.sh"
[ -f "$KUBECONFIG_ADMIN" ] || die "the testbed is not up: run npm run testbed:up"
exec "$(bin kubectl)" --kubeconfig "$KUBECONFIG_ADMIN" "$@"
