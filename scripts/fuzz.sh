#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) into build-fuzz/ and runs each for a
# bounded time on a copy of its seed corpus (tests/fuzz/corpus/<name>/ plus the saved crash
# inputs in tests/fuzz/regressions/<name>/); the tracked corpus is never written to.
# Fails on any crash, leak, timeout, out-of-memory or sanitizer report and prints the
# reproducer's path.
#   scripts/fuzz.sh                       every target, 60 s each, two at a time
#   scripts/fuzz.sh register config       only these targets
#   IPMAP_FUZZ_SECONDS=600 scripts/fuzz.sh          longer runs
#   IPMAP_FUZZ_JOBS=1 scripts/fuzz.sh               one target at a time
# Reproduce a crash:   build-fuzz/tests/fuzz/fuzz_<name> <reproducer>
# Keep it as a regression: copy the reproducer to tests/fuzz/regressions/<name>/ (ctest
# replays that folder in every build through fuzz_replay.<name>).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$here/build-fuzz"
seconds="${IPMAP_FUZZ_SECONDS:-60}"
jobs="${IPMAP_FUZZ_JOBS:-2}"
all_targets=(config fiscal_year callout_template register)
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [ -d "$here/tests/fuzz/corpus/$t" ] || { echo "fuzz: unknown target '$t' (${all_targets[*]})" >&2; exit 2; }
done

command -v clang++ >/dev/null || { echo "fuzz: clang++ not found (scripts/setup.sh installs clang)" >&2; exit 2; }
cmake -S "$here" -B "$build" -G Ninja -DIPMAP_FUZZ=ON -DIPMAP_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
supp="$here/tests/fuzz/lsan.supp"
[ -f "$supp" ] && export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$supp:print_suppressions=0}"

# Runs one target in build-fuzz/fuzz-runs/<name>/ and leaves its exit status in status.
run_target() {
  local t="$1" dir="$build/fuzz-runs/$1"
  rm -rf "$dir"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  cp -R "$here/tests/fuzz/corpus/$t/." "$dir/corpus/"
  [ -d "$here/tests/fuzz/regressions/$t" ] && cp -R "$here/tests/fuzz/regressions/$t/." "$dir/corpus/"
  local args=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
              -artifact_prefix="$dir/artifacts/")
  [ -f "$here/tests/fuzz/$t.dict" ] && args+=(-dict="$here/tests/fuzz/$t.dict")
  local rc=0
  # The outer timeout catches a hang that libFuzzer's own -timeout cannot (e.g. at exit).
  (cd "$dir" && TMPDIR="$dir" timeout -k 10 $((seconds + 300)) \
     "$build/tests/fuzz/fuzz_$t" "${args[@]}" "$dir/corpus" >"$dir/log" 2>&1) || rc=$?
  echo "$rc" >"$dir/status"
}

# Prints one target's summary; returns non-zero when it failed.
report_target() {
  local t="$1" dir="$build/fuzz-runs/$1" rc
  rc="$(cat "$dir/status")"
  local done_line execs
  done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$dir/log" | tail -1 || true)"
  execs="$(grep -E 'stat::number_of_executed_units' "$dir/log" | awk '{print $2}' | tail -1 || true)"
  if [ "$rc" = 0 ]; then
    echo "fuzz_$t: ok, ${execs:-?} executions in ${seconds}s; ${done_line#*DONE }"
    return 0
  fi
  echo "fuzz_$t: FAILED (exit $rc), log $dir/log"
  grep -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY:|invariant violated|deadly signal|ALARM' \
    "$dir/log" | head -8 | sed 's/^/  /' || true
  local found=0
  while IFS= read -r line; do
    echo "  reproducer: ${line##*written to }"
    found=1
  done < <(grep -E 'Test unit written to ' "$dir/log" || true)
  ((found)) || { echo "  no reproducer written (hang outside an input?); last lines:"; tail -5 "$dir/log" | sed 's/^/  /'; }
  echo "  replay: $build/tests/fuzz/fuzz_$t <reproducer>"
  return 1
}

echo "fuzz: ${#targets[@]} target(s), ${seconds}s each, $jobs at a time"
running=0
for t in "${targets[@]}"; do
  if ((running >= jobs)); then
    wait -n || true
    running=$((running - 1))
  fi
  run_target "$t" &
  running=$((running + 1))
done
wait || true

failed=0
for t in "${targets[@]}"; do
  report_target "$t" || failed=1
done
exit "$failed"
