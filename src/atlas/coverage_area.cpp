#include "atlas/coverage_area.hpp"

#include <cmath>

namespace ipmap {

std::string missing_area(const Geometry& g) {
    if (g.empty()) return "geometry is null or empty";
    if (g.polygons.empty()) return "geometry is not a polygon (points or lines only)";
    double area = 0;
    for (const Polygon& poly : g.polygons)
        for (const Path& r : poly.rings) {
            for (const XY& p : r)
                if (!std::isfinite(p.x) || !std::isfinite(p.y)) return "geometry has coordinates that are not finite numbers";
            if (&r == &poly.rings.front()) area += ring_area(r);  // holes do not make an area
        }
    if (!(area > 0)) return "geometry has zero area (empty or degenerate polygon)";
    return "";
}

std::string feature_ref(const Feature& f) {
    std::string s = f.source.file;
    if (!f.source.layer.empty()) s += ", layer '" + f.source.layer + "'";
    if (f.source.row >= 0) s += ", row " + std::to_string(f.source.row);
    return s;
}

std::string no_area_error(const SheetPlan& plan, const std::string& id_field, const std::string& layer_id,
                          const std::string& crs) {
    std::string msg = "sheet " + plan.id + ": no area to fit the sheet to in coverage layer '" + layer_id + "'";
    for (const Feature* f : plan.features) {
        std::string why = missing_area(f->geometry);
        if (why.empty()) why = "geometry has no usable area once transformed to " + crs;
        msg += "; " + feature_ref(*f) + " (" + id_field + " = '" + f->attr(id_field) + "'): " + why;
    }
    return msg;
}

}  // namespace ipmap
