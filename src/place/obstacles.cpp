#include "place/obstacles.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "place/geos_handles.hpp"

namespace ipmap::place::detail {
namespace {

/// Calls f(index) for each item of an STRtree whose envelope meets the box.
template <class F> void strtree_query(GEOSContextHandle_t ctx, GEOSSTRtree* tree, const Box& b, F&& f) {
    GeomPtr q = own(ctx, GEOSGeom_createRectangle_r(ctx, b.minx, b.miny, b.maxx, b.maxy));
    if (!q) return;
    GEOSSTRtree_query_r(
        ctx, tree, q.get(),
        [](void* item, void* userdata) {
            (*static_cast<F*>(userdata))(static_cast<int>(reinterpret_cast<std::intptr_t>(item) - 1));
        },
        &f);
}

void strtree_insert(GEOSContextHandle_t ctx, GEOSSTRtree* tree, const Box& b, int index) {
    GeomPtr env = own(ctx, GEOSGeom_createRectangle_r(ctx, b.minx, b.miny, b.maxx, b.maxy));
    // The envelope is copied into the tree (GEOS >= 3.9), so env may go.
    if (env) GEOSSTRtree_insert_r(ctx, tree, env.get(), reinterpret_cast<void*>(static_cast<std::intptr_t>(index) + 1));
}

GeomPtr make_ring(GEOSContextHandle_t ctx, const Path& ring) {
    Path pts;
    pts.reserve(ring.size() + 1);
    for (const auto& p : ring)
        if (std::isfinite(p.x) && std::isfinite(p.y) && (pts.empty() || !(pts.back() == p))) pts.push_back(p);
    if (pts.size() >= 2 && pts.front() == pts.back()) pts.pop_back();
    if (pts.size() < 3) return own(ctx, static_cast<GEOSGeometry*>(nullptr));
    pts.push_back(pts.front());
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, static_cast<unsigned>(pts.size()), 2);
    if (!seq) return own(ctx, static_cast<GEOSGeometry*>(nullptr));
    for (unsigned i = 0; i < pts.size(); ++i) GEOSCoordSeq_setXY_r(ctx, seq, i, pts[i].x, pts[i].y);
    return own(ctx, GEOSGeom_createLinearRing_r(ctx, seq));  // takes the sequence
}

/// A valid GEOS polygon for the plain polygon, or null when degenerate.
GeomPtr make_polygon(GEOSContextHandle_t ctx, const Polygon& poly) {
    if (poly.rings.empty()) return own(ctx, static_cast<GEOSGeometry*>(nullptr));
    GeomPtr shell = make_ring(ctx, poly.rings[0]);
    if (!shell) return own(ctx, static_cast<GEOSGeometry*>(nullptr));
    std::vector<GeomPtr> holes;
    for (size_t i = 1; i < poly.rings.size(); ++i)
        if (GeomPtr h = make_ring(ctx, poly.rings[i])) holes.push_back(std::move(h));
    std::vector<GEOSGeometry*> raw;
    for (auto& h : holes) raw.push_back(h.release());  // the polygon takes them
    GeomPtr g = own(ctx, GEOSGeom_createPolygon_r(ctx, shell.release(), raw.data(), static_cast<unsigned>(raw.size())));
    if (!g) return g;
    if (GEOSisValid_r(ctx, g.get()) != 1) {
        GeomPtr fixed = own(ctx, GEOSMakeValid_r(ctx, g.get()));
        if (!fixed) return own(ctx, static_cast<GEOSGeometry*>(nullptr));
        g = std::move(fixed);
    }
    return g;
}

/// Area coverage on a regular raster, answered for any box through a summed-area table.
class CoverageRaster {
public:
    CoverageRaster(const Box& extent, double cell) : ext_(extent), cell_(cell) {
        nx_ = std::max(1, static_cast<int>(std::ceil(ext_.width() / cell_)));
        ny_ = std::max(1, static_cast<int>(std::ceil(ext_.height() / cell_)));
    }

    /// Adds the polygon's area per cell. The recursion halves blocks of cells: a block
    /// the prepared polygon covers is filled, a disjoint one skipped, others clipped
    /// (GEOSClipByRect) so each level works on a smaller geometry.
    void add(GEOSContextHandle_t ctx, const GEOSGeometry* g) {
        if (cov_.empty()) cov_.assign(static_cast<size_t>(nx_) * ny_, 0.0);
        PreparedPtr prep = own(ctx, GEOSPrepare_r(ctx, g));
        if (!prep) return;
        double x0, y0, x1, y1;
        if (!GEOSGeom_getXMin_r(ctx, g, &x0) || !GEOSGeom_getYMin_r(ctx, g, &y0) || !GEOSGeom_getXMax_r(ctx, g, &x1) ||
            !GEOSGeom_getYMax_r(ctx, g, &y1))
            return;
        const int i0 = clampi((x0 - ext_.minx) / cell_, nx_), i1 = clampi((x1 - ext_.minx) / cell_, nx_) + 1;
        const int j0 = clampi((y0 - ext_.miny) / cell_, ny_), j1 = clampi((y1 - ext_.miny) / cell_, ny_) + 1;
        recurse(ctx, prep.get(), g, i0, i1, j0, j1);
    }

    void finish() {
        if (cov_.empty()) return;
        sat_.assign(static_cast<size_t>(nx_ + 1) * (ny_ + 1), 0.0);
        for (int j = 0; j < ny_; ++j) {
            double row = 0;
            for (int i = 0; i < nx_; ++i) {
                row += cov_[static_cast<size_t>(j) * nx_ + i];
                sat_[static_cast<size_t>(j + 1) * (nx_ + 1) + i + 1] = sat_[static_cast<size_t>(j) * (nx_ + 1) + i + 1] + row;
            }
        }
        cov_.clear();
        cov_.shrink_to_fit();
    }

    bool empty() const { return sat_.empty(); }

    /// Covered area inside b (mm²), exact up to the raster's uniform-within-cell assumption.
    double area(const Box& b) const {
        if (sat_.empty() || b.empty()) return 0.0;
        const double v = integral(b.maxx, b.maxy) - integral(b.minx, b.maxy) - integral(b.maxx, b.miny) +
                         integral(b.minx, b.miny);
        return std::max(0.0, v);
    }

private:
    static int clampi(double v, int n) {
        if (!(v > 0)) return 0;
        return std::min(n - 1, static_cast<int>(v));
    }
    Box block(int i0, int i1, int j0, int j1) const {
        return Box{ext_.minx + i0 * cell_, ext_.miny + j0 * cell_, ext_.minx + i1 * cell_, ext_.miny + j1 * cell_};
    }
    void recurse(GEOSContextHandle_t ctx, const GEOSPreparedGeometry* prep, const GEOSGeometry* g, int i0, int i1,
                 int j0, int j1) {
        const Box b = block(i0, i1, j0, j1);
        if (i1 - i0 == 1 && j1 - j0 == 1) {
            GeomPtr clip = own(ctx, GEOSClipByRect_r(ctx, g, b.minx, b.miny, b.maxx, b.maxy));
            double a = 0;
            if (clip && GEOSArea_r(ctx, clip.get(), &a)) cov_[static_cast<size_t>(j0) * nx_ + i0] += a;
            return;
        }
        GeomPtr rect = own(ctx, GEOSGeom_createRectangle_r(ctx, b.minx, b.miny, b.maxx, b.maxy));
        if (!rect) return;
        if (GEOSPreparedCovers_r(ctx, prep, rect.get()) == 1) {
            const double full = cell_ * cell_;
            for (int j = j0; j < j1; ++j)
                for (int i = i0; i < i1; ++i) cov_[static_cast<size_t>(j) * nx_ + i] += full;
            return;
        }
        if (GEOSPreparedIntersects_r(ctx, prep, rect.get()) != 1) return;
        GeomPtr clip = own(ctx, GEOSClipByRect_r(ctx, g, b.minx, b.miny, b.maxx, b.maxy));
        if (!clip || GEOSisEmpty_r(ctx, clip.get()) != 0) return;
        if (i1 - i0 >= j1 - j0) {
            const int m = (i0 + i1) / 2;
            recurse(ctx, prep, clip.get(), i0, m, j0, j1);
            recurse(ctx, prep, clip.get(), m, i1, j0, j1);
        } else {
            const int m = (j0 + j1) / 2;
            recurse(ctx, prep, clip.get(), i0, i1, j0, m);
            recurse(ctx, prep, clip.get(), i0, i1, m, j1);
        }
    }
    /// Integral of the coverage from the raster origin to (x, y): bilinear in the
    /// summed-area table, which is exact for a density constant within each cell.
    double integral(double x, double y) const {
        const double gx = std::clamp((x - ext_.minx) / cell_, 0.0, static_cast<double>(nx_));
        const double gy = std::clamp((y - ext_.miny) / cell_, 0.0, static_cast<double>(ny_));
        const int i = std::min(static_cast<int>(gx), nx_ - 1), j = std::min(static_cast<int>(gy), ny_ - 1);
        const double fx = gx - i, fy = gy - j;
        const size_t w = static_cast<size_t>(nx_ + 1);
        const double s00 = sat_[j * w + i], s10 = sat_[j * w + i + 1];
        const double s01 = sat_[(j + 1) * w + i], s11 = sat_[(j + 1) * w + i + 1];
        return s00 + fx * (s10 - s00) + fy * (s01 - s00) + fx * fy * (s11 - s10 - s01 + s00);
    }

    Box ext_;
    double cell_;
    int nx_ = 1, ny_ = 1;
    std::vector<double> cov_;
    std::vector<double> sat_;
};

struct Segment {
    XY a, b;
};

}  // namespace

struct StaticIndex::Impl {
    GeosContext geos;
    PlacementWeights w;
    Clearance cl;
    std::vector<Box> hard;      // keep_out + labels
    STRtreePtr hard_tree;
    std::vector<Segment> segs;  // work lines and work polygon outlines
    std::vector<Box> soft;
    STRtreePtr soft_tree;       // items: segments as i, soft boxes as segs.size() + k
    PointGrid anchors;
    std::unique_ptr<CoverageRaster> land, areas;
};

StaticIndex::StaticIndex(const PlacementContext& c, const std::vector<AnchorRef>& anchors, const PlacementWeights& w,
                         Clearance cl)
    : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    GEOSContextHandle_t ctx = m.geos.get();
    m.w = w;
    m.cl = cl;

    Box extent = c.page;
    extent.expand(c.printable);
    extent.expand(c.map_frame);
    if (extent.empty()) extent = Box::of(0, 0, 1, 1);

    // Hard boxes.
    m.hard_tree = own(ctx, GEOSSTRtree_create_r(ctx, 10));
    for (const auto* list : {&c.keep_out, &c.labels})
        for (const Box& b : *list)
            if (!b.empty()) {
                strtree_insert(ctx, m.hard_tree.get(), b, static_cast<int>(m.hard.size()));
                m.hard.push_back(b);
            }

    // Soft: segments of work lines and polygon outlines, soft boxes.
    auto add_path = [&](const Path& p, bool closed) {
        for (size_t i = 0; i + 1 < p.size(); ++i)
            if (!(p[i] == p[i + 1])) m.segs.push_back({p[i], p[i + 1]});
        if (closed && p.size() > 2 && !(p.front() == p.back())) m.segs.push_back({p.back(), p.front()});
    };
    for (const auto& l : c.feature_lines) add_path(l, false);
    for (const auto& poly : c.feature_areas)
        for (const auto& r : poly.rings) add_path(r, true);
    for (const Box& b : c.soft_boxes)
        if (!b.empty()) m.soft.push_back(b);
    m.soft_tree = own(ctx, GEOSSTRtree_create_r(ctx, 10));
    for (size_t i = 0; i < m.segs.size(); ++i)
        strtree_insert(ctx, m.soft_tree.get(), seg_box(m.segs[i].a, m.segs[i].b), static_cast<int>(i));
    for (size_t k = 0; k < m.soft.size(); ++k)
        strtree_insert(ctx, m.soft_tree.get(), m.soft[k], static_cast<int>(m.segs.size() + k));
    // A first query builds the trees; from here on they are only read.
    strtree_query(ctx, m.hard_tree.get(), Box::of(0, 0, 0, 0), [](int) {});
    strtree_query(ctx, m.soft_tree.get(), Box::of(0, 0, 0, 0), [](int) {});

    // Anchors.
    std::vector<PointGrid::Item> items;
    items.reserve(anchors.size());
    for (const auto& a : anchors) items.push_back({a.p, a.req});
    m.anchors = PointGrid(extent, 5.0, items);

    // Coverage rasters: cells of ~1.4 mm on A3 (at most ~60k cells), fine enough for a
    // soft cost on balloons of 30 x 5 mm and more.
    const double cell = std::max(1.0, std::sqrt(extent.width() * extent.height() / 60000.0));
    auto build = [&](const std::vector<Polygon>& polys) -> std::unique_ptr<CoverageRaster> {
        auto r = std::make_unique<CoverageRaster>(extent, cell);
        bool any = false;
        for (const auto& p : polys)
            if (GeomPtr g = make_polygon(ctx, p)) {
                r->add(ctx, g.get());
                any = true;
            }
        if (!any) return nullptr;
        r->finish();
        return r;
    };
    if (w.cover_land != 0) m.land = build(c.land);
    if (w.cover_feature_area != 0) m.areas = build(c.feature_areas);
}

StaticIndex::~StaticIndex() = default;

bool StaticIndex::hard_ok(const Box& box, const Leader& leader, int req, const Box& container) const {
    const Impl& m = *impl_;
    if (!container.contains(box)) return false;
    const Box grown = box.grown(m.cl.gap);
    const XY anchor = leader.anchor();
    // No marker under a balloon (its own anchors excepted).
    if (m.anchors.any_inside(grown, [&](const PointGrid::Item& it) { return it.owner != req && !(it.p == anchor); }))
        return false;
    if (m.hard.empty()) return true;
    Box region = grown;
    region.expand(leader.bounds().grown(m.cl.lead));
    bool ok = true;
    strtree_query(m.geos.get(), m.hard_tree.get(), region, [&](int i) {
        if (!ok) return;
        const Box& h = m.hard[i];
        if (grown.overlaps(h)) {
            ok = false;
            return;
        }
        if (strictly_inside(anchor, h, 0.0)) return;  // the leader may leave the box its feature lies under
        // Keep the clearance, unless the anchor itself sits within it.
        const Box hg = h.grown(m.cl.lead);
        if (leader_hits_box(leader, strictly_inside(anchor, hg, 0.0) ? h : hg)) ok = false;
    });
    return ok;
}

bool StaticIndex::leader_ok(const Leader& leader) const {
    const Impl& m = *impl_;
    if (m.hard.empty()) return true;
    const XY anchor = leader.anchor();
    bool ok = true;
    strtree_query(m.geos.get(), m.hard_tree.get(), leader.bounds().grown(m.cl.lead), [&](int i) {
        if (!ok) return;
        const Box& h = m.hard[i];
        if (strictly_inside(anchor, h, 0.0)) return;
        const Box hg = h.grown(m.cl.lead);
        if (leader_hits_box(leader, strictly_inside(anchor, hg, 0.0) ? h : hg)) ok = false;
    });
    return ok;
}

double StaticIndex::cover_cost(const Box& box) const {
    const Impl& m = *impl_;
    double line_mm = 0, soft_mm2 = 0;
    if (!m.segs.empty() || !m.soft.empty()) {
        const size_t nseg = m.segs.size();
        strtree_query(m.geos.get(), m.soft_tree.get(), box, [&](int i) {
            if (static_cast<size_t>(i) < nseg)
                line_mm += clipped_length(m.segs[i].a, m.segs[i].b, box);
            else
                soft_mm2 += overlap_area(box, m.soft[i - nseg]);
        });
    }
    double cost = m.w.cover_features * line_mm + m.w.cover_soft * soft_mm2;
    if (m.land) cost += m.w.cover_land * m.land->area(box);
    if (m.areas) cost += m.w.cover_feature_area * m.areas->area(box);
    return cost;
}

}  // namespace ipmap::place::detail
