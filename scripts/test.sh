#!/usr/bin/env bash
# `npm test`: installs what is missing, then runs every gate — lint, type-check, unit tests, the
# production build, integration tests on the real testbed, Playwright — and ends with one line
# `N passed, N failed` summing every runner. Exits non-zero when anything failed.
source "$(dirname "$0")/lib.sh"
cd "$MESHWATCH_ROOT"
# --- in-cluster (issue #9): set-up must not change tracked files (compared after the testbed build).
tree_before="$(git status --porcelain 2>/dev/null || true)"
ensure_node
ensure_deps
ensure_chromium
source "$MESHWATCH_ROOT/scripts/test-linkerd.sh" # Linkerd suite, when binaries are given (runs last)

out="$MESHWATCH_ROOT/test-results"
mkdir -p "$out"
passed=0 failed=0 summary=()
t0=$SECONDS

# The image (issue #9) needs nothing from the testbed: build it beside the gates below — after a source
# change its in-image `next build` is the slowest step — and collect it just before integration needs it.
rm -f "$out/image.rc" "$out/image.name"
(
  bash scripts/image.sh >"$out/image.name" 2>"$out/image.log"
  echo $? >"$out/image.rc"
) &
image_pid=$!

record() { # name passed failed
  passed=$((passed + $2)); failed=$((failed + $3))
  summary+=("$(printf '%-12s %4d passed, %d failed' "$1" "$2" "$3")")
}
check() { # name command... — a gate that is one pass or one fail
  local name="$1" start=$SECONDS; shift
  log "$name"
  if "$@"; then record "$name" 1 0; else record "$name" 0 1; fi
  log "$name took $((SECONDS - start))s"
}
vitest_counts() { # json file → "passed failed" (a missing or broken report counts as one failure)
  node -e 'try { const r = require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests + (r.success || r.numFailedTests ? 0 : 1)); } catch { console.log(0, 1); }' "$1"
}
run_vitest() { # name project
  local name="$1" start=$SECONDS; log "$name"
  rm -f "$out/$2.json"
  vitest run --project "$2" --reporter=default --reporter=json --outputFile.json="$out/$2.json" || true
  read -r p f < <(vitest_counts "$out/$2.json")
  record "$name" "$p" "$f"; log "$name took $((SECONDS - start))s"
}

check lint eslint --max-warnings=0 .
check format prettier --check .
check typecheck tsc --noEmit
run_vitest unit unit

# The testbed stays up if it already was; otherwise it is stopped again at the end.
testbed_was_up=0
[ -f .testbed/pids/kube-apiserver.pid ] && kill -0 "$(cat .testbed/pids/kube-apiserver.pid)" 2>/dev/null && testbed_was_up=1
[ "$testbed_was_up" = 1 ] || trap 'bash testbed/down.sh' EXIT
check testbed bash testbed/up.sh
# --- in-cluster (issue #9): clean set-up, the chart, its manifests and the image.
setup_left_tree_clean() {
  local now; now="$(git status --porcelain)"
  [ "$now" = "$tree_before" ] && return 0
  log "set-up changed the work tree (npm ci / go builds must not rewrite tracked files):"
  diff <(echo "$tree_before") <(echo "$now") >&2 || true
  return 1
}
check clean-setup setup_left_tree_clean
check helm-lint bash testbed/helm.sh lint --strict deploy/helm/meshwatch
check manifests bash scripts/render-manifests.sh --check
# --- end in-cluster
check seed bash testbed/seed.sh
check build next build
image_built() { # waits for the build started at the top; its log says how long it took
  wait "$image_pid" 2>/dev/null || true
  cat "$out/image.log" >&2
  [ "$(cat "$out/image.rc" 2>/dev/null)" = 0 ] || return 1
  MESHWATCH_IMAGE="$(tail -n 1 "$out/image.name")" && [ -n "$MESHWATCH_IMAGE" ] && export MESHWATCH_IMAGE
}
check image image_built
run_vitest integration integration

log "e2e (Playwright, $CHROMIUM_PATH)"
start=$SECONDS
PLAYWRIGHT_JSON_OUTPUT_NAME="$out/e2e.json" playwright test --reporter=list,json || true
read -r p f < <(node -e 'try { const s = require(process.argv[1]).stats; console.log(s.expected + s.flaky, s.unexpected + (s.expected + s.unexpected + s.flaky ? 0 : 1)); } catch { console.log(0, 1); }' "$out/e2e.json")
record e2e "$p" "$f"; log "e2e took $((SECONDS - start))s"

linkerd_suite
if [ "$testbed_was_up" = 0 ]; then bash testbed/down.sh 2>/dev/null; trap - EXIT; fi

echo
printf '  %s\n' "${summary[@]}"
log "total time $((SECONDS - t0))s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
