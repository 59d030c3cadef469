#!/usr/bin/env bash
# End-to-end: --where and --only are checked, not ignored: `--where foo` (no '=') is a usage
# error that renders nothing; `--only "01403, 01203"` tolerates the space; an unknown id is
# named once, under its option.
#   usage: atlas_selection.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"
common=(maps/shiribeshi.toml --page A4 --dpi 20 --format pdf -j 2 --progress none)

run() {  # run NAME EXPECTED_RC ARGS...
  local name=$1 want=$2; shift 2
  set +e; "$ipmap" atlas "${common[@]}" -o "$out/$name" "$@" >"$out/$name.log" 2>&1; local rc=$?; set -e
  [ "$rc" = "$want" ] || { cat "$out/$name.log"; echo "FAIL: $name: exit $rc, expected $want"; exit 1; }
}
pdfs() { find "$out/$1" -name '0*.pdf' 2>/dev/null | wc -l; }

run where_no_eq 2 --where foo
grep -q -- "--where: expected FIELD=VALUE" "$out/where_no_eq.log" || { cat "$out/where_no_eq.log"; echo "FAIL: --where foo not explained"; exit 1; }
[ "$(pdfs where_no_eq)" = 0 ] || { echo "FAIL: --where foo rendered sheets"; exit 1; }

run where_unknown_field 2 --where foo=bar
grep -q "no field 'foo'" "$out/where_unknown_field.log" || { cat "$out/where_unknown_field.log"; echo "FAIL: unknown field not named"; exit 1; }

run where_ok 0 --where "name=泊村"
[ "$(pdfs where_ok)" = 1 ] || { echo "FAIL: --where name=泊村 did not give one sheet"; exit 1; }

run only_spaces 0 --only "01403, 01203"
[ "$(pdfs only_spaces)" = 2 ] || { echo "FAIL: --only with a space did not give two sheets"; exit 1; }

# The summary counts in the singular and plural and, unsharded, says nothing of shards.
grep -q "^atlas: 1 sheet: 1 rendered, 0 up to date, 0 failed$" "$out/where_ok.log" || { cat "$out/where_ok.log"; echo "FAIL: one sheet's summary"; exit 1; }
grep -q "^atlas: 2 sheets: 2 rendered, 0 up to date, 0 failed$" "$out/only_spaces.log" || { cat "$out/only_spaces.log"; echo "FAIL: two sheets' summary"; exit 1; }
if grep -q "shard" "$out/where_ok.log" "$out/only_spaces.log"; then echo "FAIL: an unsharded run mentions shards"; exit 1; fi
run shard_1 0 --only "01403, 01203" --shard 1/2
grep -q "^atlas: shard 1/2: 1 sheet of 2: 1 rendered, 0 up to date, 0 failed$" "$out/shard_1.log" || { cat "$out/shard_1.log"; echo "FAIL: a shard's summary"; exit 1; }

run only_unknown 2 --only 01403,99999
grep -q "99999" "$out/only_unknown.log" || { echo "FAIL: the unknown id is not named"; exit 1; }
[ "$(grep -o -- '--only' "$out/only_unknown.log" | wc -l)" = 1 ] || { cat "$out/only_unknown.log"; echo "FAIL: --only named more than once"; exit 1; }
echo "e2e atlas_selection: all checks passed"
