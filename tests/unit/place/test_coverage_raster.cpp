// The coverage raster (src/place/coverage_raster.hpp) against GEOS: per-cell areas and
// box areas of random and coastline-like polygons, with holes, several polygons, parts off
// the raster and degenerate rings.
//
// Tolerances: a cell's area is within kCellTol * cell² of GEOS's exact intersection area
// (the raster rounds coverage to 2^-24 of a cell; the rest is floating-point noise); a box
// on cell boundaries within that per cell it holds; any other box equals, within the same
// bound, the GEOS cell areas spread uniformly over each cell (what the raster promises).
#include <catch2/catch.hpp>
#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <vector>

#include "place/coverage_raster.hpp"
#include "place/obstacles.hpp"
#include "splitmix.hpp"

using ipmap::Box;
using ipmap::Path;
using ipmap::Polygon;
using ipmap::XY;
using ipmap::place::detail::CoverageRaster;

namespace {

constexpr double kCellTol = 1e-7;

class Rand : public place_test_random::SplitMix {
public:
    explicit Rand(uint64_t s) : SplitMix(s, 3) {}
};

/// A star-shaped ring (so a simple one) of n points around c, radii in [r0, r1];
/// counter-clockwise or clockwise.
Path star(Rand& r, XY c, double r0, double r1, int n, bool ccw) {
    Path ring;
    for (int i = 0; i < n; ++i) {
        const double t = 2 * std::numbers::pi * i / n * (ccw ? 1 : -1);
        const double k = r.uni(r0, r1);
        ring.push_back({c.x + k * std::cos(t), c.y + k * std::sin(t)});
    }
    return ring;
}

/// A coastline-like ring: a wobbly blob with fine jagged detail (thousands of points).
Path coastline(Rand& r, XY c, double rx, double ry, int n) {
    double ph[5];
    for (double& v : ph) v = r.uni(0, 2 * std::numbers::pi);
    Path ring;
    for (int i = 0; i < n; ++i) {
        const double t = 2 * std::numbers::pi * i / n;
        const double k = 1 + 0.13 * std::sin(3 * t + ph[0]) + 0.08 * std::sin(7 * t + ph[1]) +
                         0.04 * std::sin(17 * t + ph[2]) + 0.02 * std::sin(41 * t + ph[3]) +
                         0.01 * std::sin(301 * t + ph[4]) + r.uni(-0.004, 0.004);
        ring.push_back({c.x + rx * k * std::cos(t), c.y + ry * k * std::sin(t)});
    }
    return ring;
}

/// GEOS's side of the comparison: the polygon as place/obstacles.cpp builds it.
class Geos {
public:
    Geos() : ctx_(GEOS_init_r()) {}
    ~Geos() { GEOS_finish_r(ctx_); }
    Geos(const Geos&) = delete;
    Geos& operator=(const Geos&) = delete;

    GEOSGeometry* ring(const Path& in) const {
        Path pts;
        for (const auto& p : in)
            if (std::isfinite(p.x) && std::isfinite(p.y) && (pts.empty() || !(pts.back() == p))) pts.push_back(p);
        if (pts.size() >= 2 && pts.front() == pts.back()) pts.pop_back();
        if (pts.size() < 3) return nullptr;
        pts.push_back(pts.front());
        GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx_, static_cast<unsigned>(pts.size()), 2);
        for (unsigned i = 0; i < pts.size(); ++i) GEOSCoordSeq_setXY_r(ctx_, seq, i, pts[i].x, pts[i].y);
        return GEOSGeom_createLinearRing_r(ctx_, seq);
    }
    /// Null when the exterior ring is degenerate.
    GEOSGeometry* polygon(const Polygon& poly) const {
        if (poly.rings.empty()) return nullptr;
        GEOSGeometry* shell = ring(poly.rings[0]);
        if (!shell) return nullptr;
        std::vector<GEOSGeometry*> holes;
        for (size_t i = 1; i < poly.rings.size(); ++i)
            if (GEOSGeometry* h = ring(poly.rings[i])) holes.push_back(h);
        return GEOSGeom_createPolygon_r(ctx_, shell, holes.data(), static_cast<unsigned>(holes.size()));
    }
    GEOSGeometry* clip(const GEOSGeometry* g, const Box& b) const {
        return GEOSClipByRect_r(ctx_, g, b.minx, b.miny, b.maxx, b.maxy);
    }
    double clipped_area(const GEOSGeometry* g, const Box& b) const {
        GEOSGeometry* clip = GEOSClipByRect_r(ctx_, g, b.minx, b.miny, b.maxx, b.maxy);
        double a = 0;
        if (clip) {
            GEOSArea_r(ctx_, clip, &a);
            GEOSGeom_destroy_r(ctx_, clip);
        }
        return a;
    }
    bool valid(const GEOSGeometry* g) const { return GEOSisValid_r(ctx_, g) == 1; }
    void destroy(GEOSGeometry* g) const {
        if (g) GEOSGeom_destroy_r(ctx_, g);
    }

private:
    GEOSContextHandle_t ctx_;
};

double overlap(const Box& a, const Box& b) {
    const double w = std::min(a.maxx, b.maxx) - std::max(a.minx, b.minx);
    const double h = std::min(a.maxy, b.maxy) - std::max(a.miny, b.miny);
    return w > 0 && h > 0 ? w * h : 0.0;
}

/// Builds the raster of the polygons and checks it cell by cell and box by box against
/// GEOS (each polygon on its own: overlapping polygons add up).
void check(const std::vector<Polygon>& polys, const Box& extent, double cell, Rand& rnd) {
    Geos geos;
    CoverageRaster raster(extent, cell);
    std::vector<GEOSGeometry*> gs;
    for (const auto& p : polys) {
        raster.add(p);
        if (GEOSGeometry* g = geos.polygon(p)) {
            REQUIRE(geos.valid(g));  // the raster's precondition, so the generators' too
            gs.push_back(g);
        }
    }
    raster.finish();
    REQUIRE_FALSE(raster.empty());
    const int nx = raster.nx(), ny = raster.ny();
    auto cell_box = [&](int i, int j) {
        return Box{extent.minx + i * cell, extent.miny + j * cell, extent.minx + (i + 1) * cell, extent.miny + (j + 1) * cell};
    };
    const double tol = kCellTol * cell * cell;

    std::vector<double> exact(static_cast<size_t>(nx) * ny, 0.0);
    double worst = 0;
    for (int j = 0; j < ny; ++j) {
        // Each polygon cut to the row first, then to the cells (same areas, much faster).
        const Box row{extent.minx, extent.miny + j * cell, extent.minx + nx * cell, extent.miny + (j + 1) * cell};
        std::vector<GEOSGeometry*> strips;
        for (const auto* g : gs) strips.push_back(geos.clip(g, row));
        for (int i = 0; i < nx; ++i) {
            const Box cb = cell_box(i, j);
            double a = 0;
            for (const auto* g : strips)
                if (g) a += geos.clipped_area(g, cb);
            exact[static_cast<size_t>(j) * nx + i] = a;
            worst = std::max(worst, std::abs(raster.area(cb) - a));
        }
        for (auto* g : strips) geos.destroy(g);
    }
    INFO("worst cell error " << worst << " mm², tolerance " << tol);
    CHECK(worst <= tol);

    // Boxes on cell boundaries: GEOS's area of the box itself.
    for (int k = 0; k < 40; ++k) {
        const int i0 = static_cast<int>(rnd.uni(0, nx)), j0 = static_cast<int>(rnd.uni(0, ny));
        const int i1 = std::min(nx, i0 + 1 + static_cast<int>(rnd.uni(0, 40)));
        const int j1 = std::min(ny, j0 + 1 + static_cast<int>(rnd.uni(0, 20)));
        const Box b{extent.minx + i0 * cell, extent.miny + j0 * cell, extent.minx + i1 * cell, extent.miny + j1 * cell};
        double a = 0;
        for (const auto* g : gs) a += geos.clipped_area(g, b);
        INFO("aligned box " << i0 << "," << j0 << " - " << i1 << "," << j1);
        CHECK(std::abs(raster.area(b) - a) <= tol * (i1 - i0) * (j1 - j0) + 1e-9 * a);
    }
    // Any box, balloons' sizes, some reaching off the raster: the exact cell areas spread
    // uniformly over each cell.
    for (int k = 0; k < 200; ++k) {
        const double w = rnd.uni(0.3, 60), h = rnd.uni(0.3, 20);
        const double x = rnd.uni(extent.minx - 10, extent.maxx - w + 10), y = rnd.uni(extent.miny - 10, extent.maxy - h + 10);
        const Box b{x, y, x + w, y + h};
        double want = 0, cells = 0;
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const double o = overlap(b, cell_box(i, j));
                if (o <= 0) continue;
                want += exact[static_cast<size_t>(j) * nx + i] * o / (cell * cell);
                cells += 1;
            }
        INFO("box " << b.minx << "," << b.miny << " - " << b.maxx << "," << b.maxy);
        CHECK(std::abs(raster.area(b) - want) <= tol * std::max(cells, 1.0) + 1e-9 * want);
    }
    for (auto* g : gs) geos.destroy(g);
}

}  // namespace

TEST_CASE("coverage raster matches GEOS on random polygons with holes, partly off the raster", "[place][coverage]") {
    const Box extent = Box::of(10, 20, 110, 80);
    for (uint64_t seed = 1; seed <= 6; ++seed) {
        Rand r(seed);
        std::vector<Polygon> polys;
        for (int k = 0; k < 4; ++k) {
            // Centres up to 15 mm beyond the extent: some polygons reach off the raster.
            const XY c{r.uni(extent.minx - 15, extent.maxx + 15), r.uni(extent.miny - 15, extent.maxy + 15)};
            const double rad = r.uni(4, 30);
            Polygon p{{star(r, c, 0.6 * rad, rad, 3 + static_cast<int>(r.uni(0, 60)), r.uni() < 0.5)}};
            if (r.uni() < 0.6) p.rings.push_back(star(r, c, 0.1 * rad, 0.5 * rad, 3 + static_cast<int>(r.uni(0, 20)), r.uni() < 0.5));
            polys.push_back(p);
        }
        INFO("seed " << seed);
        check(polys, extent, r.uni(0.7, 2.3), r);
    }
}

TEST_CASE("coverage raster matches GEOS on coastline-like land with islands and lakes", "[place][coverage]") {
    // An A4 landscape page at the cell size StaticIndex picks for it.
    const Box extent = Box::of(0, 0, 297, 210);
    const double cell = std::max(1.0, std::sqrt(extent.width() * extent.height() / 60000.0));
    Rand r(42);
    std::vector<Polygon> polys;
    Polygon land{{coastline(r, {170, 120}, 150, 110, 6000)}};
    for (int k = 0; k < 3; ++k)  // lakes, apart from each other and from the coast
        land.rings.push_back(star(r, {130.0 + 30 * k, r.uni(100, 140)}, 2, 6, 40, k % 2 == 0));
    polys.push_back(land);
    for (int k = 0; k < 5; ++k)  // islands in the north-west sea
        polys.push_back(Polygon{{coastline(r, {r.uni(10, 60), r.uni(5, 40)}, r.uni(1, 6), r.uni(1, 6), 400)}});
    // A polygon overlapping the land counts again (land comes from several layers).
    polys.push_back(Polygon{{coastline(r, {150, 150}, 40, 30, 800)}});
    check(polys, extent, cell, r);
}

TEST_CASE("coverage raster: rectangles on cell boundaries and degenerate rings", "[place][coverage]") {
    const Box extent = Box::of(0, 0, 20, 10);
    Rand r(7);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<Polygon> polys;
    // Edges along cell boundaries, vertices on grid nodes, the closing point repeated.
    polys.push_back(Polygon{{{{2, 2}, {6, 2}, {6, 4}, {2, 4}, {2, 2}}}});
    // Repeated and non-finite points; a hole of two distinct points (ignored, as in GEOS).
    polys.push_back(Polygon{{{{8, 1}, {8, 1}, {13.5, 1.5}, {nan, 3}, {12.2, 7.7}, {8.4, 6}},
                             {{9, 3}, {10, 3}, {9, 3}}}});
    // A rectangle reaching off the raster on every side.
    polys.push_back(Polygon{{{{-5, -5}, {25, -5}, {25, 0.5}, {-5, 0.5}}}});
    check(polys, extent, 1.0, r);

    // A polygon whose exterior ring is degenerate adds nothing, holes included.
    CoverageRaster raster(extent, 1.0);
    raster.add(Polygon{{{{1, 1}, {5, 1}, {1, 1}}, {{2, 2}, {3, 2}, {3, 3}}}});
    raster.add(Polygon{});
    raster.finish();
    CHECK(raster.area(extent) == 0.0);
}

TEST_CASE("land that GEOS finds invalid costs what GEOS makes valid of it", "[place][coverage]") {
    using namespace ipmap::place;
    PlacementContext c;
    c.page = Box::of(0, 0, 100, 100);
    c.printable = c.page;
    c.map_frame = c.page;
    // A bow-tie: two triangles of 400 mm² each, one of them wound the other way.
    c.land.push_back(Polygon{{{{20, 20}, {60, 60}, {60, 20}, {20, 60}}}});
    PlacementWeights w;
    w.cover_land = 1.0;
    w.cover_features = w.cover_soft = w.cover_feature_area = 0.0;
    const HardBoxIndex hard(c);
    detail::StaticIndex statics(c, hard, {}, w, detail::Clearance{});
    CHECK(statics.cover_cost(Box::of(20, 20, 40, 60)) == Approx(400.0).epsilon(1e-3));
    CHECK(statics.cover_cost(Box::of(40, 20, 60, 60)) == Approx(400.0).epsilon(1e-3));
    CHECK(statics.cover_cost(Box::of(0, 0, 100, 100)) == Approx(800.0).epsilon(1e-3));
}
