#!/usr/bin/env bash
# End-to-end: the CLI's exit codes and messages for usage, configuration, input and
# output errors. Each error names the file (and key) concerned and writes no output.
#   usage: cli_errors.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -uo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"
fail=0

expect() {  # expect CODE PATTERN -- command...
  local code=$1 pattern=$2; shift 3
  "$@" >"$out/o.txt" 2>"$out/e.txt"; local rc=$?
  if [ "$rc" != "$code" ]; then
    echo "FAIL: '$*' exited $rc, expected $code"; cat "$out/e.txt"; fail=1; return
  fi
  if ! grep -q -- "$pattern" "$out/e.txt" "$out/o.txt"; then
    echo "FAIL: '$*' did not say '$pattern':"; cat "$out/e.txt"; fail=1; return
  fi
  echo "ok: exit $rc: $(head -c 200 "$out/e.txt" | head -1)"
}

expect 0 "Example" -- "$ipmap" render --help
expect 2 "map is required" -- "$ipmap" render
expect 2 "" -- "$ipmap" render maps/shiribeshi.toml --dpi 0
expect 2 "unknown format" -- "$ipmap" render maps/shiribeshi.toml --format svg
expect 1 "nope.toml: file not found" -- "$ipmap" render maps/nope.toml -o "$out/x"
expect 1 "is not a fiscal year" -- "$ipmap" render maps/shiribeshi.toml --fiscal-year 令和0年度 -o "$out/x"
expect 1 "no layer with id 'wroks'" -- "$ipmap" render maps/shiribeshi.toml --source wroks=/tmp/x.gpkg -o "$out/x"
expect 1 "missing.gpkg" -- "$ipmap" render maps/shiribeshi.toml --source works="$out/missing.gpkg" -o "$out/x"
[ -e "$out/x/shiribeshi.pdf" ] && { echo "FAIL: partial output after an input error"; fail=1; }

# atlas: a bad option value is a usage error that names the option, not the map file.
expect 2 "--page: unknown page size \"A9\"" -- "$ipmap" atlas maps/shiribeshi.toml --page A9 --progress none -o "$out/a"
expect 2 "--by: no base layer with id 'nosuch'" -- "$ipmap" atlas maps/shiribeshi.toml --by nosuch --progress none -o "$out/a"
grep -q "base layers: .*municipalities" "$out/e.txt" || { echo "FAIL: --by nosuch does not list the base layers"; cat "$out/e.txt"; fail=1; }
if grep -q "atlas.layer" "$out/e.txt"; then echo "FAIL: --by nosuch blames the map's atlas.layer"; cat "$out/e.txt"; fail=1; fi
expect 2 "--by: .*'works' is not a base layer" -- "$ipmap" atlas maps/shiribeshi.toml --by works --progress none -o "$out/a"
[ -z "$(find "$out/a" -name '*.pdf' 2>/dev/null)" ] || { echo "FAIL: an atlas usage error rendered sheets"; fail=1; }

mkdir -p "$out/ro" && chmod 555 "$out/ro"
if [ "$(id -u)" != 0 ]; then
  expect 4 "$out/ro" -- "$ipmap" render maps/shiribeshi.toml -o "$out/ro" --format pdf
fi
# A file where the output folder should be.
touch "$out/file"
expect 4 "$out/file" -- "$ipmap" render maps/shiribeshi.toml -o "$out/file" --format pdf

[ $fail = 0 ] && echo "e2e cli_errors: all checks passed"
exit $fail
