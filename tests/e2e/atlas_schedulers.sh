#!/usr/bin/env bash
# End-to-end: docs/atlas.sbatch and docs/atlas-job.yaml shard the atlas as Slurm and
# Kubernetes would run them: each array task / indexed pod, given only the scheduler's
# environment, renders its share, and `ipmap merge` gets every sheet exactly once.
#   usage: atlas_schedulers.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out/work"
# The scripts call build/ipmap from the checkout: give them a work folder that has it.
ln -s "$src/maps" "$src/layers" "$src/styles" "$src/data" "$out/work/"
mkdir -p "$out/work/build" && ln -s "$ipmap" "$out/work/build/ipmap"
ln -s "$src/../shared" "$out/shared" 2>/dev/null || true
cd "$out/work"

# Slurm: a 4-task array 1-4 (SLURM_ARRAY_TASK_MIN=1).
for id in 1 2 3 4; do
  SLURM_ARRAY_TASK_ID=$id SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=4 SLURM_SUBMIT_DIR="$out/work" \
    bash "$src/docs/atlas.sbatch" --page A4 --dpi 40 >"$out/slurm-$id.log" 2>&1 || { cat "$out/slurm-$id.log"; exit 1; }
done
"$ipmap" merge -o "$out/slurm-merged" atlas/shard-1 atlas/shard-2 atlas/shard-3 atlas/shard-4 >/dev/null
echo "slurm: $(python3 -c "import json;print(len(json.load(open('$out/slurm-merged/atlas_index.json'))['sheets']))") sheets merged"

# Kubernetes: run the container command of the manifest with an Indexed Job's environment.
cmd=$(python3 - "$src/docs/atlas-job.yaml" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"args:\s*\n\s*- >-\s*\n((?:\s{14}.*\n)+)", text)
print(" ".join(line.strip() for line in m.group(1).splitlines()))
PY
)
count=$(sed -n 's/^  completions: \([0-9]*\).*/\1/p' "$src/docs/atlas-job.yaml")
mkdir -p "$out/k8s" && ln -s "$out/k8s" "$out/work/k8s-data"
for k in $(seq 0 $((count - 1))); do
  JOB_COMPLETION_INDEX=$k IPMAP_SHARD_COUNT=$count \
    sh -c "$(echo "$cmd" | sed "s|/data/atlas|$out/k8s|g") --page A4 --dpi 40" >"$out/k8s-$k.log" 2>&1 || { cat "$out/k8s-$k.log"; exit 1; }
done
"$ipmap" merge -o "$out/k8s-merged" "$out"/k8s/shard-* >/dev/null
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
for name in ("slurm-merged", "k8s-merged"):
    ix = json.load(open(f"{out}/{name}/atlas_index.json", encoding="utf-8"))
    ids = [s["id"] for s in ix["sheets"]]
    assert len(ids) == len(set(ids)) == ix["total_sheets"] == 20, (name, len(ids))
print("slurm and kubernetes shards: 20 sheets each, every sheet once")
PY
echo "e2e atlas_schedulers: all checks passed"
