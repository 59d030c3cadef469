#!/usr/bin/env bash
# End-to-end: an atlas sheet whose numbered list continues on more pages. The index lists
# every page's PNG (NAME.png, NAME-2.png ...), --resume renders the sheet again when one of
# them is missing, and a later run with fewer pages removes the earlier run's extra
# NAME-K.png, so that the folder, the report and the index agree.
#   usage: atlas_pages.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"

# N works without geometry, all in 倶知安町: most of them end up in the numbered list.
crowd() {
  python3 - "$src" "$1" "$2" <<'PY'
import copy, json, sys
src, n, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
reg = json.load(open(f"{src}/data/shiribeshi_works_sample.geojson", encoding="utf-8"))
base = next(f for f in reg["features"] if f["geometry"] is None)
feats = []
for i in range(n):
    f = copy.deepcopy(base)
    f["properties"].update({"事業ID": f"X-{i:03d}", "事業名": f"仮の事業{i}", "市町村コード": "01400"})
    feats.append(f)
reg["features"] = feats
json.dump(reg, open(dst, "w", encoding="utf-8"), ensure_ascii=False)
PY
}
crowd 150 "$out/many.geojson"
crowd 60 "$out/fewer.geojson"
stem=01400_倶知安町
args=(maps/shiribeshi.toml --only 01400 --page A4 --dpi 30 -j 1 --progress none -o "$out/atlas")

# Checks the index against the folder and the sheet's report; prints "<state> <pages>".
check() {
  python3 - "$out/atlas" "$stem" <<'PY'
import glob, json, os, re, sys
d, stem = sys.argv[1], sys.argv[2]
ix = json.load(open(f"{d}/atlas_index.json", encoding="utf-8"))
s = ix["sheets"][0]
rep = json.load(open(f"{d}/{stem}.report.json", encoding="utf-8"))
fail = []
pngs = [f"{stem}.png"] + [f"{stem}-{k}.png" for k in range(2, rep["pages"] + 1)]
if s["pages"] != rep["pages"]:
    fail.append(f"index says {s['pages']} pages, the report {rep['pages']}")
if s["files"] != [f"{stem}.pdf"] + pngs + [f"{stem}.report.json"]:
    fail.append(f"index files {s['files']}, expected the PDF, {pngs} and the report")
on_disk = sorted(os.path.basename(p) for p in glob.glob(f"{d}/{stem}*.png"))
if on_disk != sorted(pngs):
    fail.append(f"folder holds {on_disk}, the sheet has {pngs}")
for f in s["files"]:
    if not os.path.isfile(f"{d}/{f}"):
        fail.append(f"{f} listed but missing")
csv = open(f"{d}/atlas_index.csv", encoding="utf-8").read()
if '"' + ";".join(pngs) + '"' not in csv:
    fail.append(f"the CSV's png column does not name {pngs}")
if fail:
    print("\n".join("FAIL: " + f for f in fail), file=sys.stderr)
    sys.exit(1)
print(s["state"], rep["pages"])
PY
}

"$ipmap" atlas "${args[@]}" --source works="$out/many.geojson" >"$out/run1.log"
read -r state pages < <(check)
echo "run 1: $state, $pages pages"
[ "$state" = rendered ] && [ "$pages" -ge 3 ] || { echo "FAIL: expected a rendered sheet of 3+ pages"; exit 1; }

"$ipmap" atlas "${args[@]}" --source works="$out/many.geojson" --resume >"$out/run2.log"
read -r state p2 < <(check)
echo "run 2 (--resume): $state"
[ "$state" = skipped ] && [ "$p2" = "$pages" ] || { echo "FAIL: --resume did not keep the complete sheet"; exit 1; }

rm "$out/atlas/$stem-2.png"
"$ipmap" atlas "${args[@]}" --source works="$out/many.geojson" --resume >"$out/run3.log"
read -r state p3 < <(check)
echo "run 3 (--resume, page 2's PNG deleted): $state"
[ "$state" = rendered ] || { echo "FAIL: --resume kept a sheet whose second page's PNG is missing"; exit 1; }

"$ipmap" atlas "${args[@]}" --source works="$out/fewer.geojson" >"$out/run4.log"
read -r state p4 < <(check)
echo "run 4 (fewer works): $state, $p4 pages"
[ "$p4" -lt "$pages" ] || { echo "FAIL: the smaller register did not give fewer pages ($p4)"; exit 1; }
echo "e2e atlas_pages: all checks passed"
