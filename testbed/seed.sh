#!/usr/bin/env bash
# Applies the demo scenarios (testbed/seed/*.yaml) through the real API server and controllers, in
# the order that produces each situation, and waits until their pods are Running. Re-running it
# recreates the demo namespaces from scratch.
source "$(dirname "$0")/lib.sh"
[ -f "$KUBECONFIG_ADMIN" ] || die "the testbed is not up: run npm run testbed:up"

# Scenarios depend on the order things happened in (pods before annotations), so a re-seed starts the
# demo namespaces over rather than patching whatever state they drifted into.
# (Not `kctl … | grep -q .`: under pipefail, grep leaving early can SIGPIPE kubectl and fail the test.)
if [ -n "$(kctl get ns -l meshwatch.io/demo=true -o name)" ]; then
  tb_log "removing the previous demo namespaces"
  kctl delete ns -l meshwatch.io/demo=true --wait --timeout=180s >/dev/null || die "old demo namespaces did not go away"
fi
# 11. with Linkerd given: meshed, then a real control-plane upgrade (testbed/linkerd/seed.sh).
if [ -n "${MESHWATCH_LINKERD_CLI:-}" ]; then bash "$TB_SRC/linkerd/seed.sh"; fi
kctl apply -f "$TB_SRC/seed/" >/dev/null
tb_log "applied $(ls "$TB_SRC"/seed/*.yaml | wc -l) scenario files"

namespaces=$(kctl get ns -l meshwatch.io/demo=true -o jsonpath='{.items[*].metadata.name}')
for ns in $namespaces; do
  for w in $(kctl get deploy,statefulset,daemonset -n "$ns" -o name); do
    kctl rollout status -n "$ns" "$w" --timeout=180s >/dev/null || die "$ns/$w did not roll out"
  done
done

# 2. payments: the annotation arrives after its pods exist, so they predate it (restart needed).
kctl annotate namespace payments linkerd.io/inject=enabled --overwrite >/dev/null
# 5. search: meshed earlier, then injection turned off; its pods keep whatever they got at creation.
kctl annotate namespace search linkerd.io/inject=disabled --overwrite >/dev/null
# 3. one run of the CronJob so its Job's pods exist (KWOK completes them).
kctl get job -n analytics nightly-report-seed >/dev/null 2>&1 \
  || kctl create job -n analytics nightly-report-seed --from=cronjob/nightly-report >/dev/null

# Only the demo namespaces' pods: an unrelated Failed pod elsewhere must not fail the seed.
running() {
  local n; for n in $namespaces; do
    kctl get pods -n "$n" -l '!job-name' --no-headers | grep -v -E '\sRunning\s' | grep -q . && return 1
  done; return 0
}
deadline=$((SECONDS + 180))
until running; do
  [ "$SECONDS" -lt "$deadline" ] || { for n in $namespaces; do kctl get pods -n "$n" | grep -v Running >&2; done; die "pods did not all reach Running"; }
  sleep 1
done
tb_log "seeded: $(echo "$namespaces" | wc -w) namespaces, $(for n in $namespaces; do kctl get pods -n "$n" --no-headers; done | wc -l) pods"
[ -n "${MESHWATCH_LINKERD_CLI:-}" ] \
  || tb_log "scenario 11 (proxies older than the control plane) needs Linkerd (MESHWATCH_LINKERD_CLI/CONTROLLER, see testbed/linkerd/): not seeded"
