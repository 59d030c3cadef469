#!/usr/bin/env bash
# End-to-end: the Shiribeshi atlas, whole and in shards.
#  - the whole atlas gives 20 PDFs, 20 PNGs, a 21-page combined PDF and an index;
#  - -j 1 and -j 2 give byte-identical sheets, combined PDF (contents page first) and CSV
#    index, and reports and JSON index that differ only in their timing fields;
#  - 3 shards run as separate processes cover every sheet exactly once, and
#    `ipmap merge` builds the same 21-page document (byte for byte) and index from them.
#   usage: atlas_shards.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"
common=(maps/shiribeshi.toml --page A4 --dpi 60 --progress lines)

"$ipmap" atlas "${common[@]}" -j 2 -o "$out/full" >"$out/full.log" 2>&1 || { cat "$out/full.log"; exit 1; }
n_pdf=$(ls "$out/full"/0*.pdf | wc -l); n_png=$(ls "$out/full"/0*.png | wc -l)
pages=$(pdfinfo "$out/full/atlas.pdf" | awk '/^Pages:/{print $2}')
echo "full atlas: $n_pdf PDFs, $n_png PNGs, combined $pages pages"
[ "$n_pdf" = 20 ] && [ "$n_png" = 20 ] && [ "$pages" = 21 ] || { echo "FAIL: expected 20 PDFs, 20 PNGs, 21 pages"; exit 1; }
[ -f "$out/full/01403_泊村.pdf" ] && [ -f "$out/full/01203_小樽市.png" ] || { echo "FAIL: sheet names"; exit 1; }
[ "$(tail -n +2 "$out/full/atlas_index.csv" | wc -l)" = 20 ] || { echo "FAIL: index.csv rows"; exit 1; }
pdftotext -raw "$out/full/atlas.pdf" "$out/full.txt"; grep -q "泊村.*インフラ整備進捗図" "$out/full.txt" || { echo "FAIL: combined PDF text lacks a sheet title"; exit 1; }

pdftotext -f 1 -l 1 "$out/full/atlas.pdf" - | grep -q "目次" || { echo "FAIL: the combined PDF does not open with its contents page"; exit 1; }

"$ipmap" atlas "${common[@]}" -j 1 -o "$out/j1" >/dev/null 2>&1
for f in "$out"/full/0*.pdf "$out"/full/0*.png "$out/full/atlas.pdf" "$out/full/atlas_index.csv"; do
  b=$(basename "$f")
  cmp -s "$out/j1/$b" "$f" || { echo "FAIL: $b differs between -j 1 and -j 2"; exit 1; }
done
# The reports and the JSON index differ only in their timings (as the README says:
# callouts.solve_ms in each report, each sheet's seconds in the index) and, the two runs
# writing to different folders, in the folder of the reports' outputs.
python3 - "$out/j1" "$out/full" <<'PY'
import glob, json, os, sys
a, b = sys.argv[1], sys.argv[2]
def untimed(path):
    j = json.load(open(path, encoding="utf-8"))
    if "callouts" in j:
        assert "solve_ms" in j["callouts"], path
        del j["callouts"]["solve_ms"]
    if "outputs" in j:
        assert all(os.path.abspath(os.path.dirname(o)) == os.path.dirname(os.path.abspath(path)) for o in j["outputs"]), j["outputs"]
        j["outputs"] = [os.path.basename(o) for o in j["outputs"]]
    for s in j.get("sheets", []):
        assert "seconds" in s, path
        del s["seconds"]
    return j
names = sorted(os.path.basename(p) for p in glob.glob(f"{b}/0*.report.json")) + ["atlas_index.json"]
assert len(names) == 21, names
for n in names:
    assert untimed(f"{a}/{n}") == untimed(f"{b}/{n}"), f"{n} differs between -j 1 and -j 2 beyond its timings"
print(f"-j 1 and -j 2: {len(names)} reports and the JSON index identical but for their timings")
PY
echo "-j 1 and -j 2: identical sheets, combined PDF and CSV index"

pids=()
for k in 0 1 2; do
  "$ipmap" atlas "${common[@]}" -j 1 --shard $k/3 -o "$out/shard$k" >"$out/shard$k.log" 2>&1 & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
full = json.load(open(f"{out}/full/atlas_index.json", encoding="utf-8"))
ids = []
for k in range(3):
    ix = json.load(open(f"{out}/shard{k}/atlas_index.shard-{k}-of-3.json", encoding="utf-8"))
    assert ix["shard"] == {"index": k, "count": 3}, ix["shard"]
    ids += [s["id"] for s in ix["sheets"]]
want = sorted(s["id"] for s in full["sheets"])
assert sorted(ids) == want, f"shards cover {sorted(ids)}, want {want}"
assert len(ids) == len(set(ids)) == 20, "a sheet rendered twice"
print(f"3 shards: {len(ids)} sheets, each once")
PY
for k in 0 1 2; do
  for f in "$out/shard$k"/0*.png; do
    cmp -s "$f" "$out/full/$(basename "$f")" || { echo "FAIL: $(basename "$f") differs between shard and full run"; exit 1; }
  done
done
"$ipmap" merge -o "$out/merged" "$out/shard0" "$out/shard1" "$out/shard2" >"$out/merge.log"
pages=$(pdfinfo "$out/merged/atlas.pdf" | awk '/^Pages:/{print $2}')
[ "$pages" = 21 ] || { echo "FAIL: merged PDF has $pages pages"; exit 1; }
cmp -s "$out/merged/atlas.pdf" "$out/full/atlas.pdf" || { echo "FAIL: merged atlas.pdf differs from the full run's"; exit 1; }
# A missing shard is an error that names it.
if "$ipmap" merge -o "$out/merged2" "$out/shard0" "$out/shard2" >"$out/merge2.log" 2>&1; then
  echo "FAIL: merge accepted a missing shard"; exit 1
fi
grep -q "missing shards 1/3" "$out/merge2.log" || { cat "$out/merge2.log"; echo "FAIL: missing shard not named"; exit 1; }
echo "e2e atlas_shards: all checks passed"
