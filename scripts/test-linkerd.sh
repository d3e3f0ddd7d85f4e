# The Linkerd part of `npm test`, sourced by scripts/test.sh (uses its record/check/vitest_counts/log).
# With MESHWATCH_LINKERD_CLI/CONTROLLER set it runs AFTER the default gates, which keep testing the
# testbed without an injector exactly as CI does: install Linkerd, re-seed with scenario 11 (a real
# upgrade), the with-injector journeys and the differential harness (main + automount matrices).
LINKERD_SUITE_VARS="$(env | grep -E '^MESHWATCH_LINKERD_(CLI|CONTROLLER|UPGRADE_CLI|UPGRADE_CONTROLLER|WEBHOOK|FAILURE_POLICY)=' || true)"
# The default gates run without Linkerd (testbed/linkerd/up.sh removes one an earlier run left).
unset MESHWATCH_LINKERD_CLI MESHWATCH_LINKERD_CONTROLLER MESHWATCH_LINKERD_UPGRADE_CLI \
  MESHWATCH_LINKERD_UPGRADE_CONTROLLER MESHWATCH_LINKERD_WEBHOOK MESHWATCH_LINKERD_FAILURE_POLICY

differential() { # matrix [test file] — one vitest test per matrix; its case count is in the log
  local name="differential-$1" start=$SECONDS json="$out/differential-$1.json"
  local file="${2:-testbed/differential/injector-differential.test.ts}"
  log "$name (engine vs the real proxy-injector)"
  rm -f "$json"
  DIFF_MATRIX="$1" DIFF_REPORT="$out/differential-$1-report.json" vitest run "$file" \
    --config testbed/differential/vitest.config.ts --reporter=default --reporter=json --outputFile.json="$json" || true
  read -r p f < <(vitest_counts "$json")
  record "$name" "$p" "$f"; log "$name took $((SECONDS - start))s"
}

linkerd_suite() {
  if [ -z "$LINKERD_SUITE_VARS" ]; then
    summary+=("linkerd      not run: MESHWATCH_LINKERD_CLI/CONTROLLER are not set (Linkerd cannot be built here; see testbed/linkerd/README.md)")
    return 0
  fi
  local line; while IFS= read -r line; do export "${line?}"; done <<<"$LINKERD_SUITE_VARS"
  local t=$SECONDS
  check linkerd-up bash testbed/up.sh
  # Safe to repeat with the injector running (#29: its ports were once read only when starting it).
  check linkerd-up-again bash testbed/up.sh
  check linkerd-seed bash testbed/seed.sh

  log "e2e with-injector (Playwright, the real proxy-injector)"
  local start=$SECONDS
  MESHWATCH_E2E_INJECTOR=1 PLAYWRIGHT_JSON_OUTPUT_NAME="$out/e2e-with-injector.json" \
    playwright test --project with-injector --reporter=list,json || true
  read -r p f < <(node -e 'try { const s = require(process.argv[1]).stats; console.log(s.expected + s.flaky, s.unexpected + (s.expected + s.unexpected + s.flaky ? 0 : 1)); } catch { console.log(0, 1); }' "$out/e2e-with-injector.json")
  record e2e-injector "$p" "$f"; log "e2e with-injector took $((SECONDS - start))s"

  differential main
  # check -f (#29): predictions made before the matrix is applied, against what the injector did.
  differential predict testbed/differential/predict-differential.test.ts
  # The automount matrix needs identity.serviceAccountTokenProjection=false: re-render, run, restore
  # (explicitly: `linkerd upgrade` keeps earlier --set values).
  check linkerd-noproj env LD_EXTRA_SETS=identity.serviceAccountTokenProjection=false bash testbed/linkerd/upgrade.sh upgrade
  differential automount
  check linkerd-restore env LD_EXTRA_SETS=identity.serviceAccountTokenProjection=true bash testbed/linkerd/upgrade.sh upgrade
  log "Linkerd suite took $((SECONDS - t))s"
}
