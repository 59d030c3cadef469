#include "place/obstacles.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "place/coverage_raster.hpp"
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

/// The GEOS polygon for the plain polygon (valid or not), or null when degenerate.
GeomPtr make_polygon(GEOSContextHandle_t ctx, const Polygon& poly) {
    if (poly.rings.empty()) return own(ctx, static_cast<GEOSGeometry*>(nullptr));
    GeomPtr shell = make_ring(ctx, poly.rings[0]);
    if (!shell) return own(ctx, static_cast<GEOSGeometry*>(nullptr));
    std::vector<GeomPtr> holes;
    for (size_t i = 1; i < poly.rings.size(); ++i)
        if (GeomPtr h = make_ring(ctx, poly.rings[i])) holes.push_back(std::move(h));
    std::vector<GEOSGeometry*> raw;
    for (auto& h : holes) raw.push_back(h.release());  // the polygon takes them
    return own(ctx, GEOSGeom_createPolygon_r(ctx, shell.release(), raw.data(), static_cast<unsigned>(raw.size())));
}

Path ring_path(GEOSContextHandle_t ctx, const GEOSGeometry* ring) {
    Path out;
    const GEOSCoordSequence* seq = ring ? GEOSGeom_getCoordSeq_r(ctx, ring) : nullptr;
    unsigned n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(ctx, seq, &n)) return out;
    out.resize(n);
    for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_getXY_r(ctx, seq, i, &out[i].x, &out[i].y);
    return out;
}

/// The polygons of a (multi)polygon or collection, as plain polygons; other parts are dropped.
void polygons_of(GEOSContextHandle_t ctx, const GEOSGeometry* g, std::vector<Polygon>& out) {
    const int type = GEOSGeomTypeId_r(ctx, g);
    if (type == GEOS_POLYGON) {
        Polygon p;
        p.rings.push_back(ring_path(ctx, GEOSGetExteriorRing_r(ctx, g)));
        const int holes = GEOSGetNumInteriorRings_r(ctx, g);
        for (int i = 0; i < holes; ++i) p.rings.push_back(ring_path(ctx, GEOSGetInteriorRingN_r(ctx, g, i)));
        out.push_back(std::move(p));
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(ctx, g);
        for (int i = 0; i < n; ++i) polygons_of(ctx, GEOSGetGeometryN_r(ctx, g, i), out);
    }
}

/// Adds the polygon's area to the raster: as it is when GEOS finds it valid, else what
/// GEOSMakeValid makes of it. False when GEOS cannot build it (degenerate exterior).
bool add_polygon(GEOSContextHandle_t ctx, const Polygon& poly, CoverageRaster& raster) {
    GeomPtr g = make_polygon(ctx, poly);
    if (!g) return false;
    if (GEOSisValid_r(ctx, g.get()) == 1) {
        raster.add(poly);
        return true;
    }
    GeomPtr fixed = own(ctx, GEOSMakeValid_r(ctx, g.get()));
    if (!fixed) return false;
    std::vector<Polygon> parts;
    polygons_of(ctx, fixed.get(), parts);
    for (const auto& p : parts) raster.add(p);
    return true;
}

/// True when the bounds of the polygon's finite points meet b.
bool bounds_meet(const Polygon& poly, const Box& b) {
    Box pb;
    for (const auto& r : poly.rings)
        for (const auto& p : r)
            if (std::isfinite(p.x) && std::isfinite(p.y)) pb.expand(p);
    return !pb.empty() && pb.minx <= b.maxx && b.minx <= pb.maxx && pb.miny <= b.maxy && b.miny <= pb.maxy;
}

struct Segment {
    XY a, b;
};

}  // namespace

struct StaticIndex::Impl {
    GeosContext geos;
    PlacementWeights w;
    Clearance cl;
    const HardBoxIndex* hard = nullptr;  // keep-outs + labels
    std::vector<Segment> segs;  // work lines and work polygon outlines
    std::vector<Box> soft;
    STRtreePtr soft_tree;       // items: segments as i, soft boxes as segs.size() + k
    PointGrid anchors;
    std::unique_ptr<CoverageRaster> land, areas;
};

StaticIndex::StaticIndex(const PlacementContext& c, const HardBoxIndex& hard, const std::vector<AnchorRef>& anchors,
                         const PlacementWeights& w, Clearance cl)
    : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    GEOSContextHandle_t ctx = m.geos.get();
    m.hard = &hard;
    m.w = w;
    m.cl = cl;

    Box extent = c.page;
    extent.expand(c.printable);
    extent.expand(c.map_frame);
    if (extent.empty()) extent = Box::of(0, 0, 1, 1);

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
    // A first query builds the tree; from here on it is only read.
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
        const Box cells{extent.minx, extent.miny, extent.minx + r->nx() * cell, extent.miny + r->ny() * cell};
        bool any = false;
        for (const auto& p : polys)
            if (bounds_meet(p, cells) && add_polygon(ctx, p, *r)) any = true;
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
    if (m.hard->empty()) return true;
    Box region = grown;
    region.expand(leader.bounds().grown(m.cl.lead));
    return m.hard->query(region, [&](const Box& h) {
        if (grown.overlaps(h)) return false;
        if (strictly_inside(anchor, h, 0.0)) return true;  // the leader may leave the box its feature lies under
        // Keep the clearance, unless the anchor itself sits within it.
        const Box hg = h.grown(m.cl.lead);
        return !leader_hits_box(leader, strictly_inside(anchor, hg, 0.0) ? h : hg);
    });
}

bool StaticIndex::leader_ok(const Leader& leader) const {
    const Impl& m = *impl_;
    if (m.hard->empty()) return true;
    const XY anchor = leader.anchor();
    return m.hard->query(leader.bounds().grown(m.cl.lead), [&](const Box& h) {
        if (strictly_inside(anchor, h, 0.0)) return true;
        const Box hg = h.grown(m.cl.lead);
        return !leader_hits_box(leader, strictly_inside(anchor, hg, 0.0) ? h : hg);
    });
}

const HardBoxIndex& StaticIndex::hard() const { return *impl_->hard; }

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
