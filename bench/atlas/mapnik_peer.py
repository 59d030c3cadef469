#!/usr/bin/python3
"""Mapnik peer of `ipmap atlas` for bench/atlas: one A4 landscape sheet (PDF + PNG) per municipality.

    /usr/bin/python3 bench/atlas/mapnik_peer.py --sub 後志総合振興局 --out /tmp/peer -j 2
    /usr/bin/python3 bench/atlas/mapnik_peer.py --all --out /tmp/peer-all

Renders from the same data as the ipmap benchmark: municipal boundaries from
../shared/data/hokkaido_municipalities.gpkg (layer `municipalities`, read by Mapnik's ogr
plugin) and the synthetic works register written by make_hokkaido_register.py (GeoJSON,
read once per process, status derived from 状態 or from the years and 進捗率 as ipmap does,
served to Mapnik through the geojson plugin).

Each sheet: sea background; all of Hokkaido as dimmed land; the sheet's municipality
highlighted with a heavy boundary; municipal boundaries and name labels; works coloured by
owner (国 red #c62828 with a dark casing, 道 blue #1565c0) and patterned by status (完成 solid
line / filled area / filled symbol, 事業中 dashed / hatched / hollow symbol with a dot, 未着手
dotted / outline / hollow symbol), point symbols shaped by category; work-name labels; a
title, subtitle and source note. Sizes follow styles/progress.toml (mm and pt converted to
Mapnik's 0.28 mm reference pixel). Extent: the municipality's bounding box in the map CRS,
grown by 12% of its larger side on each side, then fitted to the page aspect (the same rule
as ipmap's fit_extent). Outputs `<code>_<name>.pdf` (cairo, 297 x 210 mm) and `.png`
(AGG, 2339 x 1654 px at 200 dpi), each written to a temporary name and renamed.

Not done (ipmap does them): callouts for works without geometry or too small, a legend, an
overview inset, works selected by 市町村コード. The peer draws every work in the frame.

Needs Debian's python3-mapnik (Mapnik 3.1) and python3-cairo; run with /usr/bin/python3 (a
pyenv python3 cannot see Debian's dist-packages; this script re-executes itself with
/usr/bin/python3 when mapnik is not importable).
"""

import argparse
import json
import math
import multiprocessing
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import mapnik
except ImportError:  # e.g. a pyenv python3 first on PATH
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    sys.exit("mapnik_peer: python3-mapnik is not installed (apt-get install -y python3-mapnik python3-cairo)")
try:
    import cairo
except ImportError:
    cairo = None

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_MUNI = os.path.normpath(os.path.join(REPO, "..", "shared", "data", "hokkaido_municipalities.gpkg"))
DEFAULT_WORKS = os.path.join(REPO, "build", "bench-data", "hokkaido_works.geojson")
FONT_DIR = "/usr/share/fonts/opentype/noto"
FONT = "Noto Sans CJK JP Regular"
FONT_BOLD = "Noto Sans CJK JP Bold"
NORTHERN_TERRITORIES = ("01695", "01696", "01697", "01698", "01699", "01700")
PAGE_W_MM, PAGE_H_MM = 297.0, 210.0
PADDING_PERCENT = 12.0
FISCAL_YEAR = 2024
TITLE = "{name}　インフラ整備進捗図"
SUBTITLE = "令和6年度　国・道のインフラ整備の計画と進捗"
NOTE = ("出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成　"
        "境界の簡略化：ricewin/simplify-japan-geojson（CC BY 4.0）　事業データは合成（ベンチマーク用・架空）")

# --- style, from styles/progress.toml -------------------------------------------------------
SEA = "#d6e8f4"
CONTEXT = dict(fill="#ebe9e3", stroke="#c8c5bb", width_mm=0.15)
MUNI_LINE = dict(stroke="#8c8670", width_mm=0.3, dash_mm=[1.6, 0.6, 0.3, 0.6])
MUNI_LABEL = dict(size_pt=9.5, color="#6b6450", halo="#fbf8ef", halo_mm=0.6)
FOCUS = dict(fill="#fffdf6", stroke="#5a5440", width_mm=0.6)
FOCUS_LABEL = dict(size_pt=11, color="#3d3829", halo="#fffdf6", halo_mm=0.7)
WORK_LABEL = dict(size_pt=6.5, color="#222222", halo="#ffffff", halo_mm=0.45)
OWNERS = {"national": dict(color="#c62828", casing="#3b0b0b", casing_mm=0.25),
          "hokkaido": dict(color="#1565c0"), "other": dict(color="#5d4037")}
STATUSES = {"completed": dict(dash_mm=[], width_mm=1.1),
            "in_progress": dict(dash_mm=[2.4, 1.0], width_mm=1.1),
            "planned": dict(dash_mm=[0.2, 1.0], width_mm=0.9)}
ROAD_WIDTH_MM = 1.3
PLANNED_ROAD_WIDTH_MM = 1.0
FILL_OPACITY = 0.45
SYMBOL_MM = 3.2
CATEGORY_SYMBOL = {"道路": "circle", "河川": "triangle", "砂防": "triangle", "治山": "triangle", "海岸": "diamond",
                   "港湾": "square", "漁港": "diamond", "農業": "star", "林道": "star", "その他": "cross"}
CATEGORY_SYMBOL_MM = {"農業": 3.8}

PX_MM = 0.28  # Mapnik's reference pixel


def px(mm):
    return mm / PX_MM


def pt_px(pt):
    return pt * 25.4 / 72 / PX_MM


# --- data ------------------------------------------------------------------------------------
_ERA = {"令和": 2018, "平成": 1988, "昭和": 1925, "R": 2018, "H": 1988, "S": 1925}


def parse_fy(text):
    """令和6年度 / 平成31年度 / 令和元年度 / R6 / H30 / 2024 / 2024年度 / full-width digits -> 2024."""
    if text is None:
        return None
    t = str(text).strip().translate(str.maketrans("０１２３４５６７８９ＲＨＳ", "0123456789RHS")).replace("元", "1")
    mt = re.match(r"^(令和|平成|昭和|R|H|S)\s*(\d{1,2})\s*(年度?)?$", t, re.I)
    if mt:
        return _ERA[mt.group(1).upper() if len(mt.group(1)) == 1 else mt.group(1)] + int(mt.group(2))
    mt = re.match(r"^(?:FY)?\s*(\d{4})\s*(年度?)?$", t, re.I)
    return int(mt.group(1)) if mt else None


def derive_status(p):
    s = p.get("状態")
    if s in ("完成", "事業中", "未着手"):
        return {"完成": "completed", "事業中": "in_progress", "未着手": "planned"}[s]
    start, end, progress = parse_fy(p.get("着手年度")), parse_fy(p.get("完成予定年度")), p.get("進捗率")
    if progress == 100 or (end is not None and end <= FISCAL_YEAR - 1):
        return "completed"
    if (start is not None and start > FISCAL_YEAR) or not progress:
        return "planned"
    return "in_progress"


def load_works(path, symdir):
    """The register as a GeoJSON string with derived ASCII attributes for Mapnik rules."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    out = []
    for f in data["features"]:
        if not f.get("geometry"):
            continue  # programme-level works: ipmap shows them as callouts, the peer cannot
        p = f["properties"]
        owner = {"国": "national", "道": "hokkaido"}.get(p.get("事業主体"), "other")
        status = derive_status(p)
        cat = p.get("事業区分") or "その他"
        shape = CATEGORY_SYMBOL.get(cat, "circle")
        out.append({"type": "Feature", "geometry": f["geometry"], "properties": {
            "label": p.get("事業名") or "", "owner": owner, "status": status,
            "road": 1 if cat == "道路" else 0,
            "sym": os.path.join(symdir, "%s_%s_%s.svg" % (shape, owner, status))}})
    return json.dumps({"type": "FeatureCollection", "features": out}, ensure_ascii=False)


# --- symbols ---------------------------------------------------------------------------------
_SHAPES = {
    "circle": '<circle cx="50" cy="50" r="{r}"/>',
    "square": '<rect x="{a}" y="{a}" width="{w}" height="{w}"/>',
    "triangle": '<polygon points="50,{t} {b1},{b2} {b3},{b2}"/>',
    "diamond": '<polygon points="50,{a} {z},50 50,{z} {a},50"/>',
    "star": '<polygon points="{star}"/>',
    "cross": '<path d="M{a},{a} L{z},{z} M{z},{a} L{a},{z}"/>',
}


def _star(inset):
    pts = []
    for i in range(10):
        r = (50 - inset) if i % 2 == 0 else (50 - inset) * 0.45
        a = -math.pi / 2 + i * math.pi / 5
        pts.append("%.2f,%.2f" % (50 + r * math.cos(a), 50 + r * math.sin(a)))
    return " ".join(pts)


def write_symbols(symdir):
    """SVG point symbols: shape by category, colour by owner, fill by status."""
    for shape, tmpl in _SHAPES.items():
        for owner, o in OWNERS.items():
            for status in STATUSES:
                sw = 9
                inset = sw / 2 + 1
                geom = tmpl.format(r=50 - inset, a=inset, w=100 - 2 * inset, z=100 - inset, t=inset,
                                   b1=inset, b2=100 - inset - 8, b3=100 - inset, star=_star(inset))
                color = o["color"]
                if shape == "cross":
                    body = '<g fill="none" stroke="%s" stroke-width="%d">%s</g>' % (color, 16, geom)
                elif status == "completed":
                    body = '<g fill="%s" stroke="%s" stroke-width="%d">%s</g>' % (
                        color, o.get("casing", "#ffffff"), 6, geom)
                else:
                    body = '<g fill="#ffffff" stroke="%s" stroke-width="%d">%s</g>' % (color, 14, geom)
                    if status == "in_progress":
                        body += '<circle cx="50" cy="%d" r="13" fill="%s"/>' % (58 if shape == "triangle" else 50, color)
                size = px(CATEGORY_SYMBOL_MM["農業"] if shape == "star" else SYMBOL_MM)  # 林道 shares the star
                svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="%.2f" height="%.2f" viewBox="0 0 100 100">%s</svg>'
                       % (size, size, body))
                with open(os.path.join(symdir, "%s_%s_%s.svg" % (shape, owner, status)), "w") as fh:
                    fh.write(svg)
    for owner, o in OWNERS.items():  # hatch for areas in progress
        with open(os.path.join(symdir, "hatch_%s.svg" % owner), "w") as fh:
            fh.write('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8" viewBox="0 0 8 8">'
                     '<path d="M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6" stroke="%s" stroke-width="1.3"/></svg>' % o["color"])


# --- map XML ---------------------------------------------------------------------------------
def _dash(mm_list):
    return ",".join("%.2f" % px(v) for v in mm_list)


def _esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def map_xml(srs, muni_gpkg, symdir):
    gp = _esc(os.path.abspath(muni_gpkg))
    nt = " and ".join("[code] != '%s'" % c for c in NORTHERN_TERRITORIES)
    line_rules, poly_rules, casing_rules = [], [], []
    for owner, o in OWNERS.items():
        for status, s in STATUSES.items():
            f = "[owner] = '%s' and [status] = '%s'" % (owner, status)
            dash = ' stroke-dasharray="%s"' % _dash(s["dash_mm"]) if s["dash_mm"] else ""
            cap = "round" if status == "planned" else "butt"
            for road in (0, 1):
                w = s["width_mm"] if not road else (PLANNED_ROAD_WIDTH_MM if status == "planned" else ROAD_WIDTH_MM)
                fr = "%s and [road] = %d and [mapnik::geometry_type] = linestring" % (f, road)
                line_rules.append('<Rule><Filter>%s</Filter><LineSymbolizer stroke="%s" stroke-width="%.2f" '
                                  'stroke-linecap="%s" stroke-linejoin="round"%s/></Rule>'
                                  % (_esc(fr), o["color"], px(w), cap, dash))
                if "casing" in o:
                    casing_rules.append('<Rule><Filter>%s</Filter><LineSymbolizer stroke="%s" stroke-width="%.2f" '
                                        'stroke-linecap="%s" stroke-linejoin="round"%s/></Rule>'
                                        % (_esc(fr), o["casing"], px(w + 2 * o["casing_mm"]), cap, dash))
            fp = _esc(f + " and [mapnik::geometry_type] = polygon")
            outline = ('<LineSymbolizer stroke="%s" stroke-width="%.2f" stroke-linecap="%s"%s/>'
                       % (o["color"], px(0.6), cap, dash))
            if status == "completed":
                fill = '<PolygonSymbolizer fill="%s" fill-opacity="%.2f"/>' % (o["color"], FILL_OPACITY)
            elif status == "in_progress":
                fill = '<PolygonPatternSymbolizer file="%s"/>' % _esc(os.path.join(symdir, "hatch_%s.svg" % owner))
            else:
                fill = ""
            poly_rules.append("<Rule><Filter>%s</Filter>%s%s</Rule>" % (fp, fill, outline))

    def text(name, expr, d, face, extra=""):
        return ('<TextSymbolizer face-name="%s" size="%.2f" fill="%s" halo-fill="%s" halo-radius="%.2f" %s>%s</TextSymbolizer>'
                % (face, pt_px(d["size_pt"]), d["color"], d["halo"], px(d["halo_mm"]), extra, expr))

    return """<?xml version="1.0" encoding="utf-8"?>
<Map srs="{srs}" background-color="{sea}">
  <Style name="context"><Rule><Filter>{nt}</Filter>
    <PolygonSymbolizer fill="{cfill}"/><LineSymbolizer stroke="{cstroke}" stroke-width="{cw:.2f}"/></Rule></Style>
  <Style name="muni-lines"><Rule><Filter>{nt}</Filter>
    <LineSymbolizer stroke="{mstroke}" stroke-width="{mw:.2f}" stroke-dasharray="{mdash}"/></Rule></Style>
  <Style name="focus"><Rule>
    <PolygonSymbolizer fill="{ffill}"/><LineSymbolizer stroke="{fstroke}" stroke-width="{fw:.2f}" stroke-linejoin="round"/></Rule></Style>
  <Style name="works-poly">{poly_rules}</Style>
  <Style name="works-casing">{casing_rules}</Style>
  <Style name="works-line">{line_rules}</Style>
  <Style name="works-point"><Rule><Filter>[mapnik::geometry_type] = point</Filter>
    <MarkersSymbolizer file="[sym]" placement="point" allow-overlap="true"/></Rule></Style>
  <Style name="title">
    <Rule><Filter>[kind] = 'title'</Filter>{title_sym}</Rule>
    <Rule><Filter>[kind] = 'subtitle'</Filter>{subtitle_sym}</Rule>
    <Rule><Filter>[kind] = 'note'</Filter>{note_sym}</Rule>
  </Style>
  <Style name="focus-label"><Rule>{focus_label}</Rule></Style>
  <Style name="muni-label"><Rule><Filter>{nt}</Filter>{muni_label}</Rule></Style>
  <Style name="work-label"><Rule>{work_label}</Rule></Style>

  <Layer name="land" srs="epsg:6668"><StyleName>context</StyleName>
    <Datasource><Parameter name="type">ogr</Parameter><Parameter name="file">{gp}</Parameter>
      <Parameter name="layer">municipalities</Parameter></Datasource></Layer>
  <Layer name="focus" srs="epsg:6668"><StyleName>focus</StyleName>
    <Datasource><Parameter name="type">ogr</Parameter><Parameter name="file">{gp}</Parameter>
      <Parameter name="layer_by_sql">SELECT * FROM municipalities WHERE code = '01100'</Parameter></Datasource></Layer>
  <Layer name="muni-lines" srs="epsg:6668"><StyleName>muni-lines</StyleName>
    <Datasource><Parameter name="type">ogr</Parameter><Parameter name="file">{gp}</Parameter>
      <Parameter name="layer">municipalities</Parameter></Datasource></Layer>
  <Layer name="works" srs="epsg:4326">
    <StyleName>works-poly</StyleName><StyleName>works-casing</StyleName><StyleName>works-line</StyleName>
    <StyleName>works-point</StyleName>
    <Datasource><Parameter name="type">geojson</Parameter><Parameter name="inline">{{"type":"FeatureCollection","features":[]}}</Parameter></Datasource></Layer>
  <Layer name="title" srs="{srs}"><StyleName>title</StyleName>
    <Datasource><Parameter name="type">geojson</Parameter><Parameter name="inline">{{"type":"FeatureCollection","features":[]}}</Parameter></Datasource></Layer>
  <Layer name="focus-label" srs="epsg:6668"><StyleName>focus-label</StyleName>
    <Datasource><Parameter name="type">ogr</Parameter><Parameter name="file">{gp}</Parameter>
      <Parameter name="layer_by_sql">SELECT * FROM municipalities WHERE code = '01100'</Parameter></Datasource></Layer>
  <Layer name="muni-label" srs="epsg:6668"><StyleName>muni-label</StyleName>
    <Datasource><Parameter name="type">ogr</Parameter><Parameter name="file">{gp}</Parameter>
      <Parameter name="layer">municipalities</Parameter></Datasource></Layer>
  <Layer name="work-label" srs="epsg:4326"><StyleName>work-label</StyleName>
    <Datasource><Parameter name="type">geojson</Parameter><Parameter name="inline">{{"type":"FeatureCollection","features":[]}}</Parameter></Datasource></Layer>
</Map>""".format(
        srs=srs, sea=SEA, nt=_esc(nt), gp=gp,
        cfill=CONTEXT["fill"], cstroke=CONTEXT["stroke"], cw=px(CONTEXT["width_mm"]),
        mstroke=MUNI_LINE["stroke"], mw=px(MUNI_LINE["width_mm"]), mdash=_dash(MUNI_LINE["dash_mm"]),
        ffill=FOCUS["fill"], fstroke=FOCUS["stroke"], fw=px(FOCUS["width_mm"]),
        poly_rules="".join(poly_rules), casing_rules="".join(casing_rules), line_rules="".join(line_rules),
        title_sym=text("title", "[text]", dict(size_pt=20, color="#1a1a1a", halo="#ffffff", halo_mm=0.8), FONT_BOLD,
                       'allow-overlap="true" placement="point"'),
        subtitle_sym=text("subtitle", "[text]", dict(size_pt=12, color="#1a1a1a", halo="#ffffff", halo_mm=0.6), FONT,
                          'allow-overlap="true" placement="point"'),
        note_sym=text("note", "[text]", dict(size_pt=7, color="#333333", halo="#ffffff", halo_mm=0.5), FONT,
                      'allow-overlap="true" placement="point" horizontal-alignment="right"'),
        focus_label=text("focus", "[name]", FOCUS_LABEL, FONT_BOLD, 'placement="interior" allow-overlap="true"'),
        muni_label=text("muni", "[name]", MUNI_LABEL, FONT_BOLD, 'placement="interior"'),
        work_label=text("work", "[label]", WORK_LABEL, FONT,
                        'placement="point" dy="%.2f" wrap-width="%.1f"' % (px(2.6), px(40))),
    )


# --- sheets ----------------------------------------------------------------------------------
ZONE_XI_SUBPREFS = {"後志総合振興局", "渡島総合振興局", "檜山振興局"}
ZONE_XI_NAMES = {"小樽市", "函館市", "伊達市", "北斗市", "豊浦町", "壮瞥町", "洞爺湖町"}
ZONE_XIII_SUBPREFS = {"十勝総合振興局", "釧路総合振興局", "根室振興局"}
ZONE_XIII_NAMES = {"北見市", "帯広市", "釧路市", "網走市", "根室市", "美幌町", "津別町", "斜里町", "清里町", "小清水町",
                   "訓子府町", "置戸町", "佐呂間町", "大空町"}


def plane_zone_srs(name, subpref):
    """Japan Plane Rectangular zone of a Hokkaido municipality (XI, XII, XIII), JGD2011."""
    if subpref in ZONE_XI_SUBPREFS or name in ZONE_XI_NAMES:
        return "epsg:6679"
    if subpref in ZONE_XIII_SUBPREFS or name in ZONE_XIII_NAMES:
        return "epsg:6681"
    return "epsg:6680"


def list_sheets(muni_gpkg, sub, codes):
    ds = mapnik.Ogr(file=os.path.abspath(muni_gpkg), layer="municipalities")
    sheets = []
    for f in ds.all_features():
        a = f.attributes
        if a["code"] in NORTHERN_TERRITORIES:
            continue
        if sub and a["subpref"] != sub:
            continue
        if codes and a["code"] not in codes:
            continue
        sheets.append((a["code"], a["name"], a["subpref"]))
    return sorted(sheets)


def safe_name(s):
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", s).strip(". ") or "_"


class Renderer:
    """Per process: one Map per CRS, the works datasource shared by all sheets."""

    def __init__(self, args, symdir):
        mapnik.logger.set_severity(mapnik.severity_type.Error)
        mapnik.register_fonts(FONT_DIR)
        self.args = args
        self.symdir = symdir
        self.works_ds = mapnik.Datasource(type="geojson", inline=load_works(args.works, symdir))
        self.maps = {}
        self.gpkg = os.path.abspath(args.municipalities)

    def map_for(self, srs):
        if srs not in self.maps:
            m = mapnik.Map(100, 100)
            mapnik.load_map_from_string(m, map_xml(srs, self.gpkg, self.symdir))
            for lyr in m.layers:
                if lyr.name in ("works", "work-label"):
                    lyr.datasource = self.works_ds
            self.maps[srs] = m
        return self.maps[srs]

    def render(self, sheet):
        code, name, subpref = sheet
        srs = self.args.crs if self.args.crs != "auto" else plane_zone_srs(name, subpref)
        m = self.map_for(srs)
        sql = "SELECT * FROM municipalities WHERE code = '%s'" % code
        focus = mapnik.Ogr(file=self.gpkg, layer_by_sql=sql)
        feats = list(focus.all_features())
        if not feats:
            raise RuntimeError("no municipality %s" % code)
        # bounding box of the municipality in the map CRS (every vertex projected)
        tr = mapnik.ProjTransform(mapnik.Projection("epsg:6668"), mapnik.Projection(srs))
        xs, ys = [], []
        for f in feats:
            g = json.loads(f.geometry.to_geojson())
            polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
            for poly in polys:
                for ring in poly:
                    for x, y in ring:
                        c = tr.forward(mapnik.Coord(x, y))
                        xs.append(c.x)
                        ys.append(c.y)
        minx, miny, maxx, maxy = min(xs), min(ys), max(xs), max(ys)
        pad = max(maxx - minx, maxy - miny) * PADDING_PERCENT / 100.0
        minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad
        # fit to the page aspect around the centre
        s = min(PAGE_W_MM / (maxx - minx), PAGE_H_MM / (maxy - miny))
        cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
        hw, hh = PAGE_W_MM / s / 2, PAGE_H_MM / s / 2
        box = mapnik.Box2d(cx - hw, cy - hh, cx + hw, cy + hh)
        u = 1.0 / s  # map units per mm on paper
        title = {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [cx, box.maxy - 13 * u]},
             "properties": {"kind": "title", "text": TITLE.format(name=name)}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [cx, box.maxy - 22 * u]},
             "properties": {"kind": "subtitle", "text": SUBTITLE}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [box.minx + 6 * u, box.miny + 5 * u]},
             "properties": {"kind": "note", "text": NOTE}}]}
        title_ds = mapnik.Datasource(type="geojson", inline=json.dumps(title, ensure_ascii=False))
        for lyr in m.layers:
            if lyr.name in ("focus", "focus-label"):
                lyr.datasource = focus
            elif lyr.name == "title":
                lyr.datasource = title_ds
        stem = "%s_%s" % (code, safe_name(name))
        out = self.args.out
        written = []
        if "pdf" in self.args.formats:
            path = os.path.join(out, stem + ".pdf")
            tmp = path + ".part"
            # The map is laid out in Mapnik reference pixels (0.28 mm) at scale factor 1 and the
            # cairo context scales them to PDF points: Mapnik's cairo renderer scales text sizes
            # by the square of a scale factor passed to render(), lines only once.
            w, h = int(round(PAGE_W_MM / PX_MM)), int(round(PAGE_H_MM / PX_MM))
            m.resize(w, h)
            m.zoom_to_box(box)
            if cairo is not None and mapnik.has_pycairo():
                surface = cairo.PDFSurface(tmp, PAGE_W_MM / 25.4 * 72, PAGE_H_MM / 25.4 * 72)
                ctx = cairo.Context(surface)
                k = PAGE_W_MM / 25.4 * 72 / w
                ctx.scale(k, k)
                mapnik.render(m, ctx)
                surface.finish()
            else:
                mapnik.render_to_file(m, tmp, "pdf")
            os.replace(tmp, path)
            written.append(path)
        if "png" in self.args.formats:
            path = os.path.join(out, stem + ".png")
            tmp = path + ".part"
            w = int(round(PAGE_W_MM / 25.4 * self.args.dpi))
            h = int(round(PAGE_H_MM / 25.4 * self.args.dpi))
            m.resize(w, h)
            m.zoom_to_box(box)
            im = mapnik.Image(w, h)
            mapnik.render(m, im, self.args.dpi / 25.4 * PX_MM)
            im.save(tmp, "png32")
            os.replace(tmp, path)
            written.append(path)
        return written


_RENDERER = None


def _init_worker(args, symdir):
    global _RENDERER
    _RENDERER = Renderer(args, symdir)


def _render_one(sheet):
    t0 = time.time()
    try:
        files, err = _RENDERER.render(sheet), None
    except Exception as e:  # one bad sheet does not stop the batch
        files, err = [], "%s: %s" % (type(e).__name__, e)
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return sheet, files, err, time.time() - t0, (os.getpid(), rss_kb)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Mapnik peer of ipmap atlas (bench/atlas)")
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--sub", help="subprefecture (振興局), e.g. 後志総合振興局")
    g.add_argument("--all", action="store_true", help="all 179 municipalities of Hokkaido")
    ap.add_argument("--only", default="", help="comma-separated municipality codes")
    ap.add_argument("-o", "--out", required=True, help="output folder")
    ap.add_argument("--works", default=DEFAULT_WORKS, help="works register (GeoJSON or any OGR source)")
    ap.add_argument("--municipalities", default=DEFAULT_MUNI, help="hokkaido_municipalities.gpkg")
    ap.add_argument("--dpi", type=float, default=200)
    ap.add_argument("--crs", default="auto",
                    help="map CRS, e.g. epsg:6679; auto = the plane rectangular zone of each sheet (default)")
    ap.add_argument("--format", default="pdf,png", help="pdf,png")
    ap.add_argument("-j", "--jobs", type=int, default=1, help="parallel processes")
    args = ap.parse_args(argv)
    args.formats = set(x for x in args.format.split(",") if x)
    args.crs = args.crs.lower()
    t0 = time.time()
    os.makedirs(args.out, exist_ok=True)
    tmpdir = tempfile.mkdtemp(prefix="mapnik-peer-")
    try:
        if not args.works.lower().endswith((".geojson", ".json")):
            conv = os.path.join(tmpdir, "works.geojson")
            subprocess.run(["ogr2ogr", "-f", "GeoJSON", conv, args.works, "-lco", "RFC7946=YES"], check=True)
            args.works = conv
        write_symbols(tmpdir)
        codes = set(c for c in args.only.split(",") if c)
        sheets = list_sheets(args.municipalities, None if args.all else args.sub, codes)
        if not sheets:
            sys.exit("mapnik_peer: no sheets selected")
        failed = 0
        done = 0
        if args.jobs <= 1:
            _init_worker(args, tmpdir)
            results = map(_render_one, sheets)
        else:
            pool = multiprocessing.get_context("fork").Pool(args.jobs, _init_worker, (args, tmpdir))
            results = pool.imap_unordered(_render_one, sheets, chunksize=1)
        rss = {}
        for sheet, files, err, dt, (pid, rss_kb) in results:
            done += 1
            rss[pid] = max(rss.get(pid, 0), rss_kb)
            if err:
                failed += 1
                print("mapnik_peer: %s %s FAILED: %s" % (sheet[0], sheet[1], err), file=sys.stderr)
            else:
                print("mapnik_peer: [%d/%d] %s %s %.2f s" % (done, len(sheets), sheet[0], sheet[1], dt), flush=True)
        if args.jobs > 1:
            pool.close()
            pool.join()
        el = time.time() - t0
        rss[os.getpid()] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print("mapnik_peer: %d sheets (%d failed) in %.2f s, %.2f sheets/s, -j %d; peak RSS %.0f MB "
              "(largest process), %.0f MB (sum over %d processes)"
              % (len(sheets), failed, el, len(sheets) / el, args.jobs, max(rss.values()) / 1024,
                 sum(rss.values()) / 1024, len(rss)))
        return 1 if failed else 0
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
