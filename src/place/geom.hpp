#pragma once
// Private to src/place: exact predicates on segments and boxes, shared by the solver,
// the boundary stacks and audit(). Page millimetres, y down.
#include <algorithm>
#include <cmath>

#include "core/geometry.hpp"

namespace ipmap::place::detail {

inline double orient(XY a, XY b, XY c) { return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x); }

inline bool in_span(XY a, XY b, XY p) {
    return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
           p.y <= std::max(a.y, b.y);
}

inline Box seg_box(XY a, XY b) { return Box::of(a.x, a.y, b.x, b.y); }

/// Closed segments ab and cd share at least one point (touching counts).
inline bool segments_intersect(XY a, XY b, XY c, XY d) {
    if (std::max(a.x, b.x) < std::min(c.x, d.x) || std::max(c.x, d.x) < std::min(a.x, b.x) ||
        std::max(a.y, b.y) < std::min(c.y, d.y) || std::max(c.y, d.y) < std::min(a.y, b.y))
        return false;
    const double d1 = orient(c, d, a), d2 = orient(c, d, b);
    const double d3 = orient(a, b, c), d4 = orient(a, b, d);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        return true;
    if (d1 == 0 && in_span(c, d, a)) return true;
    if (d2 == 0 && in_span(c, d, b)) return true;
    if (d3 == 0 && in_span(a, b, c)) return true;
    if (d4 == 0 && in_span(a, b, d)) return true;
    return false;
}

inline double point_segment_dist2(XY p, XY a, XY b) {
    const double vx = b.x - a.x, vy = b.y - a.y;
    const double l2 = vx * vx + vy * vy;
    double t = l2 > 0 ? ((p.x - a.x) * vx + (p.y - a.y) * vy) / l2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const double dx = a.x + t * vx - p.x, dy = a.y + t * vy - p.y;
    return dx * dx + dy * dy;
}

/// Euclidean distance between closed segments ab and cd.
inline double segment_distance(XY a, XY b, XY c, XY d) {
    if (segments_intersect(a, b, c, d)) return 0.0;
    const double m = std::min({point_segment_dist2(a, c, d), point_segment_dist2(b, c, d),
                               point_segment_dist2(c, a, b), point_segment_dist2(d, a, b)});
    return std::sqrt(m);
}

inline XY lerp(XY a, XY b, double t) {
    if (t <= 0) return a;
    if (t >= 1) return b;
    return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
}

inline bool strictly_inside(XY p, const Box& bx, double eps = 1e-9) {
    return p.x > bx.minx + eps && p.x < bx.maxx - eps && p.y > bx.miny + eps && p.y < bx.maxy - eps;
}

/// Segment ab passes through the interior of the box (running along or touching its
/// boundary does not count). For a convex box the clipped chord's midpoint is interior
/// exactly when some part of the chord is.
inline bool segment_hits_interior(XY a, XY b, const Box& bx, double eps = 1e-9) {
    if (bx.empty() || bx.width() <= 2 * eps || bx.height() <= 2 * eps) return false;
    if (std::max(a.x, b.x) <= bx.minx || std::min(a.x, b.x) >= bx.maxx || std::max(a.y, b.y) <= bx.miny ||
        std::min(a.y, b.y) >= bx.maxy)
        return false;
    double t0, t1;
    if (!clip_segment(a, b, bx, t0, t1)) return false;
    return strictly_inside(lerp(a, b, (t0 + t1) / 2), bx, eps);
}

/// Length of segment ab inside the closed box.
inline double clipped_length(XY a, XY b, const Box& bx) {
    double t0, t1;
    if (!clip_segment(a, b, bx, t0, t1)) return 0.0;
    return (t1 - t0) * std::hypot(b.x - a.x, b.y - a.y);
}

/// Area of the intersection of two boxes (0 when disjoint).
inline double overlap_area(const Box& a, const Box& b) {
    const double w = std::min(a.maxx, b.maxx) - std::max(a.minx, b.minx);
    const double h = std::min(a.maxy, b.maxy) - std::max(a.miny, b.miny);
    return (w > 0 && h > 0) ? w * h : 0.0;
}

/// The point lies on the boundary of the box (within eps) and not outside it.
inline bool on_boundary(XY p, const Box& bx, double eps = 1e-6) {
    if (p.x < bx.minx - eps || p.x > bx.maxx + eps || p.y < bx.miny - eps || p.y > bx.maxy + eps) return false;
    return std::abs(p.x - bx.minx) <= eps || std::abs(p.x - bx.maxx) <= eps || std::abs(p.y - bx.miny) <= eps ||
           std::abs(p.y - bx.maxy) <= eps;
}

}  // namespace ipmap::place::detail
