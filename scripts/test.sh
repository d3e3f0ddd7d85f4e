#!/usr/bin/env bash
# `npm test`: installs what is missing, then runs every gate — lint, type-check, unit tests, the
# production build, integration tests on the real testbed, Playwright — and ends with one line
# `N passed, N failed` summing every runner. Exits non-zero when anything failed.
#
# Two cores, so the order is chosen by what waits rather than computes. The production build comes
# first (both suites need it) while the two testbeds start; then
# Playwright (on a testbed of its own) and the integration tests run side by side — both mostly wait
# on rollouts, servers and the browser — and the static gates (tsc, eslint, prettier, unit tests) run
# beside them at a lower CPU priority, so they fill the waits instead of delaying the suites. The
# container image is made from that build beside them too: only the one test that runs it waits.
# Work that runs in the background prints its output when it is collected, so the log reads in order.
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
# A gate in the background: `begin name command...` starts it, `finish name` waits, prints its output
# and records it. The exit status and duration go through a file, so a sibling job can wait on it too.
declare -A bg_pid=()
begin() { # name command...
  local name="$1"; shift
  rm -f "$out/$name.rc"
  (
    start=$SECONDS rc=0
    "$@" || rc=$?
    echo "$rc $((SECONDS - start))" >"$out/$name.rc"
  ) >"$out/$name.log" 2>&1 &
  bg_pid[$name]=$!
}
finish() { # name
  wait "${bg_pid[$1]}" 2>/dev/null || true
  collect "$1"
}
collect() { # name — record a job whose rc and log files are written (by begin, or by a step of one)
  local name="$1" rc secs
  log "$name"
  cat "$out/$name.log"
  read -r rc secs <"$out/$name.rc" 2>/dev/null || { rc=1 secs=?; }
  if [ "$rc" = 0 ]; then record "$name" 1 0; else record "$name" 0 1; fi
  log "$name took ${secs}s (in the background)"
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

# --- Testbeds: the integration tests' (.testbed, or MESHWATCH_TESTBED_DIR) and Playwright's own
# (.testbed/e2e) — some integration tests restart the API server or break the webhook, which a journey
# must never see. Each stays up if it already was; otherwise it is stopped again at the end.
e2e_testbed="$MESHWATCH_ROOT/.testbed/e2e"
testbed_up() { # dir → is its API server running?
  [ -f "$1/pids/kube-apiserver.pid" ] && kill -0 "$(cat "$1/pids/kube-apiserver.pid")" 2>/dev/null
}
testbed_was_up=0 e2e_testbed_was_up=0
testbed_up "${MESHWATCH_TESTBED_DIR:-$MESHWATCH_ROOT/.testbed}" && testbed_was_up=1
testbed_up "$e2e_testbed" && e2e_testbed_was_up=1
stop_testbeds() {
  local job; for job in testbed e2e-testbed; do wait "${bg_pid[$job]:-}" 2>/dev/null || true; done # never mid-start
  [ "$testbed_was_up" = 1 ] || bash testbed/down.sh 2>/dev/null || true
  [ "$e2e_testbed_was_up" = 1 ] || MESHWATCH_TESTBED_DIR="$e2e_testbed" bash testbed/down.sh 2>/dev/null || true
}
trap stop_testbeds EXIT
begin testbed bash testbed/up.sh
e2e_testbed_setup() { MESHWATCH_TESTBED_DIR="$e2e_testbed" bash testbed/up.sh && MESHWATCH_TESTBED_DIR="$e2e_testbed" bash testbed/seed.sh; }
begin e2e-testbed e2e_testbed_setup

# --- The production build first, alone on the CPU: Playwright and the integration tests both serve it.
check build next build
# The image (issue #9) needs nothing from the testbed. It is made from the build just done
# (--prebuilt: no second `next build` inside it), niced beside the suites. The in-cluster test, about
# five minutes into the integration suite, waits for it (MESHWATCH_IMAGE_RC); collected at the end.
begin image nice -n 5 bash scripts/image.sh --prebuilt
finish testbed
# --- in-cluster (issue #9): clean set-up, the chart, its manifests (the image is collected last).
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

# --- Static gates, one after the other at a lower priority, beside the suites. Each writes its own
# rc/log (as `begin` does) and is collected after the suites; unit counts come from vitest's report.
step() { # name command...
  local name="$1" start=$SECONDS rc=0; shift
  "$@" >"$out/$name.log" 2>&1 || rc=$?
  echo "$rc $((SECONDS - start))" >"$out/$name.rc"
}
static_gates() {
  step typecheck nice -n 10 tsc --noEmit
  step lint nice -n 10 eslint --max-warnings=0 .
  step format nice -n 10 prettier --check .
  rm -f "$out/unit.json"
  step unit nice -n 10 vitest run --project unit --reporter=default --reporter=json --outputFile.json="$out/unit.json"
}
for gate in typecheck lint format unit; do rm -f "$out/$gate.rc"; done
static_gates >/dev/null 2>&1 &
static_pid=$!
export MESHWATCH_IMAGE_RC="$out/image.rc"

# --- Playwright on its own testbed, beside the integration tests; its output is printed after them.
rm -f "$out/e2e.json"
e2e_start=$SECONDS
playwright_on_own_testbed() {
  until [ -f "$out/e2e-testbed.rc" ]; do sleep 1; done
  cat "$out/e2e-testbed.log"
  # No report means Playwright did not run: counted as one failure below, with this log saying why.
  read -r rc _ <"$out/e2e-testbed.rc"
  [ "$rc" = 0 ] || { echo "the e2e testbed ($e2e_testbed) did not start or seed: see above"; return 0; }
  echo "e2e testbed ready; Playwright starts on it ($e2e_testbed)"
  MESHWATCH_TESTBED_DIR="$e2e_testbed" PLAYWRIGHT_JSON_OUTPUT_NAME="$out/e2e.json" \
    playwright test --reporter=list,json || true
}
begin e2e playwright_on_own_testbed
log "e2e (Playwright, $CHROMIUM_PATH) runs beside the integration tests: $out/e2e.log"
run_vitest integration integration
wait "${bg_pid[e2e]}" 2>/dev/null || true
log "e2e (Playwright, $CHROMIUM_PATH)"
cat "$out/e2e.log"
read -r p f < <(node -e 'try { const s = require(process.argv[1]).stats; console.log(s.expected + s.flaky, s.unexpected + (s.expected + s.unexpected + s.flaky ? 0 : 1)); } catch { console.log(0, 1); }' "$out/e2e.json")
record e2e "$p" "$f"; log "e2e took $((SECONDS - e2e_start))s (beside the integration tests)"

wait "$static_pid" 2>/dev/null || true
for gate in typecheck lint format; do collect "$gate"; done
log "unit"
cat "$out/unit.log"
read -r p f < <(vitest_counts "$out/unit.json")
record unit "$p" "$f"; log "unit took $(cut -d' ' -f2 "$out/unit.rc" 2>/dev/null || echo ?)s (beside the suites)"
finish image

linkerd_suite
stop_testbeds; trap - EXIT

echo
printf '  %s\n' "${summary[@]}"
log "total time $((SECONDS - t0))s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
