#!/usr/bin/env bash
# End-to-end: a killed atlas leaves no half-written sheet, and --resume finishes it
# without redoing the sheets that were complete.
#   usage: atlas_resume.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
shopt -s nullglob
count() { local a=("$@"); echo ${#a[@]}; }
# A sheet is complete once its report carries the atlas stamp (written last, atomically).
complete() { grep -l '"fingerprint"' "$1"/*.report.json 2>/dev/null || true; }
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"
args=(maps/shiribeshi.toml --page A4 --dpi 120 -j 1 --progress lines -o "$out/atlas")

"$ipmap" atlas "${args[@]}" >"$out/first.log" 2>&1 &
pid=$!
# Kill it hard once a few sheets are complete (a stamped report is written last for each sheet).
for _ in $(seq 1 6000); do
  n=$(complete "$out/atlas" | wc -l)
  [ "$n" -ge 4 ] && break
  sleep 0.05
done
kill -9 $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
done_before=$(complete "$out/atlas" | wc -l)
echo "killed after $done_before complete sheets"
[ "$done_before" -ge 4 ] && [ "$done_before" -lt 20 ] || { echo "FAIL: could not interrupt the run mid-way ($done_before sheets)"; exit 1; }

# Whatever is there under a final name is complete.
for f in "$out/atlas"/0*.pdf; do pdfinfo "$f" >/dev/null 2>&1 || { echo "FAIL: half-written $f"; exit 1; }; done
python3 - "$out/atlas" <<'PY'
import glob, sys
for f in glob.glob(sys.argv[1] + "/0*.png"):
    data = open(f, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[-8:-4] == b"IEND", f"half-written {f}"
PY
first=$(complete "$out/atlas" | head -1)
stamp_before=$(stat -c %Y "$first")

sleep 1
"$ipmap" atlas "${args[@]}" --resume >"$out/second.log" 2>&1
tail -3 "$out/second.log"
grep -q "20 sheets" "$out/second.log" || { echo "FAIL: resume did not account for 20 sheets"; exit 1; }
skipped=$(sed -n 's/.* \([0-9]*\) up to date.*/\1/p' "$out/second.log")
[ "${skipped:-0}" -ge "$done_before" ] || { echo "FAIL: resume redid complete sheets (skipped ${skipped:-0} < $done_before)"; exit 1; }
[ "$(stat -c %Y "$first")" = "$stamp_before" ] || { echo "FAIL: a complete sheet was rewritten"; exit 1; }
[ "$(count "$out/atlas"/0*.pdf)" = 20 ] || { echo "FAIL: not all sheets present after resume"; exit 1; }
[ "$(count "$out/atlas"/*.tmp-*)" = 0 ] || { echo "FAIL: temporary files left behind"; exit 1; }
[ "$(pdfinfo "$out/atlas/atlas.pdf" | awk '/^Pages:/{print $2}')" = 21 ] || { echo "FAIL: combined PDF"; exit 1; }

# The killed run wrote no index: the counts of the kept sheets come from their own reports,
# and equal those of a clean run (index JSON and CSV, and the contents page).
"$ipmap" atlas "${args[@]:0:${#args[@]}-2}" -o "$out/clean" >"$out/clean.log" 2>&1 || { cat "$out/clean.log"; exit 1; }
python3 - "$out/atlas" "$out/clean" <<'PY'
import csv, json, sys
resumed, clean = sys.argv[1], sys.argv[2]
keys = ("id", "name", "works", "drawn", "callouts", "listed", "not_shown", "warnings", "warning_messages", "pages", "files")
def rows(d):
    ix = json.load(open(f"{d}/atlas_index.json", encoding="utf-8"))
    return [{k: s[k] for k in keys} for s in ix["sheets"]], [s["state"] for s in ix["sheets"]]
a, states = rows(resumed)
b, _ = rows(clean)
assert "skipped" in states, states
assert sum(r["works"] for r in b) > 0 and sum(r["callouts"] for r in b) > 0, "clean run has no works"
for x, y in zip(a, b):
    assert x == y, f"resumed {x} != clean {y}"
assert len(a) == len(b) == 20
def table(d):
    return [{k: v for k, v in r.items() if k != "state"} for r in csv.DictReader(open(f"{d}/atlas_index.csv", encoding="utf-8"))]
assert table(resumed) == table(clean), "CSV differs"
print("resumed index counts equal a clean run's")
PY
cmp -s <(pdftotext -f 1 -l 1 "$out/atlas/atlas.pdf" -) <(pdftotext -f 1 -l 1 "$out/clean/atlas.pdf" -) ||
  { echo "FAIL: the contents page of the resumed atlas differs from a clean run's"; exit 1; }

# A kept sheet whose PDF cannot be read: the combined PDF fails with a message naming the
# file and exit code 4, the index is still written, and no temporary file is left.
victim=$(ls "$out/atlas"/0*.pdf | head -1)
printf '%%PDF-1.5\nbroken' >"$victim"
touch "$victim"
rm -f "$out/atlas/atlas_index.json"
set +e
"$ipmap" atlas "${args[@]}" --resume >"$out/third.log" 2>&1
rc=$?
set -e
[ "$rc" = 4 ] || { cat "$out/third.log"; echo "FAIL: exit code $rc with an unreadable kept sheet (expected 4)"; exit 1; }
grep -qF "$(basename "$victim")" "$out/third.log" || { cat "$out/third.log"; echo "FAIL: the unreadable sheet is not named"; exit 1; }
[ -s "$out/atlas/atlas_index.json" ] || { echo "FAIL: no index after the combined PDF failed"; exit 1; }
[ "$(count "$out/atlas"/*.tmp-*)" = 0 ] || { echo "FAIL: temporary files left behind"; exit 1; }
echo "e2e atlas_resume: all checks passed"
