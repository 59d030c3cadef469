#pragma once
// Plain geometry passed between pipeline stages. No library types here:
// OGR, PROJ and GEOS geometries stay inside the stage that owns them.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace ipmap {

/// A coordinate pair. In map space x = easting, y = northing (metres or degrees);
/// on the page x grows to the right and y grows downwards (millimetres).
struct XY {
    double x = 0.0;
    double y = 0.0;
    friend bool operator==(const XY&, const XY&) = default;
};

/// Axis-aligned rectangle; empty when min > max.
struct Box {
    double minx = std::numeric_limits<double>::infinity();
    double miny = std::numeric_limits<double>::infinity();
    double maxx = -std::numeric_limits<double>::infinity();
    double maxy = -std::numeric_limits<double>::infinity();

    static Box of(double x0, double y0, double x1, double y1) {
        return Box{std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1)};
    }
    bool empty() const { return !(minx <= maxx && miny <= maxy); }
    double width() const { return empty() ? 0.0 : maxx - minx; }
    double height() const { return empty() ? 0.0 : maxy - miny; }
    XY center() const { return {(minx + maxx) / 2, (miny + maxy) / 2}; }
    void expand(XY p) {
        minx = std::min(minx, p.x); miny = std::min(miny, p.y);
        maxx = std::max(maxx, p.x); maxy = std::max(maxy, p.y);
    }
    void expand(const Box& b) {
        if (b.empty()) return;
        expand(XY{b.minx, b.miny}); expand(XY{b.maxx, b.maxy});
    }
    Box grown(double d) const { return empty() ? *this : Box{minx - d, miny - d, maxx + d, maxy + d}; }
    bool contains(XY p) const { return p.x >= minx && p.x <= maxx && p.y >= miny && p.y <= maxy; }
    bool contains(const Box& b) const { return b.minx >= minx && b.maxx <= maxx && b.miny >= miny && b.maxy <= maxy; }
    /// True when the interiors overlap (touching edges do not count).
    bool overlaps(const Box& b) const {
        return minx < b.maxx && b.minx < maxx && miny < b.maxy && b.miny < maxy;
    }
    friend bool operator==(const Box&, const Box&) = default;
};

using Path = std::vector<XY>;

/// A polygon: the first ring is the exterior, the rest are holes.
struct Polygon {
    std::vector<Path> rings;
};

/// A possibly multi-part, possibly mixed geometry ("geometry of any type or none").
/// Empty when every part list is empty.
struct Geometry {
    std::vector<XY> points;
    std::vector<Path> lines;
    std::vector<Polygon> polygons;

    bool empty() const { return points.empty() && lines.empty() && polygons.empty(); }
    Box bounds() const {
        Box b;
        for (const auto& p : points) b.expand(p);
        for (const auto& l : lines) for (const auto& p : l) b.expand(p);
        for (const auto& poly : polygons) for (const auto& r : poly.rings) for (const auto& p : r) b.expand(p);
        return b;
    }
    /// Applies f to every coordinate (used by reprojection and the page transform).
    template <class F> void for_each_xy(F&& f) {
        for (auto& p : points) f(p);
        for (auto& l : lines) for (auto& p : l) f(p);
        for (auto& poly : polygons) for (auto& r : poly.rings) for (auto& p : r) f(p);
    }
};

/// Area of a ring (shoelace, closed or not), unsigned.
inline double ring_area(const Path& r) {
    double a = 0;
    for (std::size_t i = 0, n = r.size(); i < n; ++i) {
        const XY& p = r[i];
        const XY& q = r[(i + 1) % n];
        a += p.x * q.y - q.x * p.y;
    }
    return std::abs(a) / 2;
}

/// Distance from p to segment ab.
inline double distance(XY p, XY a, XY b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return std::hypot(a.x + t * dx - p.x, a.y + t * dy - p.y);
}

/// Distance from p to the closed box (0 inside).
inline double distance(XY p, const Box& b) {
    const double dx = std::max({b.minx - p.x, 0.0, p.x - b.maxx});
    const double dy = std::max({b.miny - p.y, 0.0, p.y - b.maxy});
    return std::hypot(dx, dy);
}

/// Even-odd point-in-polygon over all rings (holes excluded); a point on an edge may
/// count either way.
inline bool polygon_contains(const Polygon& poly, XY p) {
    bool in = false;
    for (const Path& r : poly.rings)
        for (std::size_t i = 0, n = r.size(), j = n - 1; i < n; j = i++) {
            const XY& a = r[i];
            const XY& b = r[j];
            if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) in = !in;
        }
    return in;
}

/// Liang-Barsky: the parameter range [t0, t1] of segment ab inside the closed box.
inline bool clip_segment(XY a, XY b, const Box& bx, double& t0, double& t1) {
    t0 = 0.0;
    t1 = 1.0;
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x - bx.minx, bx.maxx - a.x, a.y - bx.miny, bx.maxy - a.y};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0) return false;
        } else {
            const double r = q[i] / p[i];
            if (p[i] < 0) {
                if (r > t1) return false;
                if (r > t0) t0 = r;
            } else {
                if (r < t0) return false;
                if (r < t1) t1 = r;
            }
        }
    }
    return t0 <= t1;
}

}  // namespace ipmap
