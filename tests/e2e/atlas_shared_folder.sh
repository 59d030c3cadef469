#!/usr/bin/env bash
# End-to-end: shards may share one output folder. Each writes its own index
# (atlas_index.shard-K-of-N.json), none removes another live process's temporary files (only
# those whose process is gone), and `ipmap merge` on that folder builds the same A3 atlas
# (contents page on the sheets' page, in their font) as a single run.
#   usage: atlas_shared_folder.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out/shared"
cd "$src"
common=(maps/shiribeshi.toml --only 01203,01400,01403,01404,01405,01406 --page A3 --dpi 30 --progress none)

"$ipmap" atlas "${common[@]}" -j 2 -o "$out/single" >"$out/single.log" 2>&1 || { cat "$out/single.log"; exit 1; }

# A temporary of a live process (another shard still writing) and one of a killed process.
sleep 600 & live=$!
trap 'kill $live 2>/dev/null || true' EXIT
sh -c 'exit 0' & dead=$!; wait $dead
# Names as ipmap writes them: .tmp-<pid>-<start ticks>-<hash of host name and pid namespace>-<thread>
# (src/core/temp_owner.hpp).
tmpname() {  # tmpname PID START
  python3 - "$1" "$2" <<'PY'
import os, socket, sys
h = 2166136261
for c in (socket.gethostname() + "|" + os.readlink("/proc/self/ns/pid")).encode():
    h = ((h ^ c) * 16777619) & 0xFFFFFFFF
print(f".tmp-{sys.argv[1]}-{sys.argv[2]}-{h:08x}-1")
PY
}
start_of() { python3 -c 'import sys; s=open(f"/proc/{sys.argv[1]}/stat").read(); print(s[s.rindex(")")+2:].split()[19])' "$1"; }
live_tmp="01999_live.pdf$(tmpname "$live" "$(start_of "$live")")"
dead_tmp="01999_dead.pdf$(tmpname "$dead" "$(start_of $$)")"
echo partial >"$out/shared/$live_tmp"
echo partial >"$out/shared/$dead_tmp"

pids=()
for k in 0 1 2; do
  "$ipmap" atlas "${common[@]}" -j 1 --shard $k/3 -o "$out/shared" >"$out/shard$k.log" 2>&1 & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || { cat "$out"/shard*.log; echo "FAIL: a shard failed"; exit 1; }; done

[ -f "$out/shared/$live_tmp" ] || { echo "FAIL: a live process's temporary file was removed"; exit 1; }
[ ! -e "$out/shared/$dead_tmp" ] || { echo "FAIL: a dead process's temporary file was left"; exit 1; }
kill $live 2>/dev/null || true
[ ! -e "$out/shared/atlas_index.json" ] || { echo "FAIL: a shard wrote the unsharded index name"; exit 1; }
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
ids = []
for k in range(3):
    ix = json.load(open(f"{out}/shared/atlas_index.shard-{k}-of-3.json", encoding="utf-8"))
    assert ix["shard"] == {"index": k, "count": 3}, ix["shard"]
    assert ix["page"]["size"] == "A3", ix["page"]
    ids += [s["id"] for s in ix["sheets"]]
assert sorted(ids) == ["01203", "01400", "01403", "01404", "01405", "01406"], ids
print("3 shards in one folder: 6 sheets, each once, 3 indexes")
PY

"$ipmap" merge -o "$out/merged" "$out/shared" >"$out/merge.log" 2>&1 || { cat "$out/merge.log"; exit 1; }
size() { pdfinfo -f 1 -l 1 "$1" | sed -n 's/^Page *1 size: *//p'; }
[ "$(size "$out/merged/atlas.pdf")" = "$(size "$out/single/atlas.pdf")" ] ||
  { echo "FAIL: merged contents page $(size "$out/merged/atlas.pdf"), single run $(size "$out/single/atlas.pdf")"; exit 1; }
cmp -s <(pdftotext "$out/merged/atlas.pdf" -) <(pdftotext "$out/single/atlas.pdf" -) || { echo "FAIL: merged atlas text differs"; exit 1; }
cmp -s "$out/merged/atlas.pdf" "$out/single/atlas.pdf" || { echo "FAIL: merged atlas.pdf differs from the single run's"; exit 1; }
# The same folder named twice reads each index once.
"$ipmap" merge -o "$out/merged2" "$out/shared" "$out/shared" >"$out/merge2.log" 2>&1 ||
  { cat "$out/merge2.log"; echo "FAIL: the same folder given twice"; exit 1; }
echo "e2e atlas_shared_folder: all checks passed"
