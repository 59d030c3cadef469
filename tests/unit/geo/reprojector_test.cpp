#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <sstream>
#include <string>

#include "core/errors.hpp"
#include "geo/reprojector.hpp"

using ipmap::Reprojector;
using ipmap::XY;

namespace {

// 倶知安町役場, roughly.
constexpr double kKutchanLon = 140.7590;
constexpr double kKutchanLat = 42.9018;

/// Runs PROJ's own cs2cs on one coordinate given in the CRSs' authority axis order and
/// returns the two output numbers in authority order as well.
std::array<double, 2> cs2cs(const std::string& from, const std::string& to, double a, double b) {
    char in[128];
    std::snprintf(in, sizeof in, "%.10f %.10f", a, b);
    const std::string cmd = "echo '" + std::string(in) + "' | cs2cs -f %.6f " + from + " " + to + " 2>&1";
    FILE* pipe = popen(cmd.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buf[256];
    while (std::fgets(buf, sizeof buf, pipe)) out += buf;
    const int rc = pclose(pipe);
    INFO("cs2cs output: " << out);
    REQUIRE(rc == 0);
    std::istringstream ss(out);
    std::array<double, 2> r{};
    REQUIRE(static_cast<bool>(ss >> r[0] >> r[1]));
    return r;
}

// JGD2011 / Japan Plane Rectangular CS XI as GDAL-style WKT1 without any AUTHORITY node.
const char* kZoneXIWkt =
    R"(PROJCS["JGD2011 / Japan Plane Rectangular CS XI",GEOGCS["JGD2011",)"
    R"(DATUM["Japanese_Geodetic_Datum_2011",SPHEROID["GRS 1980",6378137,298.257222101]],)"
    R"(PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],)"
    R"(PARAMETER["latitude_of_origin",44],PARAMETER["central_meridian",140.25],)"
    R"(PARAMETER["scale_factor",0.9999],PARAMETER["false_easting",0],PARAMETER["false_northing",0],)"
    R"(UNIT["metre",1],AXIS["Northing",NORTH],AXIS["Easting",EAST]])";

}  // namespace

TEST_CASE("transformations match cs2cs within 1 mm", "[geo]") {
    SECTION("JGD2011 lon/lat to plane rectangular XI") {
        // cs2cs: input lat lon, output northing easting (EPSG axis order).
        const auto expected = cs2cs("EPSG:6668", "EPSG:6679", kKutchanLat, kKutchanLon);
        Reprojector r("EPSG:6668", "EPSG:6679");
        XY p{kKutchanLon, kKutchanLat};
        REQUIRE(r.transform(p));
        CHECK(p.x == Approx(expected[1]).margin(0.001));  // easting
        CHECK(p.y == Approx(expected[0]).margin(0.001));  // northing
        // Sanity: 倶知安 lies ~41.6 km east and ~122 km south of the zone XI origin (44N 140.25E).
        CHECK(p.x == Approx(41566).margin(100));
        CHECK(p.y == Approx(-121874).margin(100));
    }
    SECTION("WGS 84 and JGD2000 sources") {
        for (const char* src : {"EPSG:4326", "EPSG:4612"}) {
            INFO("source " << src);
            const auto expected = cs2cs(src, "EPSG:6679", kKutchanLat, kKutchanLon);
            Reprojector r(src, "EPSG:6679");
            XY p{kKutchanLon, kKutchanLat};
            REQUIRE(r.transform(p));
            CHECK(p.x == Approx(expected[1]).margin(0.001));
            CHECK(p.y == Approx(expected[0]).margin(0.001));
            CHECK(r.source_is_geographic());
        }
    }
    SECTION("plane rectangular XII and XIII sources") {
        for (const char* src : {"EPSG:6680", "EPSG:6681"}) {
            INFO("source " << src);
            // Kutchan in the neighbouring zone (northing, easting), then back to zone XI and to lon/lat.
            const auto in_zone = cs2cs("EPSG:6668", src, kKutchanLat, kKutchanLon);
            const auto to_xi = cs2cs(src, "EPSG:6679", in_zone[0], in_zone[1]);
            Reprojector r(src, "EPSG:6679");
            CHECK_FALSE(r.source_is_geographic());
            XY p{in_zone[1], in_zone[0]};  // x = easting, y = northing
            REQUIRE(r.transform(p));
            CHECK(p.x == Approx(to_xi[1]).margin(0.001));
            CHECK(p.y == Approx(to_xi[0]).margin(0.001));

            Reprojector back(src, "EPSG:6668");
            XY q{in_zone[1], in_zone[0]};
            REQUIRE(back.transform(q));
            CHECK(q.x == Approx(kKutchanLon).margin(1e-8));  // x = lon
            CHECK(q.y == Approx(kKutchanLat).margin(1e-8));  // y = lat
        }
    }
}

TEST_CASE("x is lon or easting and y lat or northing whatever the CRS axis order", "[geo]") {
    SECTION("a WKT CRS without authority codes as source and target") {
        const auto expected = cs2cs("EPSG:6668", "EPSG:6679", kKutchanLat, kKutchanLon);
        Reprojector to_wkt("EPSG:6668", kZoneXIWkt);
        XY p{kKutchanLon, kKutchanLat};
        REQUIRE(to_wkt.transform(p));
        CHECK(p.x == Approx(expected[1]).margin(0.001));  // easting first although the WKT says N, E
        CHECK(p.y == Approx(expected[0]).margin(0.001));

        Reprojector from_wkt(kZoneXIWkt, "EPSG:6668");
        CHECK_FALSE(from_wkt.source_is_geographic());
        XY q{expected[1], expected[0]};
        REQUIRE(from_wkt.transform(q));
        CHECK(q.x == Approx(kKutchanLon).margin(1e-8));
        CHECK(q.y == Approx(kKutchanLat).margin(1e-8));
    }
    SECTION("geographic to geographic") {
        Reprojector r("EPSG:6668", "EPSG:4326");
        XY p{kKutchanLon, kKutchanLat};
        REQUIRE(r.transform(p));
        CHECK(p.x == Approx(kKutchanLon).margin(1e-5));
        CHECK(p.y == Approx(kKutchanLat).margin(1e-5));
    }
}

TEST_CASE("geometries, failures and moved-from Reprojectors", "[geo]") {
    SECTION("transforming a geometry moves every coordinate like transforming each point") {
        ipmap::Geometry g;
        g.points = {{140.70, 42.90}, {140.80, 42.95}};
        g.lines = {{{140.50, 42.80}, {140.60, 42.85}, {140.65, 42.70}}};
        g.polygons = {ipmap::Polygon{{{{140.0, 43.0}, {140.1, 43.0}, {140.1, 43.1}, {140.0, 43.0}},
                                      {{140.02, 43.01}, {140.05, 43.01}, {140.05, 43.05}, {140.02, 43.01}}}}};
        const ipmap::Geometry before = g;
        Reprojector r("EPSG:6668", "EPSG:6679");
        REQUIRE(r.transform(g));

        std::vector<XY> old_xy, new_xy;
        ipmap::Geometry b = before;
        b.for_each_xy([&](XY& p) { old_xy.push_back(p); });
        g.for_each_xy([&](XY& p) { new_xy.push_back(p); });
        REQUIRE(new_xy.size() == old_xy.size());
        REQUIRE(new_xy.size() == 2 + 3 + 8);
        for (std::size_t i = 0; i < new_xy.size(); ++i) {
            XY one = old_xy[i];
            REQUIRE(r.transform(one));
            CHECK(new_xy[i].x == Approx(one.x).margin(1e-6));
            CHECK(new_xy[i].y == Approx(one.y).margin(1e-6));
            CHECK(std::abs(new_xy[i].x - old_xy[i].x) > 1000);  // metres now, not degrees
            CHECK(std::abs(new_xy[i].y - old_xy[i].y) > 1000);
        }
    }
    SECTION("a failed transformation returns false and leaves the point unchanged") {
        Reprojector r("EPSG:4326", "EPSG:6679");
        XY p{140.0, 95.0};  // latitude out of range
        CHECK_FALSE(r.transform(p));
        CHECK(p == XY{140.0, 95.0});

        ipmap::Geometry g;
        g.points = {{140.7, 42.9}, {140.0, 95.0}};
        CHECK_FALSE(r.transform(g));
        CHECK(g.points[1] == XY{140.0, 95.0});
        CHECK(g.points[0].x > 1000);  // the good point was still transformed (metres)
    }
    SECTION("a Reprojector can be moved") {
        Reprojector a("EPSG:6668", "EPSG:6679");
        Reprojector b(std::move(a));
        XY p{kKutchanLon, kKutchanLat};
        REQUIRE(b.transform(p));
        CHECK(p.x == Approx(41566).margin(100));
        Reprojector c("EPSG:6668", "EPSG:6668");
        c = std::move(b);
        XY q{kKutchanLon, kKutchanLat};
        REQUIRE(c.transform(q));
        CHECK(q.x == Approx(41566).margin(100));
    }
}

TEST_CASE("an unknown CRS throws InputError naming the CRS text and PROJ's reason", "[geo]") {
    try {
        Reprojector r("EPSG:99999", "EPSG:6679");
        FAIL("no exception");
    } catch (const ipmap::InputError& e) {
        const std::string msg = e.what();
        CHECK_THAT(msg, Catch::StartsWith("unknown CRS 'EPSG:99999': "));
        CHECK(msg.size() > std::string("unknown CRS 'EPSG:99999': ").size());
    }
    CHECK_THROWS_WITH(Reprojector("EPSG:6668", "PROJCS[\"broken\""),
                      Catch::StartsWith("unknown CRS 'PROJCS[\"broken\"': "));
    CHECK_THROWS_AS(Reprojector("EPSG:6668", ""), ipmap::InputError);
    CHECK_THROWS_WITH(Reprojector("+proj=merc", "EPSG:6668"), Catch::Contains("not a CRS"));
}

TEST_CASE("CRS information: area of use, geographic or not, short description", "[geo]") {
    SECTION("the area of use of the source CRS is given in lon/lat") {
        Reprojector xi("EPSG:6679", "EPSG:6668");
        const ipmap::Box area = xi.source_area_of_use();
        REQUIRE_FALSE(area.empty());
        CHECK(area.contains(XY{kKutchanLon, kKutchanLat}));
        CHECK_FALSE(area.contains(XY{139.69, 35.69}));  // Tokyo
        CHECK_FALSE(area.contains(XY{144.38, 42.98}));  // Kushiro is zone XIII

        Reprojector wkt(kZoneXIWkt, "EPSG:6668");
        CHECK(wkt.source_area_of_use().empty());  // WKT1 without an extent
    }
    SECTION("describe_crs gives the code and the name") {
        CHECK(ipmap::describe_crs("EPSG:6679") == "EPSG:6679 (JGD2011 / Japan Plane Rectangular CS XI)");
        CHECK(ipmap::describe_crs("EPSG:6668") == "EPSG:6668 (JGD2011)");
        CHECK(ipmap::describe_crs(kZoneXIWkt) == "EPSG:6679 (JGD2011 / Japan Plane Rectangular CS XI)");
        CHECK(ipmap::describe_crs("EPSG:99999") == "EPSG:99999");  // unknown: the text itself
    }
}
