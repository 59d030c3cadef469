#include "atlas/sheet_works.hpp"


#include <algorithm>
#include <memory>

#include "geos/geos_handles.hpp"

namespace ipmap {

namespace {

GEOSContextHandle_t ctx() { return geos::thread_context(); }
using geos::GeomPtr;
using geos::own;
using geos::PreparedPtr;

GEOSCoordSequence* sequence(const Path& p, bool close) {
    std::size_t n = p.size() + (close && !(p.front() == p.back()) ? 1 : 0);
    GEOSCoordSequence* s = GEOSCoordSeq_create_r(ctx(), static_cast<unsigned>(n), 2);
    for (std::size_t i = 0; i < n; ++i) {
        const XY& q = i < p.size() ? p[i] : p.front();
        GEOSCoordSeq_setXY_r(ctx(), s, static_cast<unsigned>(i), q.x, q.y);
    }
    return s;
}

/// A GEOS collection of every part of `g` (invalid parts are skipped, not fatal).
GeomPtr to_geos(const Geometry& g) {
    std::vector<GEOSGeometry*> parts;
    for (const XY& p : g.points) {
        GEOSCoordSequence* s = GEOSCoordSeq_create_r(ctx(), 1, 2);
        GEOSCoordSeq_setXY_r(ctx(), s, 0, p.x, p.y);
        parts.push_back(GEOSGeom_createPoint_r(ctx(), s));
    }
    for (const Path& l : g.lines)
        if (l.size() >= 2) parts.push_back(GEOSGeom_createLineString_r(ctx(), sequence(l, false)));
    for (const Polygon& poly : g.polygons) {
        if (poly.rings.empty() || poly.rings[0].size() < 3) continue;
        GEOSGeometry* shell = GEOSGeom_createLinearRing_r(ctx(), sequence(poly.rings[0], true));
        std::vector<GEOSGeometry*> holes;
        for (std::size_t i = 1; i < poly.rings.size(); ++i)
            if (poly.rings[i].size() >= 3) holes.push_back(GEOSGeom_createLinearRing_r(ctx(), sequence(poly.rings[i], true)));
        if (shell) parts.push_back(GEOSGeom_createPolygon_r(ctx(), shell, holes.data(), static_cast<unsigned>(holes.size())));
    }
    parts.erase(std::remove(parts.begin(), parts.end(), nullptr), parts.end());
    return own(ctx(), GEOSGeom_createCollection_r(ctx(), GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())));
}

}  // namespace

std::vector<const ClassifiedWork*> works_for_sheet(const std::vector<ClassifiedWork>& works,
                                                   const std::vector<const Feature*>& area,
                                                   const std::vector<std::string>& codes) {
    Geometry merged;
    Box bounds;
    for (const Feature* f : area) {
        for (const auto& p : f->geometry.polygons) merged.polygons.push_back(p);
        bounds.expand(f->geometry.bounds());
    }
    GeomPtr geom = to_geos(merged);
    // Boundaries generalised by another tool may be slightly invalid: mend before preparing.
    if (geom && !GEOSisValid_r(ctx(), geom.get())) geom.reset(GEOSMakeValid_r(ctx(), geom.get()));
    PreparedPtr prepared = own(ctx(), geom ? GEOSPrepare_r(ctx(), geom.get()) : nullptr);

    std::vector<const ClassifiedWork*> out;
    for (const ClassifiedWork& w : works) {
        bool by_code = std::any_of(w.work.municipalities.begin(), w.work.municipalities.end(), [&](const std::string& c) {
            return std::find(codes.begin(), codes.end(), c) != codes.end();
        });
        bool by_geometry = false;
        if (!by_code && prepared && !w.work.geometry.empty()) {
            Box b = w.work.geometry.bounds();
            if (b.overlaps(bounds) || bounds.contains(b) || b.contains(bounds) ||
                (b.width() == 0 && b.height() == 0 && bounds.contains(b.center()))) {
                GeomPtr g = to_geos(w.work.geometry);
                by_geometry = g && GEOSPreparedIntersects_r(ctx(), prepared.get(), g.get()) == 1;
            }
        }
        if (by_code || by_geometry) out.push_back(&w);
    }
    return out;
}

}  // namespace ipmap
