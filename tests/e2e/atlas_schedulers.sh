#!/usr/bin/env bash
# End-to-end: docs/atlas.sbatch and docs/atlas-job.yaml shard the atlas as Slurm and
# Kubernetes would run them: each array task / indexed pod, given only the scheduler's
# environment and file system, renders its share, and `ipmap merge` gets every sheet once.
# Neither Slurm nor Kubernetes is needed: what they do before the script runs is emulated
# (Slurm opens --output in the submit directory; Kubernetes mounts the declared volumes).
#   usage: atlas_schedulers.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
fail() { echo "FAIL: $*" >&2; exit 1; }
# A checkout as the scripts expect it: maps, layers, styles, data and build/ipmap.
checkout() {
  mkdir -p "$1/build"
  ln -s "$src/maps" "$src/layers" "$src/styles" "$src/data" "$1/"
  ln -s "$ipmap" "$1/build/ipmap"
}

# --- Slurm ------------------------------------------------------------------------------
# A submit directory next to the shared data, as a checkout is (../shared/data).
sbatch_file="$src/docs/atlas.sbatch"
submit="$out/slurm/ipmap" && checkout "$submit"
ln -s "$(cd "$src/.." && pwd)/shared" "$out/slurm/shared"
cd "$submit"
# What the header tells the user to run before sbatch (only mkdir is run here).
usage=$(grep -m1 -E '^#.*\bsbatch docs/atlas\.sbatch' "$sbatch_file" | sed 's/^#[[:space:]]*//')
[[ -n $usage ]] || fail "atlas.sbatch: no 'sbatch docs/atlas.sbatch' usage line in the header"
before=${usage%%sbatch docs/atlas.sbatch*}
before=${before%&& }; before=${before%&&}
if [[ -n ${before// /} ]]; then
  [[ $before =~ ^[[:space:]]*mkdir\ -p\ [^\;\&\|\`\$]+$ ]] || fail "atlas.sbatch: unexpected command before sbatch: $before"
  eval "$before"
fi
output=$(sed -n 's/^#SBATCH --output=\(.*\)$/\1/p' "$sbatch_file")
[[ -n $output ]] || fail "atlas.sbatch: no #SBATCH --output"
# A 4-task array 1-4 (SLURM_ARRAY_TASK_MIN=1), job id 4242.
for id in 1 2 3 4; do
  log=${output//%A/4242}; log=${log//%a/$id}; log=${log//%j/$((4242 + id))}
  # Slurm opens the output file before the script runs: its folder must exist already.
  [[ -d $(dirname "$log") ]] || fail "atlas.sbatch: --output folder $(dirname "$log") does not exist at submit time (the header's usage must create it)"
  SLURM_ARRAY_JOB_ID=4242 SLURM_ARRAY_TASK_ID=$id SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=4 \
  SLURM_SUBMIT_DIR="$submit" SLURM_CPUS_PER_TASK=2 \
    bash "$sbatch_file" --page A4 --dpi 40 >"$log" 2>&1 || { cat "$log"; fail "slurm task $id"; }
done
"$ipmap" merge -o "$out/slurm-merged" atlas/shard-1 atlas/shard-2 atlas/shard-3 atlas/shard-4 >/dev/null
echo "slurm: $(ls "$(dirname "$log")" | wc -l) task logs, $(python3 -c "import json;print(len(json.load(open('$out/slurm-merged/atlas_index.json'))['sheets']))") sheets merged"

# --- Kubernetes -------------------------------------------------------------------------
# The pod's file system under $out/root: the image holds the checkout at workingDir; each
# volumeMount is a link to its volume (a folder per claim) or to subPath inside it. The
# claim holds shared/data, as the header says. Absolute paths in the command are taken
# inside $out/root, so a path no mount or image provides does not exist.
manifest="$src/docs/atlas-job.yaml"
root="$out/root" && mkdir -p "$root" "$out/volumes"
python3 - "$manifest" "$root" "$out/volumes" "$(cd "$src/.." && pwd)/shared" "$src" >"$out/k8s-plan.sh" <<'PY'
import os, re, shlex, sys
manifest, root, volumes, shared, src = sys.argv[1:]
text = open(manifest, encoding="utf-8").read()
workdir = re.search(r"^\s*workingDir:\s*(\S+)", text, re.M).group(1)
claims = dict(re.findall(r"-\s*name:\s*(\S+)\s*\n\s*persistentVolumeClaim:\s*\n\s*claimName:\s*(\S+)", text))
mounts = []
for m in re.finditer(r"-\s*\{([^}]*mountPath[^}]*)\}", text):
    fields = dict(kv.split(":", 1) for kv in m.group(1).split(","))
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    mounts.append((fields["name"], fields["mountPath"], fields.get("subPath", "")))
assert mounts, "no volumeMounts"
print("set -e")
for name in sorted({n for n, _, _ in mounts}):
    assert name in claims, f"volume {name} is not a persistentVolumeClaim"
    vol = f"{volumes}/{name}"
    # The claim as the header describes it: the N03 data in shared/data.
    print(f"mkdir -p {shlex.quote(vol)}/shared && ln -sfn {shlex.quote(shared + '/data')} {shlex.quote(vol)}/shared/data")
# The image: the checkout at workingDir.
print(f"mkdir -p {shlex.quote(root + os.path.dirname(workdir))}")
print(f"echo {shlex.quote(root + workdir)}")
for name, path, sub in mounts:
    target = f"{volumes}/{name}" + (f"/{sub}" if sub else "")
    print(f"mkdir -p {shlex.quote(os.path.dirname(root + path))} && ln -sfn {shlex.quote(target)} {shlex.quote(root + path)}")
PY
workdir=$(bash "$out/k8s-plan.sh" | tail -1)
checkout "$workdir"
# Every file the map reaches, as the pod sees it: inside the image or a mount.
python3 - "$manifest" "$root" "$workdir" <<'PY'
import os, re, sys
manifest, root, workdir = sys.argv[1:]
text = open(manifest, encoding="utf-8").read()
args = " ".join(l.strip() for l in re.search(r"args:\s*\n\s*- >-\s*\n((?:\s{14}.*\n)+)", text).group(1).splitlines())
mount_paths = re.findall(r"mountPath:\s*([^,}\s]+)", text)
map_file = re.search(r"\batlas\s+(\S+\.toml)", args).group(1)
header = text[: text.index("apiVersion")]
assert map_file in header, f"the header comment does not say it renders {map_file}"
assert "Hokkaido atlas" not in header, "the header still says it renders the Hokkaido atlas"
cdir = workdir[len(root):]  # the container's working directory
missing = []
def check(container_path, what):
    p = os.path.normpath(container_path)
    if not os.path.exists(root + p):
        missing.append(f"{what}: {p}")
    elif not (p.startswith(cdir + "/") or any(p == m or p.startswith(m.rstrip("/") + "/") for m in mount_paths)):
        missing.append(f"{what}: {p} is neither in the image's checkout nor under a mount")
map_path = os.path.join(cdir, map_file)
check(map_path, "map file")
mtext = open(root + map_path, encoding="utf-8").read()
for layer in re.findall(r'"([^"]+\.toml)"', mtext.split("[page]")[0]):
    lpath = os.path.normpath(os.path.join(os.path.dirname(map_path), layer))
    check(lpath, "layer file")
    ltext = open(root + lpath, encoding="utf-8").read() if os.path.exists(root + lpath) else ""
    for source in re.findall(r'^source\s*=\s*"([^"]+)"', ltext, re.M):
        check(os.path.join(os.path.dirname(lpath), source), f"source of {os.path.basename(lpath)}")
for override in re.findall(r"--source\s+\S+?=(\S+)", args):
    check(override if override.startswith("/") else os.path.join(cdir, override), "--source")
out_dir = re.search(r"-o\s+(\S+)", args).group(1)
if out_dir.startswith("/"):
    parent = os.path.dirname(out_dir.split("$")[0].rstrip("/"))
    assert any(parent == m or parent.startswith(m.rstrip("/") + "/") for m in mount_paths), \
        f"outputs {out_dir} are not on a mounted volume"
if missing:
    sys.exit("atlas-job.yaml: paths the pod would not find:\n  " + "\n  ".join(missing))
print(f"kubernetes: {map_file}, its layers and their data resolve inside the image or the mounts {mount_paths}")
PY
# Run the container command of the manifest with an Indexed Job's environment, in the
# pod's working directory, absolute paths taken inside $out/root.
cmd=$(python3 - "$manifest" "$root" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"args:\s*\n\s*- >-\s*\n((?:\s{14}.*\n)+)", text)
cmd = " ".join(line.strip() for line in m.group(1).splitlines())
# Every absolute path argument (also LAYER=/path) moves under the emulated root.
print(re.sub(r"(^|[\s=])/(?!/)", lambda g: g.group(1) + sys.argv[2] + "/", cmd))
PY
)
count=$(sed -n 's/^  completions: \([0-9]*\).*/\1/p' "$manifest")
cd "$workdir"
for k in $(seq 0 $((count - 1))); do
  JOB_COMPLETION_INDEX=$k IPMAP_SHARD_COUNT=$count \
    sh -c "$cmd --page A4 --dpi 40" >"$out/k8s-$k.log" 2>&1 || { cat "$out/k8s-$k.log"; fail "kubernetes pod $k"; }
done
"$ipmap" merge -o "$out/k8s-merged" "$root"/data/atlas/shard-* >/dev/null
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
