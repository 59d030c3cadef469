#!/usr/bin/env bash
# End-to-end: crs = "auto" puts each Hokkaido sheet in its plane rectangular zone from the
# real municipality data (小樽市 XI, 札幌市 XII, 帯広市 XIII, 倶知安町 XI); with N03's own
# column names the subprefecture is mapped in [fields] (subpref = "N03_002"), and when it is
# not mapped the run stops with an error naming the layer and the field instead of guessing.
#   usage: atlas_auto_zone.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"
data=$(cd ../shared/data && pwd)
common=(--by hokkaido --only 01203,01100,01207,01400 --page A4 --format pdf --dpi 20 -j 2 --progress none)
auto_map() {  # auto_map CONTEXT_LAYER_TOML > map: the Shiribeshi map, crs = "auto", another context layer
  sed -e "s|\"\.\./layers/hokkaido_context.toml\"|\"$1\"|" -e "s|\"\.\./|\"$src/|g" \
      -e 's/^crs = "EPSG:6679".*/crs = "auto"/' maps/shiribeshi.toml
}
check_zones() {  # check_zones INDEX
  python3 - "$1" <<'PY'
import json, sys
ix = json.load(open(sys.argv[1], encoding="utf-8"))
got = {s["id"]: s["crs"] for s in ix["sheets"]}
want = {"01203": "EPSG:6679", "01100": "EPSG:6680", "01207": "EPSG:6681", "01400": "EPSG:6679"}
assert got == want, f"zones {got}, want {want}"
assert all(s["state"] == "rendered" for s in ix["sheets"]), ix["sheets"]
print("zones:", ", ".join(f"{s['name']} {s['crs']}" for s in ix["sheets"]))
PY
}

# 1. The bundled data (its column is called subpref and layers/hokkaido_context.toml maps it).
auto_map "$src/layers/hokkaido_context.toml" >"$out/auto.toml"
grep -q '^crs = "auto"' "$out/auto.toml" || { echo "FAIL: could not make the auto map"; exit 1; }
"$ipmap" atlas "$out/auto.toml" "${common[@]}" -o "$out/bundled" >"$out/bundled.log" 2>&1 || { cat "$out/bundled.log"; exit 1; }
check_zones "$out/bundled/atlas_index.json"

# 2. The same municipalities with N03's column names.
ogr2ogr -f GPKG "$out/n03.gpkg" "$data/hokkaido_municipalities.gpkg" -dialect OGRSQL -nln N03 \
  -sql "SELECT pref AS N03_001, subpref AS N03_002, county AS N03_003, name AS N03_004, code AS N03_007 FROM municipalities"
layer() {  # layer EXTRA_FIELDS_LINE
  cat <<TOML
[layer]
id = "hokkaido"
kind = "base"
source = "$out/n03.gpkg"
name = "N03"
filter = "N03_007 NOT IN ('01695','01696','01697','01698','01699','01700')"
crs = "EPSG:6668"
style = "context"

[fields]
code = "N03_007"
name = "N03_004"
$1
TOML
}
layer 'subpref = "N03_002"' >"$out/n03_mapped.toml"
auto_map "$out/n03_mapped.toml" >"$out/auto_n03_mapped.toml"
"$ipmap" atlas "$out/auto_n03_mapped.toml" "${common[@]}" -o "$out/n03_mapped" >"$out/n03_mapped.log" 2>&1 || { cat "$out/n03_mapped.log"; exit 1; }
check_zones "$out/n03_mapped/atlas_index.json"

layer '' >"$out/n03_unmapped.toml"
auto_map "$out/n03_unmapped.toml" >"$out/auto_n03_unmapped.toml"
set +e
"$ipmap" atlas "$out/auto_n03_unmapped.toml" "${common[@]}" -o "$out/n03_unmapped" >"$out/n03_unmapped.log" 2>&1
rc=$?
set -e
[ "$rc" = 1 ] || { cat "$out/n03_unmapped.log"; echo "FAIL: an unmapped subprefecture gave exit $rc (expected 1)"; exit 1; }
for want in n03_unmapped.toml subpref "layer 'hokkaido'"; do
  grep -qF "$want" "$out/n03_unmapped.log" || { cat "$out/n03_unmapped.log"; echo "FAIL: the error does not name $want"; exit 1; }
done
[ -z "$(find "$out/n03_unmapped" -name '0*.pdf' 2>/dev/null)" ] || { echo "FAIL: sheets rendered in a guessed zone"; exit 1; }

# A mapping that names no column is told apart.
layer 'subpref = "N03_002x"' >"$out/n03_typo.toml"
auto_map "$out/n03_typo.toml" >"$out/auto_n03_typo.toml"
if "$ipmap" atlas "$out/auto_n03_typo.toml" "${common[@]}" -o "$out/n03_typo" >"$out/n03_typo.log" 2>&1; then
  echo "FAIL: a subpref mapping to a missing column was accepted"; exit 1
fi
grep -qF 'N03_002x' "$out/n03_typo.log" || { cat "$out/n03_typo.log"; echo "FAIL: the bad column is not named"; exit 1; }
echo "e2e atlas_auto_zone: all checks passed"
