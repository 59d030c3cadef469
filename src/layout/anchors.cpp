#include "layout/anchors.hpp"


#include <algorithm>
#include <cmath>
#include <memory>

#include "geos/geos_handles.hpp"

namespace ipmap {

namespace {

GEOSContextHandle_t ctx() { return geos::thread_context(); }
using geos::GeomPtr;
using geos::own;

GEOSGeometry* make_ring(const Path& ring) {
    std::vector<XY> pts = ring;
    if (pts.size() < 3) return nullptr;
    if (!(pts.front() == pts.back())) pts.push_back(pts.front());
    if (pts.size() < 4) return nullptr;
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx(), static_cast<unsigned>(pts.size()), 2);
    for (unsigned i = 0; i < pts.size(); ++i) GEOSCoordSeq_setXY_r(ctx(), seq, i, pts[i].x, pts[i].y);
    return GEOSGeom_createLinearRing_r(ctx(), seq);
}

GeomPtr make_polygon(const Polygon& p) {
    if (p.rings.empty()) return nullptr;
    GEOSGeometry* shell = make_ring(p.rings[0]);
    if (!shell) return nullptr;
    std::vector<GEOSGeometry*> holes;
    for (std::size_t i = 1; i < p.rings.size(); ++i)
        if (GEOSGeometry* h = make_ring(p.rings[i])) holes.push_back(h);
    return own(ctx(), GEOSGeom_createPolygon_r(ctx(), shell, holes.data(), static_cast<unsigned>(holes.size())));
}

double ring_area(const Path& r) {
    double a = 0;
    for (std::size_t i = 0, n = r.size(); i < n; ++i) {
        const XY& p = r[i];
        const XY& q = r[(i + 1) % n];
        a += p.x * q.y - q.x * p.y;
    }
    return std::abs(a) / 2;
}

/// Liang-Barsky: clips segment a-b to box; false when outside.
bool clip_segment(XY& a, XY& b, const Box& box) {
    double t0 = 0, t1 = 1, dx = b.x - a.x, dy = b.y - a.y;
    auto test = [&](double p, double q) {
        if (p == 0) return q >= 0;
        double r = q / p;
        if (p < 0) { if (r > t1) return false; t0 = std::max(t0, r); }
        else { if (r < t0) return false; t1 = std::min(t1, r); }
        return true;
    };
    if (!test(-dx, a.x - box.minx) || !test(dx, box.maxx - a.x) || !test(-dy, a.y - box.miny) ||
        !test(dy, box.maxy - a.y))
        return false;
    XY na{a.x + t0 * dx, a.y + t0 * dy}, nb{a.x + t1 * dx, a.y + t1 * dy};
    a = na;
    b = nb;
    return true;
}

/// Runs of a line inside the box, as separate paths.
std::vector<Path> clip_line(const Path& line, const Box& box) {
    std::vector<Path> runs;
    Path cur;
    for (std::size_t i = 1; i < line.size(); ++i) {
        XY a = line[i - 1], b = line[i];
        if (!clip_segment(a, b, box)) {
            if (cur.size() > 1) runs.push_back(cur);
            cur.clear();
            continue;
        }
        if (cur.empty() || !(cur.back() == a)) {
            if (cur.size() > 1) runs.push_back(cur);
            cur = {a};
        }
        cur.push_back(b);
        if (!(b == line[i])) {  // left the box
            runs.push_back(cur);
            cur.clear();
        }
    }
    if (cur.size() > 1) runs.push_back(cur);
    return runs;
}

double path_length(const Path& p) {
    double l = 0;
    for (std::size_t i = 1; i < p.size(); ++i) l += std::hypot(p[i].x - p[i - 1].x, p[i].y - p[i - 1].y);
    return l;
}

XY point_at(const Path& p, double dist) {
    for (std::size_t i = 1; i < p.size(); ++i) {
        double l = std::hypot(p[i].x - p[i - 1].x, p[i].y - p[i - 1].y);
        if (dist <= l && l > 0) {
            double t = dist / l;
            return {p[i - 1].x + t * (p[i].x - p[i - 1].x), p[i - 1].y + t * (p[i].y - p[i - 1].y)};
        }
        dist -= l;
    }
    return p.back();
}

}  // namespace

std::vector<Path> clip_path(const Path& line, const Box& box) { return clip_line(line, box); }

std::vector<Polygon> clip_polygon(const Polygon& polygon, const Box& box) {
    std::vector<Polygon> out;
    GeomPtr g = make_polygon(polygon);
    if (!g) return out;
    GeomPtr clipped = own(ctx(), GEOSClipByRect_r(ctx(), g.get(), box.minx, box.miny, box.maxx, box.maxy));
    if (!clipped || GEOSisEmpty_r(ctx(), clipped.get())) return out;
    auto read_ring = [](const GEOSGeometry* ring) {
        Path p;
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx(), ring);
        unsigned n = 0;
        GEOSCoordSeq_getSize_r(ctx(), seq, &n);
        p.resize(n);
        for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_getXY_r(ctx(), seq, i, &p[i].x, &p[i].y);
        return p;
    };
    auto add = [&](const GEOSGeometry* poly) {
        if (GEOSGeomTypeId_r(ctx(), poly) != GEOS_POLYGON || GEOSisEmpty_r(ctx(), poly)) return;
        Polygon out_poly;
        out_poly.rings.push_back(read_ring(GEOSGetExteriorRing_r(ctx(), poly)));
        int holes = GEOSGetNumInteriorRings_r(ctx(), poly);
        for (int i = 0; i < holes; ++i) out_poly.rings.push_back(read_ring(GEOSGetInteriorRingN_r(ctx(), poly, i)));
        out.push_back(std::move(out_poly));
    };
    int n = GEOSGetNumGeometries_r(ctx(), clipped.get());
    for (int i = 0; i < n; ++i) add(GEOSGetGeometryN_r(ctx(), clipped.get(), i));
    return out;
}

double covered_area(const std::vector<Polygon>& polygons, const Box& box) {
    double total = 0;
    for (const Polygon& p : polygons) {
        if (p.rings.empty()) continue;
        Box b;
        for (const XY& v : p.rings[0]) b.expand(v);
        if (!b.overlaps(box)) continue;
        for (const Polygon& part : clip_polygon(p, box)) {
            total += ring_area(part.rings[0]);
            for (std::size_t i = 1; i < part.rings.size(); ++i) total -= ring_area(part.rings[i]);
        }
    }
    return total;
}

double clipped_length(const std::vector<Path>& lines, const Box& clip) {
    double total = 0;
    for (const auto& l : lines)
        for (const auto& run : clip_line(l, clip)) total += path_length(run);
    return total;
}

std::vector<XY> line_anchors(const std::vector<Path>& lines, const Box& clip, std::size_t max_points) {
    std::vector<Path> runs;
    for (const auto& l : lines)
        for (auto& r : clip_line(l, clip)) runs.push_back(std::move(r));
    std::stable_sort(runs.begin(), runs.end(),
                     [](const Path& a, const Path& b) { return path_length(a) > path_length(b); });
    std::vector<XY> out;
    for (const auto& r : runs) {
        double len = path_length(r);
        if (out.size() < max_points) out.push_back(point_at(r, len / 2));
        if (out.size() < max_points && &r == &runs.front() && len > 10) {
            out.push_back(point_at(r, len / 4));
            if (out.size() < max_points) out.push_back(point_at(r, 3 * len / 4));
        }
        if (out.size() >= max_points) break;
    }
    return out;
}

std::vector<XY> polygon_anchors(const std::vector<Polygon>& polygons, const Box& clip, std::size_t max_parts,
                                const std::vector<Box>& exclude) {
    struct Part { double area; const Polygon* p; };
    std::vector<Part> parts;
    for (const auto& p : polygons)
        if (!p.rings.empty()) parts.push_back({ring_area(p.rings[0]), &p});
    std::stable_sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.area > b.area; });

    std::vector<XY> out;
    GeomPtr clip_box = own(ctx(), GEOSGeom_createRectangle_r(ctx(), clip.minx, clip.miny, clip.maxx, clip.maxy));
    for (const auto& part : parts) {
        if (out.size() >= max_parts) break;
        GeomPtr g = make_polygon(*part.p);
        if (!g) continue;
        if (!GEOSisValid_r(ctx(), g.get())) g.reset(GEOSMakeValid_r(ctx(), g.get()));
        if (!g) continue;
        GeomPtr inside = own(ctx(), GEOSIntersection_r(ctx(), g.get(), clip_box.get()));
        for (const Box& e : exclude) {
            if (!inside || GEOSisEmpty_r(ctx(), inside.get())) break;
            GeomPtr hole = own(ctx(), GEOSGeom_createRectangle_r(ctx(), e.minx, e.miny, e.maxx, e.maxy));
            inside.reset(GEOSDifference_r(ctx(), inside.get(), hole.get()));
        }
        if (!inside || GEOSisEmpty_r(ctx(), inside.get())) continue;
        double w = 0, h = 0;
        {
            double x0, y0, x1, y1;
            GEOSGeom_getXMin_r(ctx(), inside.get(), &x0);
            GEOSGeom_getYMin_r(ctx(), inside.get(), &y0);
            GEOSGeom_getXMax_r(ctx(), inside.get(), &x1);
            GEOSGeom_getYMax_r(ctx(), inside.get(), &y1);
            w = x1 - x0;
            h = y1 - y0;
        }
        double tol = std::max(std::max(w, h) / 200.0, 1e-9);
        GeomPtr mic = own(ctx(), GEOSMaximumInscribedCircle_r(ctx(), inside.get(), tol));
        XY c;
        bool ok = false;
        if (mic) {
            // The result is a line from the centre to the nearest boundary point.
            const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx(), mic.get());
            if (seq && GEOSCoordSeq_getXY_r(ctx(), seq, 0, &c.x, &c.y)) ok = std::isfinite(c.x) && std::isfinite(c.y);
        }
        if (!ok) {
            GeomPtr pos = own(ctx(), GEOSPointOnSurface_r(ctx(), inside.get()));
            if (pos && GEOSGeomGetX_r(ctx(), pos.get(), &c.x) && GEOSGeomGetY_r(ctx(), pos.get(), &c.y)) ok = true;
        }
        if (ok) out.push_back(c);
    }
    return out;
}

std::vector<XY> geometry_anchors(const Geometry& g, const Box& clip) {
    std::vector<XY> out;
    for (const auto& p : g.points)
        if (clip.contains(p)) out.push_back(p);
    for (const auto& p : line_anchors(g.lines, clip)) out.push_back(p);
    for (const auto& p : polygon_anchors(g.polygons, clip)) out.push_back(p);
    return out;
}

}  // namespace ipmap
