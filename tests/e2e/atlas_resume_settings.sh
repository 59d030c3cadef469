#!/usr/bin/env bash
# End-to-end: --resume redoes a sheet whenever what it was made from or with changed, not
# only when an input file is newer: the fiscal year, page, dpi, formats, a --source, the
# ipmap binary. Each sheet's report carries the fingerprint it is compared with.
#   usage: atlas_resume_settings.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"
base=(maps/shiribeshi.toml --only 01403,01203 -j 2 --progress lines -o "$out/atlas")
summary() { sed -n 's/.*: \([0-9]*\) rendered, \([0-9]*\) up to date.*/\1 \2/p' "$1"; }
expect() {  # expect LOG "RENDERED SKIPPED" WHAT
  local got; got=$(summary "$1")
  [ "$got" = "$2" ] || { cat "$1"; echo "FAIL: $3: got '$got' (rendered, up to date), expected '$2'"; exit 1; }
}

"$ipmap" atlas "${base[@]}" --page A4 --dpi 30 >"$out/1.log" 2>&1
expect "$out/1.log" "2 0" "first run"
"$ipmap" atlas "${base[@]}" --page A4 --dpi 30 --resume >"$out/2.log" 2>&1
expect "$out/2.log" "0 2" "same settings"
grep -q '"fingerprint"' "$out/atlas/01403_泊村.report.json" || { echo "FAIL: no fingerprint in the report"; exit 1; }

# The audit's case: another page, dpi and fiscal year with --resume.
"$ipmap" atlas "${base[@]}" --page A3 --dpi 100 --fiscal-year 令和3年度 --resume >"$out/3.log" 2>&1
expect "$out/3.log" "2 0" "page, dpi and fiscal year changed"
for f in "$out/atlas"/0*.pdf "$out/atlas/atlas.pdf"; do
  pdfinfo -f 1 -l 99 "$f" | grep '^Page.*size' | grep -qv 'A3' && { echo "FAIL: $(basename "$f") has a page that is not A3"; exit 1; }
done
python3 - "$out/atlas" <<'PY'
import json, sys
d = sys.argv[1]
for stem in ("01403_泊村", "01203_小樽市"):
    r = json.load(open(f"{d}/{stem}.report.json", encoding="utf-8"))
    assert r["fiscal_year"] == 2021, (stem, r["fiscal_year"])
ix = json.load(open(f"{d}/atlas_index.json", encoding="utf-8"))
assert ix["fiscal_year"] == 2021 and ix["page"]["size"] == "A3", ix["page"]
PY
pdftotext -f 1 -l 1 "$out/atlas/atlas.pdf" - | grep -q 令和3年度 || { echo "FAIL: contents page not for 令和3年度"; exit 1; }

# dpi alone; formats alone.
"$ipmap" atlas "${base[@]}" --page A3 --dpi 100 --fiscal-year 令和3年度 --resume >"$out/4.log" 2>&1
expect "$out/4.log" "0 2" "unchanged again"
"$ipmap" atlas "${base[@]}" --page A3 --dpi 60 --fiscal-year 令和3年度 --resume >"$out/5.log" 2>&1
expect "$out/5.log" "2 0" "dpi changed"
"$ipmap" atlas "${base[@]}" --page A3 --dpi 60 --fiscal-year 令和3年度 --format pdf --resume >"$out/6.log" 2>&1
expect "$out/6.log" "2 0" "formats changed"

# Another source whose file is older than the sheets (cp -p keeps its date).
cp -p ../shared/data/shiribeshi_municipalities.geojson "$out/older_copy.geojson"
"$ipmap" atlas "${base[@]}" --page A3 --dpi 60 --fiscal-year 令和3年度 --format pdf --resume \
  --source "municipalities=$out/older_copy.geojson" >"$out/7.log" 2>&1
expect "$out/7.log" "2 0" "--source changed"

# Another ipmap binary (a rebuilt one): same settings, every sheet redone.
cp "$ipmap" "$out/ipmap-rebuilt"
"$out/ipmap-rebuilt" atlas "${base[@]}" --page A3 --dpi 60 --fiscal-year 令和3年度 --format pdf --resume \
  --source "municipalities=$out/older_copy.geojson" >"$out/8.log" 2>&1
expect "$out/8.log" "2 0" "ipmap binary changed"
"$out/ipmap-rebuilt" atlas "${base[@]}" --page A3 --dpi 60 --fiscal-year 令和3年度 --format pdf --resume \
  --source "municipalities=$out/older_copy.geojson" >"$out/9.log" 2>&1
expect "$out/9.log" "0 2" "unchanged after the binary change"

# The mtime rule still holds: a newer input redoes the sheets.
sleep 1; touch "$out/older_copy.geojson"
"$out/ipmap-rebuilt" atlas "${base[@]}" --page A3 --dpi 60 --fiscal-year 令和3年度 --format pdf --resume \
  --source "municipalities=$out/older_copy.geojson" >"$out/10.log" 2>&1
expect "$out/10.log" "2 0" "newer input"
echo "e2e atlas_resume_settings: all checks passed"
