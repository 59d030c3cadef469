#!/usr/bin/env python3
"""Generate the SYNTHETIC works register for the atlas benchmark (all of Hokkaido).

    python3 bench/atlas/make_hokkaido_register.py [--out DIR] [--seed N] [--check]

Writes into DIR (default: <repo>/build/bench-data, never inside the tracked tree)

    hokkaido_works.geojson   RFC 7946, lon/lat, one feature per line
    hokkaido_works.gpkg      layer "works", EPSG:6668 assigned (ogr2ogr)

Same schema as data/shiribeshi_works_sample.geojson (事業ID, 事業名, 事業主体, 実施機関,
事業区分, 着手年度, 完成予定年度, 進捗率, 状態, 当該年度事業内容, 市町村コード,
対象プロジェクト), 8-15 works for each of the 179 municipalities of Hokkaido (the six
Northern Territories codes 01695-01700 are left out), about 2,000 in all.

EVERYTHING IN THESE FILES IS SYNTHETIC BENCHMARK DATA: names, offices, years, progress
and geometries are drawn by a seeded random generator. They are not works of any
office and must never be printed as a progress map.

Geometries are placed inside their municipality, tested against the real boundaries
(MLIT N03 2024, generalised) in ../shared/data/hokkaido_municipalities.gpkg, layer
`municipalities`, which is read through a temporary GeoJSON export (ogr2ogr) and never
copied into the output: points by rejection sampling, lines as short random walks whose
vertices and segments stay inside, a few small polygons, and ~10% NULL geometry
(programme-level works, shown by ipmap as callouts at the codes in 市町村コード).
Coastal works (港湾, 漁港, 海岸) are put near the municipality's coastline (boundary edges
shared with no other municipality).

Deterministic: the same seed, boundary file and GDAL version give byte-identical files
(each municipality has its own random stream, the GeoPackage timestamp is pinned).
Needs python3 (standard library only) and ogr2ogr/ogrinfo (Debian package gdal-bin).
"""

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_MUNI = os.path.normpath(os.path.join(REPO, "..", "shared", "data", "hokkaido_municipalities.gpkg"))
DEFAULT_OUT = os.path.join(REPO, "build", "bench-data")
BASENAME = "hokkaido_works"
LAYER = "works"
DESCRIPTION = ("SYNTHETIC BENCHMARK DATA — randomly generated works register for the ipmap atlas "
               "benchmark (bench/atlas); not real works, not official")
GPKG_TIMESTAMP = "2025-01-01T00:00:00.000Z"
GPKG_SRS = "EPSG:6668"
NORTHERN_TERRITORIES = ("01695", "01696", "01697", "01698", "01699", "01700")

COLUMNS = ["事業ID", "事業名", "事業主体", "実施機関", "事業区分", "着手年度", "完成予定年度",
           "進捗率", "状態", "当該年度事業内容", "市町村コード", "対象プロジェクト"]

# National works: the regional development bureau (開発建設部) of each subprefecture.
KAIHATSU = {
    "石狩振興局": "札幌開発建設部", "空知総合振興局": "札幌開発建設部", "後志総合振興局": "小樽開発建設部",
    "胆振総合振興局": "室蘭開発建設部", "日高振興局": "室蘭開発建設部", "渡島総合振興局": "函館開発建設部",
    "檜山振興局": "函館開発建設部", "上川総合振興局": "旭川開発建設部", "留萌振興局": "留萌開発建設部",
    "宗谷総合振興局": "稚内開発建設部", "オホーツク総合振興局": "網走開発建設部",
    "十勝総合振興局": "帯広開発建設部", "釧路総合振興局": "釧路開発建設部", "根室振興局": "釧路開発建設部",
}
ROUTES = [5, 12, 36, 37, 38, 39, 40, 44, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239,
          240, 241, 242, 243, 244, 272, 273, 274, 275, 276, 277, 278, 333, 334, 335, 336, 337, 391,
          393, 450, 451, 452, 453]
PLACE_A = ["美", "豊", "幸", "栄", "朝", "日", "昭", "富", "緑", "白", "桜", "旭", "清", "若", "高", "宮",
           "本", "元", "岩", "石", "泉", "春", "吉", "福", "松", "柏", "鶴", "瑞", "光", "神"]
PLACE_B = ["浜", "沢", "野", "丘", "里", "台", "川", "岱", "平", "原", "別", "内", "尾", "浦", "崎", "田",
           "森", "幌", "寿", "生"]
HOUI = ["北", "南", "東", "西", "第一", "第二", "島"]
PROJECTS = ["①", "②", "③", "①②", "②③", "①③", "①②③"]
PROJECT_WEIGHTS = [14, 14, 22, 10, 18, 8, 14]
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


# ----------------------------------------------------------------------------- geometry

class Muni:
    """One municipality: rings in lon/lat, edges bucketed in y bands for fast tests."""

    BANDS = 48

    def __init__(self, code, name, subpref, rings):
        self.code, self.name, self.subpref = code, name, subpref
        self.rings = rings
        xs = [p[0] for r in rings for p in r]
        ys = [p[1] for r in rings for p in r]
        self.minx, self.maxx, self.miny, self.maxy = min(xs), max(xs), min(ys), max(ys)
        self.kx = 111.32 * math.cos(math.radians((self.miny + self.maxy) / 2))  # km per degree lon
        self.ky = 111.0
        self.edges = []
        for r in rings:
            for i in range(len(r) - 1):
                self.edges.append((r[i][0], r[i][1], r[i + 1][0], r[i + 1][1]))
        self.dy = (self.maxy - self.miny) / self.BANDS or 1e-9
        self.bands = [[] for _ in range(self.BANDS)]
        for e in self.edges:
            lo, hi = self._band(min(e[1], e[3])), self._band(max(e[1], e[3]))
            for b in range(lo, hi + 1):
                self.bands[b].append(e)
        area = 0.0
        for r in rings:  # signed shoelace per ring; holes come out negative after abs per part
            s = 0.0
            for i in range(len(r) - 1):
                s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1]
            area += abs(s) / 2
        self.area_km2 = area * self.kx * self.ky  # rough (holes ignored; none in this data)
        self.coast = []       # edges shared with no other municipality
        self.neighbours = []  # codes sharing a boundary edge

    def _band(self, y):
        return min(self.BANDS - 1, max(0, int((y - self.miny) / self.dy)))

    def contains(self, x, y):
        if not (self.minx <= x <= self.maxx and self.miny <= y <= self.maxy):
            return False
        inside = False
        for x1, y1, x2, y2 in self.bands[self._band(y)]:
            if (y1 > y) != (y2 > y):
                if x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
        return inside

    def crosses_boundary(self, ax, ay, bx, by):
        lo, hi = self._band(min(ay, by)), self._band(max(ay, by))
        seen = set()
        for b in range(lo, hi + 1):
            for e in self.bands[b]:
                if e in seen:
                    continue
                seen.add(e)
                if _segments_intersect(ax, ay, bx, by, *e):
                    return True
        return False

    def inside_segment(self, ax, ay, bx, by):
        return self.contains(bx, by) and not self.crosses_boundary(ax, ay, bx, by)

    def offset(self, x, y, dx_km, dy_km):
        return rnd(x + dx_km / self.kx), rnd(y + dy_km / self.ky)


def _orient(ax, ay, bx, by, cx, cy):
    v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    return (v > 0) - (v < 0)


def _segments_intersect(ax, ay, bx, by, cx, cy, dx, dy):
    if max(ax, bx) < min(cx, dx) or max(cx, dx) < min(ax, bx):
        return False
    if max(ay, by) < min(cy, dy) or max(cy, dy) < min(ay, by):
        return False
    o1, o2 = _orient(ax, ay, bx, by, cx, cy), _orient(ax, ay, bx, by, dx, dy)
    o3, o4 = _orient(cx, cy, dx, dy, ax, ay), _orient(cx, cy, dx, dy, bx, by)
    return o1 != o2 and o3 != o4 or 0 in (o1, o2, o3, o4)


def rnd(v):
    return round(v, 6)


def load_municipalities(gpkg, tmpdir):
    """Exports the boundaries to a temporary GeoJSON (ogr2ogr) and reads them."""
    out = os.path.join(tmpdir, "municipalities.geojson")
    where = "code NOT IN (%s)" % ",".join("'%s'" % c for c in NORTHERN_TERRITORIES)
    subprocess.run(["ogr2ogr", "-f", "GeoJSON", out, gpkg, "municipalities", "-select", "code,name,subpref",
                    "-where", where, "-lco", "COORDINATE_PRECISION=8"], check=True)
    with open(out, encoding="utf-8") as fh:
        data = json.load(fh)
    munis = []
    for f in data["features"]:
        p, g = f["properties"], f["geometry"]
        parts = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        rings = [[(pt[0], pt[1]) for pt in ring] for part in parts for ring in part]
        munis.append(Muni(p["code"], p["name"], p["subpref"], rings))
    munis.sort(key=lambda m: m.code)
    # Coastline and neighbours from shared edges (the boundaries keep topology exactly;
    # Hokkaido has no land border with another prefecture, so an unshared edge is coast).
    owners = {}
    for m in munis:
        for e in m.edges:
            key = (e[:2], e[2:]) if e[:2] <= e[2:] else (e[2:], e[:2])
            owners.setdefault(key, set()).add(m.code)
    for m in munis:
        nb = set()
        for e in m.edges:
            key = (e[:2], e[2:]) if e[:2] <= e[2:] else (e[2:], e[:2])
            o = owners[key]
            if len(o) == 1:
                m.coast.append(e)
            else:
                nb |= o - {m.code}
        m.neighbours = sorted(nb)
    return munis


def random_point(m, rng, tries=20000):
    for _ in range(tries):
        x = rnd(rng.uniform(m.minx, m.maxx))
        y = rnd(rng.uniform(m.miny, m.maxy))
        if m.contains(x, y):
            return x, y
    raise RuntimeError("no point found inside %s %s" % (m.code, m.name))


def coastal_point(m, rng, max_km=1.2):
    """A point inside the municipality within max_km of its coastline."""
    if not m.coast:
        return random_point(m, rng)
    for _ in range(400):
        x1, y1, x2, y2 = rng.choice(m.coast)
        t = rng.random()
        cx, cy = x1 + t * (x2 - x1), y1 + t * (y2 - y1)
        a = rng.uniform(0, 2 * math.pi)
        d = rng.uniform(0.05, max_km)
        x, y = m.offset(cx, cy, d * math.cos(a), d * math.sin(a))
        if m.contains(x, y):
            return x, y
    return random_point(m, rng)


def random_walk(m, rng, start, n, step_km, turn_deg, heading=None):
    """A line of up to n vertices whose vertices and segments stay inside m."""
    pts = [start]
    h = rng.uniform(0, 2 * math.pi) if heading is None else heading
    while len(pts) < n:
        x, y = pts[-1]
        for attempt in range(24):
            turn = math.radians(rng.uniform(-turn_deg, turn_deg)) * (1 + attempt / 4)
            hh = h + turn
            s = step_km * rng.uniform(0.7, 1.3)
            nx, ny = m.offset(x, y, s * math.cos(hh), s * math.sin(hh))
            if (nx, ny) != (x, y) and m.inside_segment(x, y, nx, ny):
                pts.append((nx, ny))
                h = hh
                break
        else:
            break
    return pts


def make_line(m, rng, total_km, nverts, turn_deg, coastal=False):
    total_km = min(total_km, 0.45 * math.sqrt(m.area_km2))
    step = total_km / (nverts - 1)
    for _ in range(60):
        start = coastal_point(m, rng) if coastal else random_point(m, rng)
        heading = None
        if coastal and m.coast:
            # roughly along the nearest coast edge
            e = min(m.coast, key=lambda e: (e[0] - start[0]) ** 2 + (e[1] - start[1]) ** 2)
            heading = math.atan2((e[3] - e[1]) * m.ky, (e[2] - e[0]) * m.kx)
        pts = random_walk(m, rng, start, nverts, step, turn_deg, heading)
        if len(pts) >= max(3, nverts // 2):
            return {"type": "LineString", "coordinates": [list(p) for p in pts]}
    # very small or thin municipality: a two-vertex line along any inside segment
    for _ in range(2000):
        a = random_point(m, rng)
        b = random_walk(m, rng, a, 2, step / 2, 180)
        if len(b) == 2:
            return {"type": "LineString", "coordinates": [list(p) for p in b]}
    raise RuntimeError("no line found inside %s %s" % (m.code, m.name))


def make_polygon(m, rng, radius_km):
    radius_km = min(radius_km, 0.12 * math.sqrt(m.area_km2))
    for attempt in range(200):
        r = radius_km * (0.97 ** attempt)
        cx, cy = random_point(m, rng)
        k = rng.randint(7, 12)
        angles = sorted(rng.uniform(0, 2 * math.pi) for _ in range(k))
        radii = [r * rng.uniform(0.55, 1.0) for _ in angles]  # star-shaped around the centre: simple
        ring = [m.offset(cx, cy, q * math.cos(a), q * math.sin(a)) for q, a in zip(radii, angles)]
        if len(set(ring)) < len(ring):
            continue
        ring.append(ring[0])
        ok = all(m.contains(x, y) for x, y in ring[:-1]) and not any(
            m.crosses_boundary(ring[i][0], ring[i][1], ring[i + 1][0], ring[i + 1][1]) for i in range(len(ring) - 1))
        if ok and _ring_simple(ring):
            if _ring_area2(ring) < 0:  # exterior ring counter-clockwise (RFC 7946)
                ring.reverse()
            return {"type": "Polygon", "coordinates": [[list(p) for p in ring]]}
    raise RuntimeError("no polygon found inside %s %s" % (m.code, m.name))


def _ring_simple(ring):
    """No two non-adjacent edges of the closed ring meet (also guards against rounding)."""
    n = len(ring) - 1
    for i in range(n):
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue
            if _segments_intersect(*ring[i], *ring[i + 1], *ring[j], *ring[j + 1]):
                return False
    return True


def _ring_area2(ring):
    return sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1))


# ----------------------------------------------------------------------------- attributes

def fy_text(year, rng):
    """A fiscal year written the way offices write it (all variants ipmap must read)."""
    u = rng.random()
    if u < 0.04:
        return str(year)
    if u < 0.08:
        return ("R%d" % (year - 2018)) if year >= 2019 else ("H%d" % (year - 1988))
    if year == 2019:
        return "令和元年度" if u < 0.7 else "平成31年度"
    text = ("令和%d年度" % (year - 2018)) if year >= 2019 else ("平成%d年度" % (year - 1988))
    if u > 0.96:
        text = text.translate(FULLWIDTH)
    return text


def place_name(rng):
    return rng.choice(PLACE_A) + rng.choice(PLACE_B)


def short_name(muni_name):
    return muni_name[:-1] if muni_name[-1] in "市町村" and len(muni_name) > 2 else muni_name


def pick_category(owner, coastal, rng):
    if owner == "国":
        cats = [("道路", 50), ("河川", 15), ("港湾", 8), ("漁港", 5), ("海岸", 5), ("農業", 8), ("砂防", 5),
                ("治山", 2), ("その他", 4)]
    else:
        cats = [("道路", 40), ("河川", 15), ("砂防", 10), ("治山", 8), ("林道", 6), ("漁港", 6), ("海岸", 4),
                ("農業", 7), ("その他", 4)]
    if not coastal:
        cats = [c for c in cats if c[0] not in ("港湾", "漁港", "海岸")]
    return rng.choices([c[0] for c in cats], [c[1] for c in cats])[0]


def fy_work(category, rng):
    km = lambda a, b: "%.1fkm" % rng.uniform(a, b)
    options = {
        "道路": ["改良工 L=%s" % km(0.2, 3.0), "舗装工 L=%s" % km(0.3, 4.0), "橋梁下部工 %d基" % rng.randint(1, 4),
               "トンネル掘削 L=%s" % km(0.2, 1.5), "用地買収", "交通安全施設工 一式", "電線共同溝 L=%s" % km(0.1, 0.8)],
        "河川": ["築堤工 L=%s" % km(0.2, 2.0), "護岸工 L=%s" % km(0.1, 1.2), "掘削工 V=%d千m3" % rng.randint(5, 80),
               "樋門改築 1基"],
        "砂防": ["えん堤本体工 一式", "流路工 L=%s" % km(0.1, 0.6), "工事用道路 L=%s" % km(0.1, 0.5)],
        "治山": ["谷止工 %d基" % rng.randint(1, 5), "山腹工 A=%.1fha" % rng.uniform(0.5, 6), "本数調整伐 一式"],
        "港湾": ["岸壁改良 L=%dm" % rng.randint(60, 260), "防波堤 L=%dm" % rng.randint(40, 200), "泊地浚渫 一式"],
        "漁港": ["防波堤 L=%dm" % rng.randint(30, 150), "岸壁 L=%dm" % rng.randint(20, 120), "用地舗装 一式"],
        "海岸": ["離岸堤 %d基" % rng.randint(1, 3), "護岸工 L=%dm" % rng.randint(80, 600)],
        "農業": ["区画整理 A=%dha" % rng.randint(10, 180), "用水路 L=%s" % km(0.3, 3.0), "暗渠排水 A=%dha" % rng.randint(5, 90)],
        "林道": ["開設工 L=%s" % km(0.2, 1.6), "法面保護工 一式"],
        "その他": ["実施設計", "機械整備 %d台" % rng.randint(1, 4), "建築工 一式"],
    }[category]
    k = rng.choice([1, 1, 2])
    return "、".join(rng.sample(options, min(k, len(options))))


def work_name(m, owner, category, geom_kind, route, rng):
    p, town = place_name(rng), m.name
    if geom_kind is None:  # programme-level works, no geometry
        return rng.choice({
            "道路": ["橋梁長寿命化修繕（%s一円）" % town, "道路防災総点検・対策（%s一円）" % town],
            "河川": ["河川維持管理計画策定（%s一円）" % town, "樋門・樋管 長寿命化（%s一円）" % town],
            "その他": ["除雪機械更新（%s管内）" % m.subpref, "防災情報システム整備（%s）" % town],
        }[category])
    if category == "道路":
        if owner == "国":
            if geom_kind == "Point":
                return "一般国道%d号 %s %s橋 架替" % (route, town, p)
            return "一般国道%d号 %s %s%s" % (route, town, p, rng.choice(["改良", "拡幅", "防災", "局部改良", "視距改良"]))
        road = "道道%s%s線" % (p, place_name(rng))
        if geom_kind == "Point":
            return "%s %s %s橋 補修" % (road, town, place_name(rng))
        return "%s %s %s" % (road, town, rng.choice(["改良", "道路改築", "防災", "歩道整備"]))
    if category == "河川":
        river = p + "川"
        if geom_kind == "Point":
            return "%s %s樋門 改築" % (river, place_name(rng))
        return ("一級河川%s %s %s" if owner == "国" else "二級河川%s %s %s") % (
            river, town, rng.choice(["築堤", "河川改修", "護岸整備", "河道掘削"]))
    if category == "砂防":
        return "%sの沢川 砂防えん堤" % p if geom_kind == "Point" else "%sの沢川 砂防流路工" % p
    if category == "治山":
        return "%s地区 治山（谷止工）" % p if geom_kind != "Polygon" else "%s地区 治山（保安林整備）" % p
    if category == "港湾":
        port = short_name(town) + "港"
        return "%s %sふ頭 岸壁改良" % (port, p) if geom_kind == "Point" else "%s %s防波堤" % (port, rng.choice(HOUI))
    if category == "漁港":
        return "%s漁港 %s" % (p, "岸壁改良" if geom_kind == "Point" else rng.choice(["防波堤", "外防波堤", "護岸"]))
    if category == "海岸":
        return "%s海岸 %s" % (p, rng.choice(["侵食対策", "高潮対策", "離岸堤"]))
    if category == "農業":
        if geom_kind == "Polygon":
            return ("国営緊急農地再編整備事業 %s地区" if owner == "国" else "道営ほ場整備事業 %s地区") % p
        return "%s用水路 改修" % p
    if category == "林道":
        return "林道%s線 開設" % p
    return rng.choice(["%s 除雪ステーション 整備" % town, "道の駅%s 防災機能強化" % p, "%s地区 防災拠点整備" % p])


def geometry_kind(category, rng):
    u = rng.random()
    if u < 0.10:
        return None
    u = rng.random()
    table = {
        "道路": [("LineString", 0.8), ("Point", 0.2)], "河川": [("LineString", 0.7), ("Point", 0.3)],
        "砂防": [("Point", 0.75), ("LineString", 0.25)], "治山": [("Polygon", 0.45), ("Point", 0.55)],
        "港湾": [("Point", 0.5), ("LineString", 0.5)], "漁港": [("Point", 0.4), ("LineString", 0.6)],
        "海岸": [("LineString", 1.0)], "農業": [("Polygon", 0.65), ("LineString", 0.35)],
        "林道": [("LineString", 1.0)], "その他": [("Point", 1.0)],
    }[category]
    acc = 0.0
    for kind, w in table:
        acc += w
        if u < acc:
            return kind
    return table[-1][0]


def make_geometry(m, category, kind, rng):
    coastal = category in ("港湾", "漁港", "海岸")
    if kind == "Point":
        x, y = coastal_point(m, rng, 0.6) if coastal else random_point(m, rng)
        return {"type": "Point", "coordinates": [x, y]}
    if kind == "Polygon":
        return make_polygon(m, rng, rng.uniform(0.4, 1.8) if category == "農業" else rng.uniform(0.2, 0.8))
    if category in ("港湾", "漁港"):  # breakwater: short and near the coast
        return make_line(m, rng, rng.uniform(0.15, 0.45), rng.randint(3, 5), 20, coastal=True)
    if category == "海岸":
        return make_line(m, rng, rng.uniform(0.5, 2.5), rng.randint(5, 10), 15, coastal=True)
    if category == "道路":
        return make_line(m, rng, rng.uniform(1.0, 12.0), rng.randint(5, 20), 22)
    if category == "河川":
        return make_line(m, rng, rng.uniform(2.0, 10.0), rng.randint(8, 24), 35)
    return make_line(m, rng, rng.uniform(0.8, 5.0), rng.randint(5, 14), 30)


def status_of(start, end, progress):
    """The rule of data/README.md (as of the end of FY2024)."""
    if progress == 100 or (end is not None and end <= 2023):
        return "完成"
    if start >= 2025 or not progress:
        return "未着手"
    return "事業中"


def make_works(m, seed):
    rng = random.Random("%s:%s" % (seed, m.code))
    coastal = len(m.coast) > 0
    routes = rng.sample(ROUTES, 2)
    works = []
    for _ in range(rng.randint(8, 15)):
        owner = "国" if rng.random() < 0.45 else "道"
        category = pick_category(owner, coastal, rng)
        kind = geometry_kind(category, rng)
        if kind is None:
            category = rng.choice(["道路", "道路", "河川", "その他"])
        s = rng.random()
        if s < 0.2:  # completed
            start = rng.randint(2008, 2019)
            end = min(2023, start + rng.randint(2, 6))
            progress = 100
        elif s < 0.8:  # in progress
            start = rng.randint(2012, 2024)
            end = None if rng.random() < 0.15 else max(2025, start + rng.randint(3, 10))
            progress = rng.randint(3, 96)
        else:  # planned
            start = rng.randint(2025, 2027)
            end = None if rng.random() < 0.3 else start + rng.randint(3, 8)
            progress = None
        status = status_of(start, end, progress)
        codes = [m.code]
        if kind is None and m.neighbours:
            codes += rng.sample(m.neighbours, min(len(m.neighbours), rng.randint(0, 2)))
        office = ("%s %s" % (KAIHATSU[m.subpref], rng.choice(["道路事務所", "開発事務所", "河川事務所", "港湾事務所"]))
                  if owner == "国" else "%s %s" % (m.subpref, rng.choice(["建設管理部", "産業振興部", "建設管理部 出張所"])))
        props = {
            "事業ID": None,
            "事業名": work_name(m, owner, category, kind, rng.choice(routes), rng),
            "事業主体": owner,
            "実施機関": office,
            "事業区分": category,
            "着手年度": fy_text(start, rng),
            "完成予定年度": fy_text(end, rng) if end is not None else None,
            "進捗率": progress,
            "状態": None if rng.random() < 1 / 3 else status,
            "当該年度事業内容": fy_work(category, rng) if status == "事業中" else None,
            "市町村コード": ",".join(codes),
            "対象プロジェクト": rng.choices(PROJECTS, PROJECT_WEIGHTS)[0],
        }
        geom = make_geometry(m, category, kind, rng) if kind else None
        works.append({"type": "Feature", "properties": props, "geometry": geom})
    return works


# ----------------------------------------------------------------------------- output

def write_geojson(path, feats):
    lines = ["{", '"type": "FeatureCollection",', '"name": "%s",' % LAYER,
             '"description": %s,' % json.dumps(DESCRIPTION, ensure_ascii=False), '"features": [']
    lines.append(",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in feats))
    lines += ["]", "}"]
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")


def write_gpkg(src, dst):
    env = dict(os.environ, OGR_CURRENT_DATE=GPKG_TIMESTAMP)
    subprocess.run(["ogr2ogr", "-f", "GPKG", dst, src, "-nln", LAYER, "-a_srs", GPKG_SRS, "-nlt", "GEOMETRY",
                    "-lco", "FID=fid", "-lco", "GEOMETRY_NAME=geom", "-lco", "SPATIAL_INDEX=YES",
                    "-lco", "IDENTIFIER=" + LAYER, "-lco", "DESCRIPTION=" + DESCRIPTION], check=True, env=env)


def check_outside_repo(out):
    out = os.path.abspath(out)
    rel = os.path.relpath(out, REPO)
    if rel == "." or not rel.startswith(".."):
        first = rel.split(os.sep)[0]
        if not first.startswith("build"):
            sys.exit("make_hokkaido_register: refusing to write into the tracked tree (%s); "
                     "use build/... or a folder outside the repository" % out)


def check_placement(gpkg, muni_gpkg, tmpdir):
    """Every non-NULL geometry within its (first) municipality, via GDAL's SQLite dialect."""
    chk = os.path.join(tmpdir, "check.gpkg")
    subprocess.run(["ogr2ogr", "-f", "GPKG", chk, muni_gpkg, "municipalities", "-nln", "muni"], check=True)
    subprocess.run(["ogr2ogr", "-update", chk, gpkg, LAYER], check=True)
    sql = ("select count(*), sum(w.geom is null), sum(w.geom is not null and not st_isvalid(w.geom)), "
           "sum(w.geom is not null and not st_within(w.geom, m.geom)) from works w "
           "join muni m on m.code = substr(w.\"市町村コード\", 1, 5)")
    r = subprocess.run(["ogrinfo", "-q", "-dialect", "sqlite", "-sql", sql, chk],
                       check=True, capture_output=True, text=True)
    return r.stdout


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT, help="output folder (default: <repo>/build/bench-data)")
    ap.add_argument("--municipalities", default=DEFAULT_MUNI,
                    help="hokkaido_municipalities.gpkg (default: ../shared/data/ beside the repo)")
    ap.add_argument("--seed", type=int, default=20241, help="random seed (default 20241)")
    ap.add_argument("--no-gpkg", action="store_true", help="write only the GeoJSON")
    ap.add_argument("--check", action="store_true", help="verify placement with ogrinfo afterwards")
    args = ap.parse_args(argv)
    check_outside_repo(args.out)
    if not os.path.exists(args.municipalities):
        sys.exit("make_hokkaido_register: boundaries not found: %s" % args.municipalities)
    os.makedirs(args.out, exist_ok=True)
    tmpdir = tempfile.mkdtemp(prefix="ipmap-bench-register-")
    try:
        munis = load_municipalities(args.municipalities, tmpdir)
        feats = []
        for m in munis:
            feats += make_works(m, args.seed)
        counters = {"国": 0, "道": 0}
        for f in feats:
            o = f["properties"]["事業主体"]
            counters[o] += 1
            f["properties"]["事業ID"] = "%s-%04d" % ("K" if o == "国" else "D", counters[o])
        # write to temporary names, then rename: an interrupted run leaves no partial register
        gj = os.path.join(args.out, BASENAME + ".geojson")
        gj_tmp = os.path.join(tmpdir, BASENAME + ".geojson")
        write_geojson(gj_tmp, feats)
        if not args.no_gpkg:
            gp_tmp = os.path.join(tmpdir, BASENAME + ".gpkg")
            write_gpkg(gj_tmp, gp_tmp)
            shutil.move(gp_tmp, os.path.join(args.out, BASENAME + ".gpkg.part"))
            os.replace(os.path.join(args.out, BASENAME + ".gpkg.part"), os.path.join(args.out, BASENAME + ".gpkg"))
        shutil.move(gj_tmp, gj + ".part")
        os.replace(gj + ".part", gj)
        kinds = {}
        for f in feats:
            k = f["geometry"]["type"] if f["geometry"] else "NULL"
            kinds[k] = kinds.get(k, 0) + 1
        print("wrote %s (%d works in %d municipalities: %s; 国 %d, 道 %d) — SYNTHETIC benchmark data"
              % (gj, len(feats), len(munis), ", ".join("%s %d" % kv for kv in sorted(kinds.items())),
                 counters["国"], counters["道"]))
        if not args.no_gpkg:
            print("wrote %s" % os.path.join(args.out, BASENAME + ".gpkg"))
            if args.check:
                print("check (works, NULL geometry, invalid, not within their municipality):")
                print(check_placement(os.path.join(args.out, BASENAME + ".gpkg"), args.municipalities, tmpdir))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    main()
