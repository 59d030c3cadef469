#include <catch2/catch.hpp>

#include <cmath>

#include "atlas/coverage_area.hpp"

using namespace ipmap;

namespace {

Geometry square(double x, double y, double d) {
    Geometry g;
    g.polygons.push_back(Polygon{{Path{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}}});
    return g;
}

Feature feature(const std::string& code, Geometry g, long long row) {
    Feature f;
    f.attrs = {{"code", code}, {"name", "泊村"}, {"subpref", "後志総合振興局"}};
    f.geometry = std::move(g);
    f.source.file = "cov.geojson";
    f.source.row = row;
    return f;
}

}  // namespace

TEST_CASE("a coverage feature has a usable area only as a polygon with an area", "[atlas][coverage]") {
    CHECK(missing_area(square(0, 0, 10)) == "");
    CHECK_THAT(missing_area(Geometry{}), Catch::Contains("null or empty"));
    Geometry point;
    point.points.push_back({1, 2});
    CHECK_THAT(missing_area(point), Catch::Contains("not a polygon"));
    Geometry flat;
    flat.polygons.push_back(Polygon{{Path{{0, 0}, {1, 1}, {2, 2}, {0, 0}}}});
    CHECK_THAT(missing_area(flat), Catch::Contains("zero area"));
    Geometry no_ring;
    no_ring.polygons.push_back(Polygon{});
    CHECK_THAT(missing_area(no_ring), Catch::Contains("zero area"));
    Geometry inf = square(0, 0, 10);
    inf.polygons[0].rings[0][2].x = INFINITY;
    CHECK_THAT(missing_area(inf), Catch::Contains("not finite"));
}

TEST_CASE("a sheet without area names each feature, its row, id and problem", "[atlas][coverage]") {
    std::vector<Feature> cov{feature("90001", Geometry{}, 4), feature("90001", square(0, 0, 1), 7)};
    SheetPlan plan;
    plan.id = "90001";
    for (const auto& f : cov) plan.features.push_back(&f);
    const std::string e = no_area_error(plan, "code", "municipalities", "EPSG:6679");
    CHECK_THAT(e, Catch::Contains("sheet 90001") && Catch::Contains("'municipalities'"));
    CHECK_THAT(e, Catch::Contains("cov.geojson, row 4 (code = '90001'): geometry is null or empty"));
    CHECK_THAT(e, Catch::Contains("cov.geojson, row 7 (code = '90001'): geometry has no usable area once transformed to EPSG:6679"));
}
