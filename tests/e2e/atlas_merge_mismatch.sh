#!/usr/bin/env bash
# End-to-end: `ipmap merge` takes only shards of one atlas. Shards made with another --dpi,
# fiscal year, map or input file are refused (exit 1) with a message that names both
# shards' index files and what differs; the shard K/N itself is no difference, so the
# shards of one run still merge.
#   usage: atlas_merge_mismatch.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"
common=(--only 01403,01203 --page A4 --format pdf -j 1 --progress none)
shard() {  # shard NAME K/N DPI ARGS... : one shard run into $out/NAME
  local name=$1 k=$2 dpi=$3; shift 3
  "$ipmap" atlas "$@" "${common[@]}" --dpi "$dpi" --shard "$k" -o "$out/$name" >"$out/$name.log" 2>&1 || { cat "$out/$name.log"; exit 1; }
}
shard s0 0/2 20 maps/shiribeshi.toml
shard s1 1/2 20 maps/shiribeshi.toml

# The normal case: the two shards of one atlas merge.
"$ipmap" merge -o "$out/merged" "$out/s0" "$out/s1" >"$out/merged.log" 2>&1 || { cat "$out/merged.log"; echo "FAIL: shards of one atlas did not merge"; exit 1; }
[ "$(pdfinfo "$out/merged/atlas.pdf" | awk '/^Pages:/{print $2}')" = 3 ] || { echo "FAIL: merged atlas.pdf should have 3 pages"; exit 1; }
echo "ok: the shards of one atlas merge"

refused() {  # refused NAME WANT... : merging s0 with shard NAME fails, naming both indexes and each WANT
  local name=$1; shift
  set +e; "$ipmap" merge -o "$out/m_$name" "$out/s0" "$out/$name" >"$out/m_$name.log" 2>&1; local rc=$?; set -e
  [ "$rc" = 1 ] || { cat "$out/m_$name.log"; echo "FAIL: merge with shard $name exited $rc, expected 1"; exit 1; }
  for want in "$out/s0/atlas_index.shard-0-of-2.json" "$out/$name/atlas_index.shard-1-of-2.json" "$@"; do
    grep -qF -- "$want" "$out/m_$name.log" || { cat "$out/m_$name.log"; echo "FAIL: merge with shard $name does not name '$want'"; exit 1; }
  done
  [ ! -e "$out/m_$name/atlas.pdf" ] || { echo "FAIL: merge with shard $name wrote atlas.pdf"; exit 1; }
  echo "ok: refused $name: $(grep -m1 ipmap "$out/m_$name.log" | head -c 300)"
}

# Another --dpi (the old check compared sheets, fiscal year, shard count and page only).
shard dpi 1/2 30 maps/shiribeshi.toml
refused dpi "dpi=20" "dpi=30"

# Another fiscal year.
shard fy 1/2 20 maps/shiribeshi.toml --fiscal-year 令和5年度
refused fy "fiscal_year=2024" "fiscal_year=2023"

# Another map file (the same map under another name and title).
sed -e 's|"\.\./|"'"$src"'/|g' -e 's/^title = .*/title = "別の図"/' maps/shiribeshi.toml >"$out/other.toml"
shard othermap 1/2 20 "$out/other.toml"
refused othermap "map=" "other.toml"

# The same settings but a changed input file (a copy of the works register, edited later).
works=$(sed -n 's/^source = "\(.*\)"/\1/p' layers/works_sample.toml)
case "$works" in /*) ;; *) works="$src/layers/$works" ;; esac
cp -p "$works" "$out/works_copy.${works##*.}"
shard w0 0/2 20 maps/shiribeshi.toml --source works="$out/works_copy.${works##*.}"
touch -d '2001-01-01' "$out/works_copy.${works##*.}"
shard w1 1/2 20 maps/shiribeshi.toml --source works="$out/works_copy.${works##*.}"
set +e; "$ipmap" merge -o "$out/m_w" "$out/w0" "$out/w1" >"$out/m_w.log" 2>&1; rc=$?; set -e
[ "$rc" = 1 ] || { cat "$out/m_w.log"; echo "FAIL: merge across a changed input exited $rc, expected 1"; exit 1; }
grep -qF "works_copy" "$out/m_w.log" || { cat "$out/m_w.log"; echo "FAIL: the changed input is not named"; exit 1; }
echo "ok: refused a changed input: $(grep -m1 ipmap "$out/m_w.log" | head -c 300)"
echo "e2e atlas_merge_mismatch: all checks passed"
