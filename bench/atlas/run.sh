#!/usr/bin/env bash
# Atlas benchmark (issue 4): ipmap atlas vs the Mapnik peer, A4 landscape, PDF + PNG at 200 dpi.
#
#   bench/atlas/run.sh [BUILD_DIR] [--quick] [--repeat N] [--no-peer] [--no-ipmap]
#
#   BUILD_DIR   folder with the ipmap binary (default: build)
#   --quick     skip the 179-sheet Hokkaido atlas
#   --repeat N  run each measurement N times and keep the fastest (default 1)
#   --no-peer / --no-ipmap   leave out one side
#
# Measures, in one run, with /usr/bin/time -f '%e %M %U %S' (wall seconds, peak RSS of the
# largest process in KB, user and system CPU seconds):
#   ipmap atlas  bench/atlas/shiribeshi_a4.toml  (20 sheets)   -j 1, -j 2
#   ipmap atlas  bench/atlas/hokkaido_a4.toml    (179 sheets)  -j 1, -j 2   (not with --quick)
#   mapnik_peer.py --sub 後志総合振興局            (20 sheets)   -j 1, -j 2
# and prints a table, the ratios and PASS/FAIL per target. Outputs go to BUILD_DIR/bench-atlas/
# (override with IPMAP_BENCH_OUT); the synthetic works register to build/bench-data/ (generated
# when missing or older than its script). Exit status: 0 when every run that could run
# completed with all its outputs (a missed target is not an error), 1 on a broken run, 2 on a
# usage error. When `ipmap atlas` does not exist yet, the ipmap half reports "ipmap atlas not
# available" and is skipped.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BUILD=build
QUICK=0
REPEAT=1
RUN_PEER=1
RUN_IPMAP=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --repeat) shift; REPEAT=${1:-}; [[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --repeat needs a count" >&2; exit 2; } ;;
    --no-peer) RUN_PEER=0 ;;
    --no-ipmap) RUN_IPMAP=0 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) BUILD=$1 ;;
  esac
  shift
done

cd "$REPO"
case "$BUILD" in /*) BUILD_ABS=$BUILD ;; *) BUILD_ABS=$REPO/$BUILD ;; esac
IPMAP=$BUILD_ABS/ipmap
OUT=${IPMAP_BENCH_OUT:-$BUILD_ABS/bench-atlas}
DATA=$REPO/build/bench-data            # fixed: bench/atlas/hokkaido_works.toml points here
REGISTER=$DATA/hokkaido_works.gpkg
REGISTER_JSON=$DATA/hokkaido_works.geojson
PY=/usr/bin/python3                    # Debian's python: the one that sees python3-mapnik
[ -x "$PY" ] || PY=python3
SUB=後志総合振興局
N_SHIRIBESHI=20
N_HOKKAIDO=179
LOGS=$OUT/logs
mkdir -p "$OUT" "$LOGS" || { echo "run.sh: cannot create $OUT" >&2; exit 1; }

# --- tools ---------------------------------------------------------------------------------
apt_install() {  # only as root, only the named Debian packages
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "run.sh: installing $* (apt-get)"
    apt-get install -y "$@" >"$LOGS/apt.log" 2>&1 || { apt-get update >>"$LOGS/apt.log" 2>&1 && apt-get install -y "$@" >>"$LOGS/apt.log" 2>&1; }
  else
    return 1
  fi
}
if [ ! -x /usr/bin/time ]; then
  apt_install time || { echo "run.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
fi
if [ "$RUN_PEER" = 1 ] && ! "$PY" -c 'import mapnik, cairo' 2>/dev/null; then
  apt_install python3-mapnik python3-cairo || true
  if ! "$PY" -c 'import mapnik, cairo' 2>/dev/null; then
    echo "run.sh: python3-mapnik is not available: the Mapnik peer is skipped" >&2
    RUN_PEER=0
  fi
fi

# --- data ----------------------------------------------------------------------------------
if [ ! -s "$REGISTER" ] || [ ! -s "$REGISTER_JSON" ] || [ "$HERE/make_hokkaido_register.py" -nt "$REGISTER" ]; then
  echo "run.sh: generating the synthetic Hokkaido works register in $DATA"
  "$PY" "$HERE/make_hokkaido_register.py" --out "$DATA" || { echo "run.sh: register generation failed" >&2; exit 1; }
fi

# --- ipmap atlas available? ------------------------------------------------------------------
IPMAP_OK=0
IPMAP_WHY=""
PAGE_ARGS=()
if [ "$RUN_IPMAP" = 1 ]; then
  if [ ! -x "$IPMAP" ]; then
    IPMAP_WHY="no ipmap binary at $IPMAP"
  elif help=$("$IPMAP" atlas --help 2>&1) && grep -q 'atlas' <<<"$help"; then
    IPMAP_OK=1
    # the page is set in the bench map files; pass --page only if the CLI has it
    if grep -q -- '--page' <<<"$help"; then PAGE_ARGS=(--page A4); fi
  else
    IPMAP_WHY="ipmap atlas not available ($IPMAP has no atlas subcommand yet)"
  fi
  [ "$IPMAP_OK" = 1 ] || echo "run.sh: $IPMAP_WHY — the ipmap half is skipped"
fi

# --- measuring -----------------------------------------------------------------------------
LOAD_START=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
if awk -v l="$LOAD_START" 'BEGIN { exit !(l > 0.5) }'; then
  echo "run.sh: warning: load average $LOAD_START before the benchmark: other work is running, the figures will be slow and noisy" >&2
fi
BROKEN=0
declare -A WALL CPU RSS SHEETS STATE
ROWS=()

ok() { [ "${STATE[$1]:-}" = ok ]; }
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }

# measure KEY EXPECTED_SHEETS OUTDIR -- command...
measure() {
  local key=$1 expect=$2 dir=$3
  shift 4
  ROWS+=("$key")
  local best="" best_cpu="" best_rss=0 rep
  for ((rep = 1; rep <= REPEAT; rep++)); do
    rm -rf "$dir"
    mkdir -p "$dir"
    local tf=$LOGS/$key.time log=$LOGS/$key.log
    echo "run.sh: $key (run $rep/$REPEAT): $*" >&2
    /usr/bin/time -f '%e %M %U %S' -o "$tf" "$@" >"$log" 2>&1
    local rc=$?
    local line
    line=$(tail -n 1 "$tf")
    local el kb us sy
    read -r el kb us sy <<<"$line"
    local cpu
    cpu=$(calc "${us:-0} + ${sy:-0}")
    local png pdf
    png=$(find "$dir" -type f -name '*.png' | wc -l)
    pdf=$(find "$dir" -type f -name '*.pdf' | wc -l)
    if [ "$rc" != 0 ] || [ "$png" -lt "$expect" ] || [ "$pdf" -lt "$expect" ]; then
      echo "run.sh: $key BROKEN: exit $rc, $png PNG and $pdf PDF files for $expect sheets (log: $log)" >&2
      tail -n 5 "$log" | sed 's/^/    /' >&2
      STATE[$key]=broken
      BROKEN=1
      SHEETS[$key]=$png
      WALL[$key]=$el
      RSS[$key]=$kb
      CPU[$key]=$cpu
      return
    fi
    if [ -z "$best" ] || awk -v a="$el" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$el; best_cpu=$cpu; fi
    [ "$kb" -gt "$best_rss" ] && best_rss=$kb
  done
  STATE[$key]=ok
  SHEETS[$key]=$expect
  WALL[$key]=$best
  CPU[$key]=$best_cpu
  RSS[$key]=$best_rss
}

skip() { ROWS+=("$1"); STATE[$1]="$2"; }

if [ "$IPMAP_OK" = 1 ]; then
  for j in 1 2; do
    measure "ipmap_shiribeshi_j$j" $N_SHIRIBESHI "$OUT/ipmap-shiribeshi-j$j" -- \
      "$IPMAP" atlas bench/atlas/shiribeshi_a4.toml -j $j "${PAGE_ARGS[@]}" --dpi 200 -o "$OUT/ipmap-shiribeshi-j$j"
  done
  for j in 1 2; do
    if [ "$QUICK" = 1 ]; then skip "ipmap_hokkaido_j$j" "skipped (--quick)"; continue; fi
    measure "ipmap_hokkaido_j$j" $N_HOKKAIDO "$OUT/ipmap-hokkaido-j$j" -- \
      "$IPMAP" atlas bench/atlas/hokkaido_a4.toml -j $j "${PAGE_ARGS[@]}" --dpi 200 -o "$OUT/ipmap-hokkaido-j$j"
  done
else
  why=${IPMAP_WHY:-"not run (--no-ipmap)"}
  for k in ipmap_shiribeshi_j1 ipmap_shiribeshi_j2 ipmap_hokkaido_j1 ipmap_hokkaido_j2; do skip "$k" "$why"; done
fi
if [ "$RUN_PEER" = 1 ]; then
  for j in 1 2; do
    measure "mapnik_shiribeshi_j$j" $N_SHIRIBESHI "$OUT/mapnik-shiribeshi-j$j" -- \
      "$PY" "$HERE/mapnik_peer.py" --sub "$SUB" --works "$REGISTER_JSON" --dpi 200 -j $j -o "$OUT/mapnik-shiribeshi-j$j"
  done
else
  for k in mapnik_shiribeshi_j1 mapnik_shiribeshi_j2; do skip "$k" "not run"; done
fi

# --- report --------------------------------------------------------------------------------
RESULTS=$OUT/results.tsv
{
  printf 'run\tsheets\twall_s\tcpu_s\tsheets_per_s\tpeak_rss_mb\tstate\n'
  for k in "${ROWS[@]}"; do
    if ok "$k"; then
      printf '%s\t%s\t%s\t%s\t%s\t%s\tok\n' "$k" "${SHEETS[$k]}" "${WALL[$k]}" "${CPU[$k]}" "$(calc "${SHEETS[$k]} / ${WALL[$k]}")" "$(calc "${RSS[$k]} / 1024")"
    else
      printf '%s\t\t\t\t\t\t%s\n' "$k" "${STATE[$k]}"
    fi
  done
} >"$RESULTS"

echo
echo "Atlas benchmark — A4 landscape, PDF + PNG at 200 dpi, $(nproc) cores, best of $REPEAT, load average at start $LOAD_START (now $(cut -d' ' -f1 /proc/loadavg))"
printf '%-22s %7s %9s %9s %9s %12s\n' run sheets "wall s" "cpu s" sheets/s "peak RSS MB"
for k in "${ROWS[@]}"; do
  if ok "$k"; then
    printf '%-22s %7s %9s %9s %9s %12s\n' "$k" "${SHEETS[$k]}" "${WALL[$k]}" "${CPU[$k]}" "$(calc "${SHEETS[$k]} / ${WALL[$k]}")" "$(calc "${RSS[$k]} / 1024")"
  else
    printf '%-22s %s\n' "$k" "${STATE[$k]}"
  fi
done
echo "(cpu s = user + system time of the run and its children; peak RSS = largest single process,"
echo " for the multi-process Mapnik -j 2 the peer's log below also gives the sum over its processes)"
echo

# target NAME VALUE_EXPR COMPARISON THRESHOLD  (prints PASS/FAIL, or SKIP when VALUE is empty)
target() {
  local name=$1 value=$2 op=$3 thr=$4
  if [ -z "$value" ]; then printf '  %-52s %10s   SKIP\n' "$name" "-"; return; fi
  if awk -v v="$value" -v t="$thr" "BEGIN { exit !(v $op t) }"; then r=PASS; else r=FAIL; fi
  printf '  %-52s %10s   %s\n' "$name" "$value" "$r"
}
val() { ok "$1" && echo "${WALL[$1]}"; }
ratio() { ok "$1" && ok "$2" && calc "${WALL[$1]} / ${WALL[$2]}"; }
rss_mb() { local m=""; for k in "$@"; do ok "$k" && m=$(awk -v a="${m:-0}" -v b="$(calc "${RSS[$k]} / 1024")" 'BEGIN { print (b > a ? b : a) }'); done; echo "$m"; }

echo "Ratios and targets (value, then PASS/FAIL/SKIP):"
target "Mapnik/ipmap wall time, 20 sheets, -j 1 (>= 3)" "$(ratio mapnik_shiribeshi_j1 ipmap_shiribeshi_j1)" ">=" 3
target "Mapnik/ipmap wall time, 20 sheets, -j 2 (>= 3)" "$(ratio mapnik_shiribeshi_j2 ipmap_shiribeshi_j2)" ">=" 3
target "ipmap speed-up -j1/-j2, 20 sheets (>= 1.8)" "$(ratio ipmap_shiribeshi_j1 ipmap_shiribeshi_j2)" ">=" 1.8
target "ipmap speed-up -j1/-j2, 179 sheets (>= 1.8)" "$(ratio ipmap_hokkaido_j1 ipmap_hokkaido_j2)" ">=" 1.8
target "ipmap 20-sheet atlas at -j 2, s (< 5)" "$(val ipmap_shiribeshi_j2)" "<" 5
target "ipmap 179-sheet atlas at -j 2, s (< 60)" "$(val ipmap_hokkaido_j2)" "<" 60
target "ipmap peak RSS over all runs, MB (< 1024)" "$(rss_mb ipmap_shiribeshi_j1 ipmap_shiribeshi_j2 ipmap_hokkaido_j1 ipmap_hokkaido_j2)" "<" 1024
echo "  (for information) Mapnik speed-up -j1/-j2: $(ratio mapnik_shiribeshi_j1 mapnik_shiribeshi_j2 || echo -)"
for k in mapnik_shiribeshi_j1 mapnik_shiribeshi_j2; do
  ok "$k" && echo "  (for information) $k: $(grep -o 'peak RSS.*' "$LOGS/$k.log" | tail -n 1)"
done
echo
echo "results: $RESULTS   logs: $LOGS   sheets: $OUT/*/"
exit $BROKEN
