#!/usr/bin/env bash
# End-to-end: the atlas index names each sheet's warnings, not only their number: every
# message in atlas_index.json, the first few in atlas_index.csv joined with " | ", properly
# quoted (a CSV reader gets one row per sheet and the same text back).
#   usage: atlas_warnings.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"
"$ipmap" atlas tests/data/broken/map.toml --only 01400,01401,01203 --format pdf --dpi 20 -j 2 --progress none \
  -o "$out/atlas" >"$out/run.log" 2>&1 || { cat "$out/run.log"; exit 1; }
python3 - "$out/atlas" <<'PY'
import csv, json, sys
d = sys.argv[1]
ix = json.load(open(f"{d}/atlas_index.json", encoding="utf-8"))
rows = list(csv.DictReader(open(f"{d}/atlas_index.csv", encoding="utf-8", newline="")))
assert len(rows) == len(ix["sheets"]) == 3, (len(rows), len(ix["sheets"]))
by_id = {r["id"]: r for r in rows}
many = 0
for s in ix["sheets"]:
    msgs = s["warning_messages"]
    assert len(msgs) == s["warnings"], (s["id"], len(msgs), s["warnings"])
    rep = json.load(open(f"{d}/{s['stem']}.report.json", encoding="utf-8"))
    want = [x for x in rep["diagnostics"] if x["severity"] != "info"]
    assert len(want) == len(msgs), s["id"]
    for m, w in zip(msgs, want):
        assert w["message"] in m and m.startswith(w["severity"] + ":"), (m, w)
    text = " | ".join(m.replace("\n", " ") for m in msgs[:3])
    if len(msgs) > 3:
        text += f" | ({len(msgs) - 3} more in atlas_index.json)"
        many += 1
    assert by_id[s["id"]]["warning_messages"] == text, (by_id[s["id"]]["warning_messages"], text)
    assert int(by_id[s["id"]]["warnings"]) == s["warnings"]
assert sum(s["warnings"] for s in ix["sheets"]) > 0, "the broken register gave no warnings"
assert many > 0, "no sheet with more than three warnings: the CSV cut is not exercised"
print("index: every warning in the JSON, the first three in the CSV")
PY
echo "e2e atlas_warnings: all checks passed"
