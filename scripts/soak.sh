#!/usr/bin/env bash
# Runs the suite's thread and determinism tests (Catch tags [threads] and [determinism])
# many times over, as separate processes, more of them at once than there are cores, and
# fails if any run fails. One run of the suite says little about output that differs only
# now and then: the PNG encoder ipmap once used gave different bytes for the same pixels in
# about 1 of 250 runs of the four-thread render test, which passed every ordinary run.
#   scripts/soak.sh [BUILD_DIR]              BUILD_DIR defaults to build/
#   IPMAP_SOAK_RUNS=400 scripts/soak.sh      rounds (default 100); a round runs each such
#                                            test case once, in a process of its own
#   IPMAP_SOAK_JOBS=3 scripts/soak.sh        processes at once (default: cores + 1)
# A failing run's output is kept in BUILD_DIR/soak-logs/ and its path printed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build}"
runs="${IPMAP_SOAK_RUNS:-100}"
jobs="${IPMAP_SOAK_JOBS:-$(($(nproc) + 1))}"
filter='[threads],[determinism]'
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "soak: IPMAP_SOAK_RUNS must be a positive number, not '$runs'" >&2; exit 2; }
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "soak: IPMAP_SOAK_JOBS must be a positive number, not '$jobs'" >&2; exit 2; }

# One process per test case, as ctest runs them: the first encodings of a process are
# where that encoder went wrong, so a case must not run after others in the same process.
cases=()
for b in "$build"/tests/test_*; do
  [ -x "$b" ] || continue
  while IFS= read -r name; do
    [ -n "${name//[[:space:]]/}" ] && cases+=("$b"$'\t'"$name")
  done < <("$b" "$filter" --list-test-names-only 2>/dev/null || true)
done
((${#cases[@]})) || { echo "soak: no test in $build/tests/test_* has the tags $filter (build first)" >&2; exit 2; }

logs="$build/soak-logs"
rm -rf "$logs"
mkdir -p "$logs"

# One run: $1 = "round<TAB>binary<TAB>test name". Catch reads , [ ] \ * ~ " in a test
# spec as operators, so they are escaped. The output is kept only when the run fails.
soak_one() {
  local round bin name spec tmp log
  IFS=$'\t' read -r round bin name <<< "$1"
  spec=$(printf '%s' "$name" | sed -e 's/[][\\,*~"]/\\&/g')
  tmp=$(mktemp "$SOAK_LOGS/.run.XXXXXX")
  if "$bin" "$spec" > "$tmp" 2>&1; then rm -f "$tmp"; return 0; fi
  log="$SOAK_LOGS/$(basename "$bin")-round$round-$(printf '%s' "$name" | tr -c 'A-Za-z0-9' _ | cut -c1-60).log"
  mv "$tmp" "$log"
  echo "soak: FAILED in round $round: $(basename "$bin") \"$name\" (log: $log)" >&2
  return 1
}
export -f soak_one
export SOAK_LOGS="$logs"

echo "soak: ${#cases[@]} test cases tagged $filter, $runs rounds, $jobs processes at once"
start=$SECONDS
for ((i = 1; i <= runs; i++)); do
  for c in "${cases[@]}"; do printf '%s\t%s\n' "$i" "$c"; done
done | xargs -d '\n' -P "$jobs" -n 1 bash -c 'soak_one "$1"' soak || true
failed=$(find "$logs" -name '*.log' | wc -l)
echo "soak: $((runs * ${#cases[@]})) runs in $((SECONDS - start)) s, $failed failed"
[ "$failed" -eq 0 ]
