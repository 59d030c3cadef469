#!/usr/bin/env bash
# End-to-end: works and the highlight follow the coverage feature's municipality code, not
# the sheet id: with [atlas] id_field = "name" the 泊村 sheet has the same works as by code
# and 泊村 stands out; with --by hokkaido (the all-Hokkaido context layer) 札幌市 stands out.
#   usage: atlas_coverage_codes.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"
common=(--page A4 --format pdf -j 2 --progress none)
# The Shiribeshi map keyed by name (absolute paths: the copy lives in $out).
sed -e "s|\"\.\./|\"$src/|g" -e 's/^id_field = "code"/id_field = "name"/' maps/shiribeshi.toml >"$out/byname.toml"
grep -q '^id_field = "name"' "$out/byname.toml" || { echo "FAIL: could not make the name-keyed map"; exit 1; }

"$ipmap" atlas maps/shiribeshi.toml --only 01403 "${common[@]}" -o "$out/bycode" >"$out/bycode.log" 2>&1
"$ipmap" atlas "$out/byname.toml" --only 泊村 "${common[@]}" -o "$out/byname" >"$out/byname.log" 2>&1
"$ipmap" atlas maps/shiribeshi.toml --by hokkaido --only 01100 "${common[@]}" -o "$out/byhokkaido" >"$out/byhokkaido.log" 2>&1

python3 - "$out" <<'PY'
import json, subprocess, sys
out = sys.argv[1]
def sheet(d):
    ix = json.load(open(f"{out}/{d}/atlas_index.json", encoding="utf-8"))
    assert len(ix["sheets"]) == 1 and ix["sheets"][0]["state"] == "rendered", ix["sheets"]
    return ix["sheets"][0]
def works(d, stem):
    return sorted(w["id"] for w in json.load(open(f"{out}/{d}/{stem}.report.json", encoding="utf-8"))["works"])
a, b = sheet("bycode"), sheet("byname")
assert a["works"] > 1, a
assert (b["works"], b["callouts"]) == (a["works"], a["callouts"]), (a, b)
assert works("bycode", a["stem"]) == works("byname", b["stem"])

# The focus fill (styles/progress.toml [class.municipality_focus] fill = "#fffdf6") covers
# a good part of the map when the sheet's municipality is highlighted.
def focus_share(pdf):
    data = subprocess.run(["pdftoppm", "-r", "25", "-singlefile", pdf], capture_output=True, check=True).stdout
    magic, dims, maxval, px = data.split(b"\n", 3)
    w, h = map(int, dims.split())
    want = (0xff, 0xfd, 0xf6)
    n = sum(1 for i in range(0, w * h * 3, 3) if all(abs(px[i + k] - want[k]) <= 1 for k in range(3)))
    return n / (w * h)
for d, s in (("bycode", a), ("byname", b), ("byhokkaido", sheet("byhokkaido"))):
    share = focus_share(f"{out}/{d}/{s['stem']}.pdf")
    print(f"{d}: {s['name']} focus fill {share:.1%} of the page")
    assert share > 0.02, f"{d}: {s['name']} is not highlighted"
PY
echo "e2e atlas_coverage_codes: all checks passed"
