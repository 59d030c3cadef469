#!/usr/bin/env bash
# End-to-end: renders the sample Shiribeshi sheet (FY2024) and inspects the outputs with
# poppler's tools: every shown work's name and every callout's full text is in the PDF
# text (pdftotext), each listed callout says where its numbered marker is, fonts are embedded as
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

# PDF text: every callout's full text (issue 3), wherever it was set: in a balloon in the
# map or margin, or in the numbered list (continuation pages included: the text is the whole
# PDF's). Lines may wrap anywhere, even inside a word, so both sides lose all whitespace.
def callouts_missing(works, flat):
    return [(w["id"], w["callout"]["tier"], w["callout"]["text"]) for w in works
            if w.get("callout", {}).get("tier") in ("in_map", "margin", "list") and squash(w["callout"]["text"]) not in flat]
with_callout = [w for w in report["works"] if w.get("callout", {}).get("tier") in ("in_map", "margin", "list")]
if len(with_callout) != report["callouts"]["requested"]:
    failures.append(f"{len(with_callout)} works carry a callout, the summary requested {report['callouts']['requested']}")
for wid, tier, t in callouts_missing(report["works"], flat):
    failures.append(f"PDF text lacks the callout text of {wid} ({tier}): {t!r}")
# The check must be able to fail: a text altered by one character is not found.
if with_callout:
    import copy
    altered = copy.deepcopy(with_callout[0])
    t = altered["callout"]["text"]
    altered["callout"]["text"] = t[: len(t) // 2] + "〓" + t[len(t) // 2 + 1 :]
    if not callouts_missing([altered], flat):
        failures.append(f"the callout text check does not notice an altered text: {altered['callout']['text']!r}")

# Numbered markers: each listed callout says where its marker was drawn (issue 3's list tier).
listed = [w for w in with_callout if w["callout"]["tier"] == "list"]
numbers = sorted(w["callout"]["list_number"] for w in listed)
if numbers != list(range(1, len(listed) + 1)):
    failures.append(f"list numbers are {numbers}, not 1..{len(listed)}")
for w in listed:
    c = w["callout"]
    m = c.get("marker")
    if not m or len(m.get("center_mm", [])) != 2 or not m.get("radius_mm", 0) > 0 or "moved" not in m:
        failures.append(f"{w['id']}: listed callout without its marker's centre, radius and moved: {m}")
        continue
    off = max(abs(m["center_mm"][0] - c["anchor_mm"][0]), abs(m["center_mm"][1] - c["anchor_mm"][1]))
    if m["moved"] != (off > 0.01):
        failures.append(f"{w['id']}: marker at {m['center_mm']}, anchor {c['anchor_mm']}, but moved = {m['moved']}")
print(f"checked {len(rows)} fonts, {len(report['works'])} works ({shown} shown), {len(with_callout)} callout texts "
      f"({len(listed)} listed, {sum(w['callout']['marker']['moved'] for w in listed if 'marker' in w['callout'])} markers moved), "
      f"{len(must)} fixed strings")
if failures:
    print("\n".join("FAIL: " + f for f in failures))
    sys.exit(1)
print("e2e render_sample: all checks passed")
PY
