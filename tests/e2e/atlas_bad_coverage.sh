#!/usr/bin/env bash
# End-to-end: a coverage feature with no area (null geometry, a point, an empty polygon, a
# collapsed one) fails its sheet with an error naming the file, row, id and what is wrong,
# instead of a blank "rendered" sheet at 1:7; the other sheets render (exit 3), and their
# overview inset is not stretched by the bad features: each good sheet's PDF is the same
# file as in a run without them.
#   usage: atlas_bad_coverage.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"
python3 - ../shared/data/shiribeshi_municipalities.geojson "$out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
good = [f for f in d["features"] if f["properties"]["code"] in ("01203", "01400", "01403")]
assert len(good) == 3, len(good)
def bad(code, geometry):
    return {"type": "Feature", "properties": dict(good[0]["properties"], code=code, name="不良" + code), "geometry": geometry}
# 90002, a point far to the east, would stretch every sheet's inset if it counted.
flat = {"type": "Polygon", "coordinates": [[[140.5, 43.0], [140.6, 43.1], [140.7, 43.2], [140.5, 43.0]]]}
mixed = [good[0], bad("90001", None), good[1], bad("90002", {"type": "Point", "coordinates": [145.5, 44.0]}), good[2],
         bad("90003", {"type": "Polygon", "coordinates": []}), bad("90004", flat)]
for name, fs in (("good", good), ("mixed", mixed)):
    json.dump(dict(d, features=fs), open(f"{sys.argv[2]}/{name}.geojson", "w", encoding="utf-8"), ensure_ascii=False)
PY
run() {  # run NAME EXPECTED_RC
  set +e
  "$ipmap" atlas maps/shiribeshi.toml --source "municipalities=$out/$1.geojson" --page A4 --dpi 20 --format pdf -j 2 \
    --progress none -o "$out/$1" >"$out/$1.log" 2>&1
  local rc=$?; set -e
  [ "$rc" = "$2" ] || { cat "$out/$1.log"; echo "FAIL: $1: exit $rc, expected $2"; exit 1; }
}
run good 0
run mixed 3
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
ix = {s["id"]: s for s in json.load(open(f"{out}/mixed/atlas_index.json", encoding="utf-8"))["sheets"]}
assert sorted(ix) == ["01203", "01400", "01403", "90001", "90002", "90003", "90004"], sorted(ix)
for sid, row, why in (("90001", 2, "null or empty"), ("90002", 4, "not a polygon"), ("90003", 6, "null or empty"),
                      ("90004", 7, "null or empty")):  # the flat ring: MakeValid empties it at load
    s = ix[sid]
    assert s["state"] == "failed", (sid, s["state"])
    for want in ("mixed.geojson", f"row {row}", f"code = '{sid}'", why):
        assert want in s["error"], (sid, want, s["error"])
for sid in ("01203", "01400", "01403"):
    assert ix[sid]["state"] == "rendered", (sid, ix[sid]["state"], ix[sid].get("error"))
print("index: the four bad sheets failed, naming file, row, id and problem; the good ones rendered")
# The bad features' load warnings are the run's, tied to no work: listed once at the top of
# the index, in every sheet's report, but not counted as each good sheet's own.
full = json.load(open(f"{out}/mixed/atlas_index.json", encoding="utf-8"))
run = full["run_warnings"]
assert any("row 7" in w and "invalid geometry" in w for w in run), run
for sid in ("01203", "01400", "01403"):
    rep = json.load(open(f"{out}/mixed/{ix[sid]['stem']}.report.json", encoding="utf-8"))
    lines = [d for d in rep["diagnostics"] if d["severity"] != "info" and not d.get("id")]
    assert any(d.get("row") == 7 for d in lines), (sid, lines)
    assert not any(w in m for w in run for m in ix[sid]["warning_messages"]), (sid, ix[sid]["warning_messages"])
    assert ix[sid]["warnings"] == len(ix[sid]["warning_messages"]), sid
print("index: the run's own warnings listed once, not on every sheet")
PY
grep -q "row 4.*not a polygon" "$out/mixed.log" || { cat "$out/mixed.log"; echo "FAIL: the failure is not on stderr"; exit 1; }
for f in 01203_小樽市 01400_倶知安町 01403_泊村; do
  cmp -s "$out/good/$f.pdf" "$out/mixed/$f.pdf" || { echo "FAIL: $f.pdf differs from the run without bad features (inset stretched?)"; exit 1; }
done
echo "e2e atlas_bad_coverage: all checks passed"
