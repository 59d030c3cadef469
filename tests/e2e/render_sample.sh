#!/usr/bin/env bash
# End-to-end: renders the sample Shiribeshi sheet (FY2024) and inspects the outputs with
# poppler's tools: every shown work's name is in the PDF text, fonts are embedded as
# subsets, the PNG has A3 landscape's pixel size at 300 dpi, and the report accounts for
# every work of the register.
#   usage: render_sample.sh IPMAP_BINARY SOURCE_DIR OUT_DIR
set -euo pipefail
ipmap=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cd "$src"

"$ipmap" render maps/shiribeshi.toml --fiscal-year 令和6年度 -o "$out" --dpi 300 >"$out/stdout.txt"
cat "$out/stdout.txt"
for f in shiribeshi.pdf shiribeshi.png shiribeshi.report.json; do
  [ -s "$out/$f" ] || { echo "FAIL: $out/$f missing or empty"; exit 1; }
done

pdffonts "$out/shiribeshi.pdf" >"$out/fonts.txt"
cat "$out/fonts.txt"
python3 - "$out" "$src" <<'PY'
import json, struct, subprocess, sys, unicodedata
out, src = sys.argv[1], sys.argv[2]
failures = []

# Fonts: every font embedded as a subset, and it is Noto Sans CJK.
rows = open(f"{out}/fonts.txt", encoding="utf-8").read().splitlines()[2:]
if not rows:
    failures.append("pdffonts lists no fonts")
for r in rows:
    cols = r.split()
    # name type encoding emb sub uni object ID
    emb, sub = cols[-5], cols[-4]
    if emb != "yes" or sub != "yes":
        failures.append(f"font not embedded as subset: {r}")
if not any("NotoSansCJK" in r for r in rows):
    failures.append("Noto Sans CJK JP is not among the PDF fonts")

# PNG: A3 landscape at 300 dpi.
with open(f"{out}/shiribeshi.png", "rb") as f:
    head = f.read(24)
w, h = struct.unpack(">II", head[16:24])
if (w, h) != (4961, 3508):
    failures.append(f"PNG is {w}x{h}, expected 4961x3508")

# Report: every work of the register accounted for, once.
report = json.load(open(f"{out}/shiribeshi.report.json", encoding="utf-8"))
reg = json.load(open(f"{src}/data/shiribeshi_works_sample.geojson", encoding="utf-8"))
register_ids = [ft["properties"]["事業ID"] for ft in reg["features"]]
report_ids = [w["id"] for w in report["works"]]
if sorted(register_ids) != sorted(report_ids):
    failures.append(f"report ids differ from register: missing {set(register_ids)-set(report_ids)}, extra {set(report_ids)-set(register_ids)}")
for w in report["works"]:
    if w["fate"] not in ("drawn", "callout", "drawn+callout", "not_shown"):
        failures.append(f"{w['id']}: unknown fate {w['fate']}")
    if w["fate"] == "not_shown" and not w.get("reason"):
        failures.append(f"{w['id']}: not_shown without a reason")
c = report["callouts"]
if c["overlaps"] or c["crossings"]:
    failures.append(f"callouts overlap ({c['overlaps']}) or cross ({c['crossings']})")
if report["fiscal_year"] != 2024 or report["fiscal_year_label"] != "令和6年度":
    failures.append(f"fiscal year {report['fiscal_year']} {report['fiscal_year_label']}")

# PDF text: title, fiscal year, source line, municipality names, every shown work's name.
text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", f"{out}/shiribeshi.pdf", "-"], capture_output=True, check=True).stdout.decode("utf-8")
def squash(s):
    s = unicodedata.normalize("NFKC", s)
    return "".join(ch for ch in s if not ch.isspace())
flat = squash(text)
must = ["後志地域３プロジェクトを支えるインフラ整備進捗図", "令和6年度", "出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成", "凡例"]
muni = json.load(open(f"{src}/../shared/data/shiribeshi_municipalities.geojson", encoding="utf-8"))
must += [ft["properties"]["name"] for ft in muni["features"]]
for s in must:
    if squash(s) not in flat:
        failures.append(f"PDF text lacks {s!r}")
shown = 0
for w in report["works"]:
    if w["fate"] == "not_shown":
        continue
    shown += 1
    name = w["name"]
    if squash(name) not in flat:
        failures.append(f"PDF text lacks the name of {w['id']}: {name!r}")
print(f"checked {len(rows)} fonts, {len(report['works'])} works ({shown} shown), {len(must)} fixed strings")
if failures:
    print("\n".join("FAIL: " + f for f in failures))
    sys.exit(1)
print("e2e render_sample: all checks passed")
PY
