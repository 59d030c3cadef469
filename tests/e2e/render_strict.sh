#!/usr/bin/env bash
# End-to-end: `ipmap render --strict` fails on every warning the sheet's report carries,
# including those the sheet adds after the run's own checks (here: numbered markers that
# find no free spot, from sixty works without geometry in one municipality), and passes on
# the sample sheet, whose report has none.
#   usage: render_strict.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"

python3 - "$src" "$out/crowd.geojson" <<'PY'
import copy, json, sys
src, dst = sys.argv[1], sys.argv[2]
reg = json.load(open(f"{src}/data/shiribeshi_works_sample.geojson", encoding="utf-8"))
base = next(f for f in reg["features"] if f["geometry"] is None)
feats = []
for i in range(60):
    f = copy.deepcopy(base)
    f["properties"].update({"事業ID": f"X-{i:03d}", "事業名": f"仮の事業{i}", "市町村コード": "01400"})
    feats.append(f)
reg["features"] = feats
json.dump(reg, open(dst, "w", encoding="utf-8"), ensure_ascii=False)
PY

common=(maps/shiribeshi.toml --fiscal-year R6 --format pdf --dpi 30)
rc=0
"$ipmap" render "${common[@]}" -o "$out/crowd" --source works="$out/crowd.geojson" --strict >"$out/crowd.txt" 2>&1 || rc=$?
cat "$out/crowd.txt"
warnings=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["warnings"]+s["errors"])' "$out/crowd/shiribeshi.report.json")
echo "crowded sheet: report carries $warnings warnings, exit $rc"
[ "$warnings" -gt 0 ] || { echo "FAIL: the crowded sheet's report has no warnings (the test no longer provokes any)"; exit 1; }
[ "$rc" -eq 1 ] || { echo "FAIL: --strict exited $rc with $warnings warnings in the report (expected 1)"; exit 1; }
grep -q "^$warnings warnings (see the report)" "$out/crowd.txt" || { echo "FAIL: the summary does not count the report's $warnings warnings"; exit 1; }
grep -q -- "--strict: $warnings warnings" "$out/crowd.txt" || { echo "FAIL: --strict does not name the report's $warnings warnings"; exit 1; }

# Without --strict the same run succeeds; the sample sheet passes --strict.
"$ipmap" render "${common[@]}" -o "$out/crowd2" --source works="$out/crowd.geojson" >/dev/null
"$ipmap" render "${common[@]}" -o "$out/sample" --strict >/dev/null || { echo "FAIL: the sample sheet fails --strict"; exit 1; }
echo "e2e render_strict: all checks passed"
