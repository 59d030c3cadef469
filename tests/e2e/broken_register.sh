#!/usr/bin/env bash
# End-to-end: a register full of broken features (tests/data/broken) still makes a map.
# Every input feature ends up in the report (drawn, in a callout, or not shown with a
# reason), every shown work's (cleaned) name is in the PDF text, `ipmap check` names the
# row, field and value of each problem, and --strict turns the warnings into a failure.
#   usage: broken_register.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"
map=tests/data/broken/map.toml

"$ipmap" render "$map" -o "$out" --dpi 50 >"$out/render.txt"
"$ipmap" check "$map" >"$out/check.txt" || { echo "FAIL: check failed without --strict"; cat "$out/check.txt"; exit 1; }
if "$ipmap" check "$map" --strict >/dev/null; then echo "FAIL: --strict passed with warnings"; exit 1; fi
if "$ipmap" render "$map" -o "$out/strict" --dpi 50 --strict >/dev/null 2>&1; then echo "FAIL: render --strict passed"; exit 1; fi
"$ipmap" check "$map" --format json >"$out/check.json"
pdftotext -raw -enc UTF-8 "$out/broken.pdf" "$out/broken.txt"

python3 - "$out" "$src" <<'PY'
import json, sys, unicodedata
out, src = sys.argv[1], sys.argv[2]
fail = []
reg = json.load(open(f"{src}/tests/data/broken/broken_register.geojson", encoding="utf-8"))
rep = json.load(open(f"{out}/broken.report.json", encoding="utf-8"))
ids = [w["id"] for w in rep["works"]]
if len(rep["works"]) != len(reg["features"]):
    fail.append(f"report has {len(rep['works'])} works, register {len(reg['features'])}")
for row, ft in enumerate(reg["features"], 1):
    rid = ft["properties"]["事業ID"] or ""
    # Duplicate and empty ids are renamed; the renamed id keeps the original or the row.
    if not any(i == rid or i.startswith(rid + "#") or (not rid and i.endswith(f"#{row}")) for i in ids):
        fail.append(f"row {row} (id {rid!r}) is missing from the report")
for w in rep["works"]:
    if w["fate"] not in ("drawn", "callout", "drawn+callout", "not_shown"):
        fail.append(f"{w['id']}: fate {w['fate']}")
    if w["fate"] == "not_shown" and not w.get("reason"):
        fail.append(f"{w['id']}: not shown without a reason")
    for ch in w["name"]:
        if unicodedata.category(ch) in ("Cc", "Cf"):
            fail.append(f"{w['id']}: control/format character U+{ord(ch):04X} left in the name")
    if len(w["name"]) > 200:
        fail.append(f"{w['id']}: name of {len(w['name'])} characters not shortened")
squash = lambda s: "".join(c for c in unicodedata.normalize("NFKC", s) if not c.isspace())
text = squash(open(f"{out}/broken.txt", encoding="utf-8").read())
# U+E000 has no glyph: Pango draws a box with its hex code in it, and with Noto Sans first in
# the family list the code is text ("E000") that pdftotext extracts.
text = text.replace("E000", "")
for w in rep["works"]:
    if w["fate"] != "not_shown" and squash(w["name"]).replace("\ue000", "") not in text.replace("\ue000", ""):
        fail.append(f"{w['id']}: name not in the PDF text")
by_id = {w["id"]: w for w in rep["works"]}
expect = {"B-15": "not_shown", "B-16": "not_shown", "B-05": "callout", "B-04": "drawn+callout", "B-02": "drawn+callout"}
for k, v in expect.items():
    if by_id.get(k, {}).get("fate") != v:
        fail.append(f"{k}: fate {by_id.get(k, {}).get('fate')}, expected {v}")
check = open(f"{out}/check.txt", encoding="utf-8").read()
for needle in ["row 2, id 'B-02', field 'geometry'", "Self-intersection", "unclosed ring",
               "id 'B-04'", "swapped", "id 'B-05'", "outside the area of use",
               "field '進捗率' = '150'", "field '進捗率' = 'abc'", "field '着手年度' = '来年'",
               "duplicate id", "empty id", "id 'B-13', field '事業名'", "control character", "U+E000",
               "field '市町村コード' = '99999'", "field '状態' = '不明な状態'"]:
    if needle not in check:
        fail.append(f"ipmap check does not say {needle!r}")
cj = json.load(open(f"{out}/check.json", encoding="utf-8"))
if cj["warnings"] < 10 or not all(p.get("file") for p in cj["problems"]):
    fail.append("check --format json: too few warnings or a problem without its file")
print(f"{len(rep['works'])} works accounted for; {cj['warnings']} warnings from check")
if fail:
    print("\n".join("FAIL: " + f for f in fail)); sys.exit(1)
print("e2e broken_register: all checks passed")
PY
