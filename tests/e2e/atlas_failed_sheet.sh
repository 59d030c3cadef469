#!/usr/bin/env bash
# End-to-end: one bad sheet is reported and the rest still render; the exit code says some
# failed. With crs = "auto", a municipality whose subprefecture is not a Hokkaido one
# cannot be given a zone: that sheet fails with a message naming the file, row and field,
# the other two render, the index (JSON and CSV) marks it failed, atlas.pdf holds the two
# rendered sheets, and the exit code is 3. The message is printed once, not twice.
#   usage: atlas_failed_sheet.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"
data=$(cd ../shared/data && pwd)

# Three municipalities of the real data; 島牧村 (01391) gets an unknown subprefecture.
python3 - "$data/shiribeshi_municipalities.geojson" "$out/three.geojson" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
keep = {"01203", "01391", "01403"}
d["features"] = [f for f in d["features"] if f["properties"]["code"] in keep]
assert len(d["features"]) == 3, [f["properties"]["code"] for f in d["features"]]
for f in d["features"]:
    if f["properties"]["code"] == "01391":
        f["properties"]["subpref"] = "XX振興局"
d.pop("bbox", None)
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
sed -e "s|\"\.\./|\"$src/|g" -e 's/^crs = "EPSG:6679".*/crs = "auto"/' maps/shiribeshi.toml >"$out/auto.toml"
grep -q '^crs = "auto"' "$out/auto.toml" || { echo "FAIL: could not make the auto map"; exit 1; }

run() {  # run NAME PROGRESS : the atlas of the three municipalities into $out/NAME
  set +e
  "$ipmap" atlas "$out/auto.toml" --source municipalities="$out/three.geojson" --page A4 --format pdf,png --dpi 20 -j 2 \
    --progress "$2" -o "$out/$1" >"$out/$1.out" 2>"$out/$1.err"
  rc=$?
  set -e
}
run lines lines
[ "$rc" = 3 ] || { cat "$out/lines.out" "$out/lines.err"; echo "FAIL: exit $rc, expected 3 (some sheets failed)"; exit 1; }

python3 - "$out/lines" "$out/three.geojson" <<'PY'
import csv, json, os, sys
d, src = sys.argv[1], sys.argv[2]
ix = json.load(open(f"{d}/atlas_index.json", encoding="utf-8"))
state = {s["id"]: s["state"] for s in ix["sheets"]}
assert state == {"01203": "rendered", "01391": "failed", "01403": "rendered"}, state
assert ix["failed"] == 1, ix["failed"]
bad = next(s for s in ix["sheets"] if s["id"] == "01391")
for want in (src, "row ", "subpref", "XX振興局"):
    assert want in bad["error"], f"the error does not name {want!r}: {bad['error']}"
for s in ix["sheets"]:
    if s["state"] == "rendered":
        for f in s["files"]:
            assert os.path.getsize(f"{d}/{f}") > 0, f"{f} missing"
assert not os.path.exists(f"{d}/{bad['stem']}.pdf"), "the failed sheet left a PDF"
rows = {r["id"]: r for r in csv.DictReader(open(f"{d}/atlas_index.csv", encoding="utf-8"))}
assert rows["01391"]["state"] == "failed" and "subpref" in rows["01391"]["error"], rows["01391"]
assert rows["01203"]["state"] == rows["01403"]["state"] == "rendered", rows
print("index: 01391 failed:", bad["error"])
PY
ls "$out/lines/01203_小樽市.pdf" "$out/lines/01403_泊村.pdf" "$out/lines/01203_小樽市.png" "$out/lines/01403_泊村.png" >/dev/null

# atlas.pdf: the contents page and the two rendered sheets, not the failed one.
want_pages=$(( 1 + $(pdfinfo "$out/lines/01203_小樽市.pdf" | awk '/^Pages:/{print $2}') + $(pdfinfo "$out/lines/01403_泊村.pdf" | awk '/^Pages:/{print $2}') ))
pages=$(pdfinfo "$out/lines/atlas.pdf" | awk '/^Pages:/{print $2}')
[ "$pages" = "$want_pages" ] || { echo "FAIL: atlas.pdf has $pages pages, expected $want_pages"; exit 1; }
pdftotext -f 2 "$out/lines/atlas.pdf" "$out/sheets.txt"
grep -q "小樽市" "$out/sheets.txt" && grep -q "泊村" "$out/sheets.txt" || { echo "FAIL: atlas.pdf lacks a rendered sheet"; exit 1; }
if grep -q "島牧村　インフラ整備進捗図" "$out/sheets.txt"; then echo "FAIL: atlas.pdf holds the failed sheet"; exit 1; fi

# stderr: the failure's message once (on its progress line), and a summary naming the sheet.
n=$(grep -c "XX振興局" "$out/lines.err" || true)
[ "$n" = 1 ] || { cat "$out/lines.err"; echo "FAIL: the failure's message is printed $n times on stderr, expected once"; exit 1; }
grep -q "01391_島牧村 FAILED" "$out/lines.err" || { cat "$out/lines.err"; echo "FAIL: no progress line for the failed sheet"; exit 1; }
grep -q "1 sheet failed: 01391" "$out/lines.err" || { cat "$out/lines.err"; echo "FAIL: no summary naming the failed sheet"; exit 1; }
grep -q "atlas: 3 sheets: 2 rendered, 0 up to date, 1 failed" "$out/lines.out" || { cat "$out/lines.out"; echo "FAIL: summary line"; exit 1; }

# Without progress lines the message is still printed, once.
run quiet none
[ "$rc" = 3 ] || { cat "$out/quiet.err"; echo "FAIL: --progress none: exit $rc, expected 3"; exit 1; }
n=$(grep -c "XX振興局" "$out/quiet.err" || true)
[ "$n" = 1 ] || { cat "$out/quiet.err"; echo "FAIL: --progress none prints the failure's message $n times, expected once"; exit 1; }
grep -q "sheet 01391_島牧村 failed" "$out/quiet.err" || { cat "$out/quiet.err"; echo "FAIL: --progress none does not name the failed sheet"; exit 1; }
echo "e2e atlas_failed_sheet: all checks passed"
