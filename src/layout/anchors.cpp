#include "layout/anchors.hpp"


#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>
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

/// Clips segment a-b to box in place (core's Liang-Barsky); false when outside.
bool clip_segment(XY& a, XY& b, const Box& box) {
    double t0, t1;
    if (!ipmap::clip_segment(a, b, box, t0, t1)) return false;
    const double dx = b.x - a.x, dy = b.y - a.y;
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

std::vector<XY> geometry_anchors(const Geometry& g, const Box& clip, std::size_t max_line_points,
                                 std::size_t max_polygon_parts) {
    std::vector<XY> out;
    for (const auto& p : g.points)
        if (clip.contains(p)) out.push_back(p);
    for (const auto& p : line_anchors(g.lines, clip, max_line_points)) out.push_back(p);
    for (const auto& p : polygon_anchors(g.polygons, clip, max_polygon_parts)) out.push_back(p);
    return out;
}

std::vector<XY> anchors_beside_label(const Box& label, double offset, const std::vector<Polygon>& polygons,
                                     const Box& clip) {
    std::vector<XY> out;
    if (label.empty()) return out;
    const XY c = label.center();
    for (const XY p : {XY{c.x, label.maxy + offset}, XY{c.x, label.miny - offset}, XY{label.maxx + offset, c.y},
                       XY{label.minx - offset, c.y}}) {
        if (!clip.contains(p)) continue;
        if (!polygons.empty() &&
            std::none_of(polygons.begin(), polygons.end(), [&](const Polygon& poly) { return polygon_contains(poly, p); }))
            continue;
        out.push_back(p);
    }
    return out;
}

bool nearest_point_outside(const Geometry& g, XY from, const std::vector<Box>& avoid, const Box& clip, double step,
                           XY& found) {
    double best = std::numeric_limits<double>::infinity();
    auto consider = [&](XY p) {
        if (!clip.contains(p)) return;
        for (const Box& b : avoid)
            if (b.contains(p)) return;
        const double d = std::hypot(p.x - from.x, p.y - from.y);
        if (d < best) {
            best = d;
            found = p;
        }
    };
    auto walk = [&](const Path& path, bool closed) {
        const std::size_t n = path.size();
        for (std::size_t i = 0; i + 1 < n + (closed ? 1 : 0); ++i) {
            const XY a = path[i], b = path[(i + 1) % n];
            const double len = std::hypot(b.x - a.x, b.y - a.y);
            const int k = std::max(1, static_cast<int>(std::ceil(len / step)));
            for (int j = 0; j <= k; ++j) consider({a.x + (b.x - a.x) * j / k, a.y + (b.y - a.y) * j / k});
        }
    };
    for (const Path& l : g.lines) walk(l, false);
    for (const Polygon& poly : g.polygons)
        for (const Path& r : poly.rings) walk(r, true);
    return std::isfinite(best);
}

std::vector<XY> anchors_clear_of_labels(const Geometry& feature, const std::vector<XY>& anchors,
                                        const std::vector<Box>& labels, double margin, const Box& clip) {
    std::vector<Box> grown;
    for (const Box& b : labels) grown.push_back(b.grown(margin));
    std::vector<XY> out;
    for (const XY& a : anchors)
        if (std::none_of(grown.begin(), grown.end(), [&](const Box& b) { return b.contains(a); })) out.push_back(a);
    if (!out.empty() || anchors.empty()) return out;
    for (Box& b : grown) b = b.grown(0.05);  // strictly clear of them
    XY p;
    if (nearest_point_outside(feature, anchors.front(), grown, clip, 0.25, p)) return {p};
    return anchors;
}

// --- Free space ------------------------------------------------------------------------

namespace {
/// A cell index from a (possibly huge or non-finite) coordinate, without overflow: values
/// outside [-1, n] come back as -1 or n.
int cell_index(double v, int n) {
    if (!(v >= -1)) return -1;
    if (v > n) return n;
    return static_cast<int>(v);
}
}  // namespace

FreeSpaceGrid::FreeSpaceGrid(const Box& frame, double cell, double outside_cost)
    : frame_(frame), cell_(cell > 0 && std::isfinite(cell) ? cell : 2), outside_(outside_cost) {
    if (frame.empty() || !std::isfinite(frame.width()) || !std::isfinite(frame.height())) return;
    // Bounded: a frame of a few metres at 2 mm cells stays well under a million cells.
    nx_ = static_cast<int>(std::clamp(std::ceil(frame.width() / cell_), 1.0, 4000.0));
    ny_ = static_cast<int>(std::clamp(std::ceil(frame.height() / cell_), 1.0, 4000.0));
    mass_.assign(static_cast<std::size_t>(nx_) * ny_, 0.0);
}

void FreeSpaceGrid::add_line(const Path& line, double cost_per_mm) {
    if (empty() || finished_ || cost_per_mm == 0) return;
    const double step_max = cell_ / 2;
    for (std::size_t k = 1; k < line.size(); ++k) {
        const XY a = line[k - 1], b = line[k];
        const double len = std::hypot(b.x - a.x, b.y - a.y);
        if (!std::isfinite(len) || len <= 0) continue;
        const int n = static_cast<int>(std::clamp(std::ceil(len / step_max), 1.0, 100000.0));
        const double step = len / n;
        for (int s = 0; s < n; ++s) {
            const double t = (s + 0.5) / n;
            const int i = cell_index(std::floor((a.x + t * (b.x - a.x) - frame_.minx) / cell_), nx_);
            const int j = cell_index(std::floor((a.y + t * (b.y - a.y) - frame_.miny) / cell_), ny_);
            if (i < 0 || j < 0 || i >= nx_ || j >= ny_) continue;
            mass_[static_cast<std::size_t>(j) * nx_ + i] += cost_per_mm * step;
        }
    }
}

void FreeSpaceGrid::add_polygon(const Polygon& polygon, double cost_per_mm2) {
    if (empty() || finished_ || cost_per_mm2 == 0 || polygon.rings.empty()) return;
    // Crossings of the rings with each row's centre line; even-odd between them.
    std::vector<std::vector<double>> xs(ny_);
    bool any = false;
    for (const Path& ring : polygon.rings) {
        const std::size_t n = ring.size();
        if (n < 3) continue;
        for (std::size_t k = 0; k < n; ++k) {
            const XY a = ring[k], b = ring[(k + 1) % n];
            if (!std::isfinite(a.x) || !std::isfinite(a.y) || !std::isfinite(b.x) || !std::isfinite(b.y)) continue;
            if (a.y == b.y) continue;
            const double y0 = std::min(a.y, b.y), y1 = std::max(a.y, b.y);
            // Rows whose centre y = miny + (j + 0.5) cell lies in [y0, y1).
            const int j0 = std::max(0, cell_index(std::ceil((y0 - frame_.miny) / cell_ - 0.5), ny_));
            const int j1 = std::min(ny_ - 1, cell_index(std::ceil((y1 - frame_.miny) / cell_ - 0.5), ny_) - 1);
            for (int j = j0; j <= j1; ++j) {
                const double y = frame_.miny + (j + 0.5) * cell_;
                xs[j].push_back(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x));
                any = true;
            }
        }
    }
    if (!any) return;
    const double per_cell = cost_per_mm2 * cell_ * cell_;
    for (int j = 0; j < ny_; ++j) {
        auto& row = xs[j];
        if (row.size() < 2) continue;
        std::sort(row.begin(), row.end());
        for (std::size_t k = 0; k + 1 < row.size(); k += 2) {
            // Cells whose centre x lies in [row[k], row[k+1]).
            const int i0 = std::max(0, cell_index(std::ceil((row[k] - frame_.minx) / cell_ - 0.5), nx_));
            const int i1 = std::min(nx_ - 1, cell_index(std::ceil((row[k + 1] - frame_.minx) / cell_ - 0.5), nx_) - 1);
            for (int i = i0; i <= i1; ++i) mass_[static_cast<std::size_t>(j) * nx_ + i] += per_cell;
        }
    }
}

void FreeSpaceGrid::add_box(const Box& box, double cost_per_mm2) {
    if (empty() || finished_ || box.empty() || cost_per_mm2 == 0) return;
    const int i0 = std::max(0, cell_index(std::ceil((box.minx - frame_.minx) / cell_ - 0.5), nx_));
    const int i1 = std::min(nx_ - 1, cell_index(std::floor((box.maxx - frame_.minx) / cell_ - 0.5), nx_));
    const int j0 = std::max(0, cell_index(std::ceil((box.miny - frame_.miny) / cell_ - 0.5), ny_));
    const int j1 = std::min(ny_ - 1, cell_index(std::floor((box.maxy - frame_.miny) / cell_ - 0.5), ny_));
    const double per_cell = cost_per_mm2 * cell_ * cell_;
    for (int j = j0; j <= j1; ++j)
        for (int i = i0; i <= i1; ++i) mass_[static_cast<std::size_t>(j) * nx_ + i] += per_cell;
}

void FreeSpaceGrid::finish() {
    if (empty() || finished_) return;
    std::vector<double> sat(static_cast<std::size_t>(nx_ + 1) * (ny_ + 1), 0.0);
    for (int j = 0; j < ny_; ++j) {
        double row = 0;
        for (int i = 0; i < nx_; ++i) {
            row += mass_[static_cast<std::size_t>(j) * nx_ + i];
            sat[static_cast<std::size_t>(j + 1) * (nx_ + 1) + i + 1] = sat[static_cast<std::size_t>(j) * (nx_ + 1) + i + 1] + row;
        }
    }
    mass_ = std::move(sat);
    finished_ = true;
}

double FreeSpaceGrid::cost(const Box& w) const {
    if (empty() || !finished_ || w.empty()) return 0;
    // Cells (on the infinite lattice) whose centre lies in the window.
    const double fi0 = std::ceil((w.minx - frame_.minx) / cell_ - 0.5), fi1 = std::floor((w.maxx - frame_.minx) / cell_ - 0.5);
    const double fj0 = std::ceil((w.miny - frame_.miny) / cell_ - 0.5), fj1 = std::floor((w.maxy - frame_.miny) / cell_ - 0.5);
    if (!(fi1 >= fi0) || !(fj1 >= fj0)) return 0;
    if (!std::isfinite(fi0) || !std::isfinite(fi1) || !std::isfinite(fj0) || !std::isfinite(fj1)) return 0;
    const double total = (fi1 - fi0 + 1) * (fj1 - fj0 + 1);
    const int i0 = static_cast<int>(std::clamp(fi0, 0.0, static_cast<double>(nx_)));
    const int i1 = static_cast<int>(std::clamp(fi1 + 1, 0.0, static_cast<double>(nx_)));  // exclusive
    const int j0 = static_cast<int>(std::clamp(fj0, 0.0, static_cast<double>(ny_)));
    const int j1 = static_cast<int>(std::clamp(fj1 + 1, 0.0, static_cast<double>(ny_)));
    double inside_cells = 0, sum = 0;
    if (i1 > i0 && j1 > j0) {
        inside_cells = static_cast<double>(i1 - i0) * (j1 - j0);
        auto at = [&](int i, int j) { return mass_[static_cast<std::size_t>(j) * (nx_ + 1) + i]; };
        sum = at(i1, j1) - at(i0, j1) - at(i1, j0) + at(i0, j0);
    }
    return sum + (total - inside_cells) * cell_ * cell_ * outside_;
}

void rank_anchors_by_free_space(std::vector<XY>& anchors, const FreeSpaceGrid& grid, const Geometry& own,
                                double own_line_cost, double own_area_cost, double radius_mm, double tie_step) {
    if (anchors.size() < 2 || grid.empty() || !(radius_mm > 0) || !(tie_step > 0)) return;
    // The feature's own geometry, on the grid's lattice and inside its frame, so that what
    // the main grid counts of it comes off exactly.
    const double c = grid.cell();
    const Box& f = grid.frame();
    Box area;
    for (const XY& a : anchors)
        if (std::isfinite(a.x) && std::isfinite(a.y)) area.expand(a);
    area = area.grown(radius_mm + c);
    const Box local{std::max(f.minx, f.minx + std::floor((area.minx - f.minx) / c) * c),
                    std::max(f.miny, f.miny + std::floor((area.miny - f.miny) / c) * c), std::min(f.maxx, area.maxx),
                    std::min(f.maxy, area.maxy)};
    FreeSpaceGrid mine;
    if (!local.empty() && local.width() > 0 && local.height() > 0) {
        mine = FreeSpaceGrid(local, c, 0);
        for (const Path& l : own.lines) mine.add_line(l, own_line_cost);
        for (const Polygon& p : own.polygons) mine.add_polygon(p, own_area_cost);
        mine.finish();
    }
    const double window_area = 4 * radius_mm * radius_mm;
    struct Ranked { long long key; std::size_t index; };
    std::vector<Ranked> ranked;
    ranked.reserve(anchors.size());
    for (std::size_t k = 0; k < anchors.size(); ++k) {
        const XY a = anchors[k];
        const Box w{a.x - radius_mm, a.y - radius_mm, a.x + radius_mm, a.y + radius_mm};
        const double density = std::max(0.0, grid.cost(w) - mine.cost(w)) / window_area;
        // A bad anchor (non-finite) goes last.
        const bool ok = std::isfinite(a.x) && std::isfinite(a.y) && std::isfinite(density);
        const long long key = ok ? std::llround(std::min(std::floor(density / tie_step), 1e15)) : LLONG_MAX;
        ranked.push_back({key, k});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& x, const Ranked& y) { return x.key < y.key; });
    std::vector<XY> out;
    out.reserve(anchors.size());
    for (const Ranked& r : ranked) out.push_back(anchors[r.index]);
    anchors = std::move(out);
}

}  // namespace ipmap
