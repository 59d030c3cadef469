#!/usr/bin/env bash
# End-to-end: a generated dense Shiribeshi sheet (every one of ~230 synthetic works gets a
# callout). Every callout is placed or listed (with the list continuing on a second PDF page
# when the panel is full), balloons never overlap and leaders never cross, and every
# work's name and every callout's full text is in the PDF text; every numbered marker found
# a free spot; every PDF page has its PNG.
#   usage: dense_sheet.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"
python3 bench/atlas/make_hokkaido_register.py --out "$out/data" >"$out/gen.log"
"$ipmap" render bench/dense/shiribeshi_dense.toml --source works="$out/data/hokkaido_works.gpkg" -o "$out" --dpi 60 | tee "$out/stdout.txt"
pdftotext -raw -enc UTF-8 "$out/shiribeshi_dense.pdf" "$out/text.txt"
python3 - "$out" <<'PY'
import json, sys, unicodedata
out = sys.argv[1]
r = json.load(open(f"{out}/shiribeshi_dense.report.json", encoding="utf-8"))
c = r["callouts"]
fail = []
if c["requested"] < 200:
    fail.append(f"only {c['requested']} callouts requested; the dense sheet needs 200+")
if c["overlaps"] or c["crossings"]:
    fail.append(f"overlaps {c['overlaps']}, crossings {c['crossings']}")
if c["in_map"] + c["margin"] + c["list"] != c["requested"]:
    fail.append("callouts not all accounted for")
squash = lambda s: "".join(ch for ch in unicodedata.normalize("NFKC", s) if not ch.isspace())
text = squash(open(f"{out}/text.txt", encoding="utf-8").read())
missing = [w["id"] for w in r["works"] if w["fate"] != "not_shown" and squash(w["name"]) not in text]
# Every callout's full text, in a balloon or in the list (continuation pages included).
no_text = [w["id"] for w in r["works"] if w.get("callout", {}).get("tier") in ("in_map", "margin", "list")
           and squash(w["callout"]["text"]) not in text]
import os
pngs = [f"{out}/shiribeshi_dense.png"] + [f"{out}/shiribeshi_dense-{k}.png" for k in range(2, r["pages"] + 1)]
if r["pages"] < 2:
    fail.append("the list did not continue on a second page")
for p in pngs:
    if not os.path.isfile(p) or p not in r["outputs"]:
        fail.append(f"{p}: page {pngs.index(p) + 1} of {r['pages']} has no PNG (or the report does not list it)")
crowded = [d for d in r["diagnostics"] if d.get("stage") == "layout" and d["severity"] != "info"]
if crowded:
    fail.append(f"{len(crowded)} numbered markers found no free spot, e.g. {crowded[0]['message']}")
if missing:
    fail.append(f"{len(missing)} names missing from the PDF text, e.g. {missing[:5]}")
if no_text:
    fail.append(f"{len(no_text)} callout texts missing from the PDF text, e.g. {no_text[:5]}")
print(f"dense sheet: {c['requested']} callouts: {c['in_map']} in map, {c['margin']} margin, {c['list']} listed; "
      f"overlaps {c['overlaps']}, crossings {c['crossings']}, solve {c['solve_ms']} ms")
if fail:
    print("\n".join("FAIL: " + f for f in fail)); sys.exit(1)
print("e2e dense_sheet: all checks passed")
PY
