#!/usr/bin/env bash
# End-to-end: a misspelt [atlas] name_field or id_field is an error naming the map file, the
# key and the coverage layer's fields (with a suggestion), not sheets silently named by code
# alone; name_field = "" names them by id on purpose.
#   usage: atlas_field_names.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"
variant() {  # variant NAME KEY VALUE: maps/shiribeshi.toml with [atlas] KEY = VALUE, in $out
  sed -e "s#\"\\.\\./#\"$src/#" -e "s#^$2 = .*#$2 = \"$3\"#" maps/shiribeshi.toml >"$out/$1.toml"
  grep -q "^$2 = \"$3\"" "$out/$1.toml" || { echo "FAIL: could not set $2 in $1.toml"; exit 1; }
}
run() {  # run NAME EXPECTED_RC
  set +e
  "$ipmap" atlas "$out/$1.toml" --only 01403 --page A4 --dpi 20 --format pdf -j 1 --progress none -o "$out/$1" >"$out/$1.log" 2>&1
  local rc=$?; set -e
  [ "$rc" = "$2" ] || { cat "$out/$1.log"; echo "FAIL: $1: exit $rc, expected $2"; exit 1; }
}
expect() {  # expect NAME TEXT
  grep -qF -- "$2" "$out/$1.log" || { cat "$out/$1.log"; echo "FAIL: $1: no '$2' in the message"; exit 1; }
}
variant name_typo name_field nam
run name_typo 1
expect name_typo "$out/name_typo.toml: key 'atlas.name_field'"
expect name_typo "no field 'nam'"
expect name_typo "did you mean 'name'?"
expect name_typo "Fields: code, county, "
expect name_typo ", name, pref, subpref"
[ ! -e "$out/name_typo/01403.pdf" ] || { echo "FAIL: name_typo rendered a sheet"; exit 1; }

variant id_typo id_field cod
run id_typo 1
expect id_typo "key 'atlas.id_field'"
expect id_typo "did you mean 'code'?"

variant by_id name_field ""
run by_id 0
[ -e "$out/by_id/01403.pdf" ] || { ls "$out/by_id"; echo "FAIL: name_field = \"\" did not name the sheet by id"; exit 1; }
echo "e2e atlas_field_names: all checks passed"
