#!/usr/bin/env bash
# End-to-end: --progress auto draws the bar (sheets done, rate, time left) when stderr is a
# terminal, and writes one plain line per sheet when it is not (a log file, a CI job).
# The terminal is a pseudo-terminal from util-linux `script`.
#   usage: atlas_progress.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"
common=(maps/shiribeshi.toml --only 01400,01401,01403 --page A4 --dpi 20 --format pdf -j 2)

# Not a terminal: plain lines.
"$ipmap" atlas "${common[@]}" -o "$out/lines" >"$out/lines.log" 2>&1 || { cat "$out/lines.log"; exit 1; }
python3 - "$out/lines.log" <<'PY'
import re, sys
log = open(sys.argv[1], encoding="utf-8", newline="").read()
assert "\r" not in log, "a bar was drawn into a log file"
lines = re.findall(r"^\[(\d)/3\] (\S+) ok \d+\.\d\d s$", log, re.M)
assert sorted(int(n) for n, _ in lines) == [1, 2, 3], log
assert sorted(s for _, s in lines) == ["01400_倶知安町", "01401_共和町", "01403_泊村"], lines
print("not a terminal: one line per sheet")
PY

# A terminal: the bar, redrawn in place, ending at 3/3.
command -v script >/dev/null || { echo "FAIL: util-linux 'script' is missing (bsdutils)"; exit 1; }
cmd=$(printf '%q ' "$ipmap" atlas "${common[@]}" -o "$out/bar")
script -qec "$cmd" /dev/null >"$out/bar.log" 2>&1 </dev/null || { cat "$out/bar.log"; exit 1; }
python3 - "$out/bar.log" <<'PY'
import re, sys
log = open(sys.argv[1], encoding="utf-8", errors="replace", newline="").read()
frames = re.findall(r"\r\[([#.]{30})\] (\d)/3 sheets  \d+\.\d sheets/s  \d+ s left", log)
assert [int(n) for _, n in frames] == [1, 2, 3], repr(log)
assert [b.count("#") for b, _ in frames] == [10, 20, 30], frames
assert not re.search(r"^\[\d/3\] ", log, re.M), "plain lines on a terminal"
print("terminal: a bar with", len(frames), "frames")
PY
n=$(find "$out/bar" -name '0*.pdf' | wc -l)
[ "$n" = 3 ] || { echo "FAIL: $n sheets under the bar, expected 3"; exit 1; }
echo "e2e atlas_progress: all checks passed"
