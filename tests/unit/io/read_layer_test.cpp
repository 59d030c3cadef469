#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

#include "core/errors.hpp"
#include "io/read_layer.hpp"
#include "test_support.hpp"

using namespace io_test;
using ipmap::Diagnostics;
using ipmap::InputError;
using ipmap::read_layer;
using ipmap::XY;

namespace {

/// The InputError message of read_layer(spec), or "" when it does not throw.
std::string error_of(const ipmap::LayerSpec& spec) {
    Diagnostics d;
    try {
        read_layer(spec, d);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

/// Writes a shapefile `name`.shp of `count` points into `dir` with GDAL.
void write_point_shapefile(const std::string& dir, const std::string& name, int count = 1) {
    GDALAllRegister();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
    REQUIRE(drv != nullptr);
    GDALDataset* ds = drv->Create(dir.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    REQUIRE(ds != nullptr);
    OGRSpatialReference srs;
    srs.importFromEPSG(6668);
    OGRLayer* layer = ds->CreateLayer(name.c_str(), &srs, wkbPoint, nullptr);
    REQUIRE(layer != nullptr);
    OGRFieldDefn field("code", OFTString);
    REQUIRE(layer->CreateField(&field) == OGRERR_NONE);
    for (int i = 0; i < count; ++i) {
        OGRFeature* f = OGRFeature::CreateFeature(layer->GetLayerDefn());
        f->SetField("code", "01400");
        OGRPoint p(140.759 + i * 0.01, 42.9018);
        f->SetGeometry(&p);
        REQUIRE(layer->CreateFeature(f) == OGRERR_NONE);
        OGRFeature::DestroyFeature(f);
    }
    GDALClose(ds);
}

}  // namespace

TEST_CASE("GeoJSON values, lists and geometries", "[io]") {
    SECTION("values become UTF-8 text and NULL becomes nullopt") {
        Diagnostics diag;
        const auto l = read_layer(spec_for(kData + "attributes.geojson"), diag);
        CHECK(l.layer_id == "test");
        CHECK(l.file == kData + "attributes.geojson");
        CHECK(l.ogr_layer == "works");
        CHECK(l.crs == "EPSG:6668");
        CHECK(l.columns == std::vector<std::string>{"id", "事業名", "count", "progress", "ratio", "note", "done",
                                                    "start", "updated", "codes", "projects"});
        REQUIRE(l.records.size() == 4);
        CHECK(diag.items().empty());

        const auto& r1 = l.records[0];
        CHECK(r1.source.file == kData + "attributes.geojson");
        CHECK(r1.source.layer == "works");
        CHECK(r1.source.fid == 0);
        CHECK(r1.source.row == 1);
        CHECK(value_of(r1, "id") == "K-001");
        CHECK(value_of(r1, "事業名") == "国道5号 倶知安余市道路");
        CHECK(value_of(r1, "count") == "45");
        CHECK(value_of(r1, "progress") == "45.5");
        CHECK(value_of(r1, "ratio") == "0.1");
        CHECK(value_of(r1, "note") == "<null>");
        CHECK(value_of(r1, "done") == "true");
        CHECK(value_of(r1, "start") == "2019-04-01");
        CHECK(value_of(r1, "updated") == "2024-03-31T09:15:00+09:00");
        CHECK(value_of(r1, "codes") == "01400,01408");
        CHECK(value_of(r1, "projects") == "1,3");
        CHECK(r1.values.size() == l.columns.size());

        const auto& r2 = l.records[1];
        CHECK(r2.source.row == 2);
        CHECK(value_of(r2, "count") == "-3");
        CHECK(value_of(r2, "progress") == "100");
        CHECK(value_of(r2, "ratio") == "2.5");
        CHECK(value_of(r2, "done") == "false");
        CHECK(value_of(r2, "updated") == "2024-01-05T00:00:00Z");

        const auto& r3 = l.records[2];
        CHECK(value_of(r3, "ratio") == "<null>");
        CHECK(value_of(r3, "note") == "");  // an empty string is not NULL
        CHECK(value_of(r3, "codes") == "<null>");
        CHECK(value_of(r3, "done") == "<null>");
        CHECK(value_of(r3, "start") == "<null>");

        CHECK(value_of(l.records[3], "progress") == "12.25");
        CHECK(value_of(l.records[3], "projects") == "");
    }
    SECTION("list values are joined with the layer's list separator") {
        auto spec = spec_for(kData + "attributes.geojson");
        spec.list_separator = "・";
        Diagnostics diag;
        const auto l = read_layer(spec, diag);
        CHECK(value_of(l.records[0], "codes") == "01400・01408");
        CHECK(value_of(l.records[0], "projects") == "1・3");
    }
    SECTION("geometries are flattened into points, lines and polygons with Z dropped") {
        Diagnostics diag;
        const auto l = read_layer(spec_for(kData + "attributes.geojson"), diag);
        REQUIRE(l.records.size() == 4);

        const auto& point = l.records[0].geometry;  // POINT Z
        REQUIRE(point.points.size() == 1);
        CHECK(point.points[0] == XY{140.7590, 42.9018});  // x = lon, y = lat
        CHECK(point.lines.empty());
        CHECK(point.polygons.empty());

        const auto& multi = l.records[1].geometry;  // MULTILINESTRING
        REQUIRE(multi.lines.size() == 2);
        CHECK(multi.lines[0].size() == 2);
        CHECK(multi.lines[1].size() == 3);
        CHECK(multi.lines[1][2] == XY{140.74, 42.78});

        const auto& collection = l.records[2].geometry;  // GEOMETRYCOLLECTION (POINT, POLYGON with hole)
        CHECK(collection.points.size() == 1);
        REQUIRE(collection.polygons.size() == 1);
        REQUIRE(collection.polygons[0].rings.size() == 2);
        CHECK(collection.polygons[0].rings[0].size() == 5);
        CHECK(collection.polygons[0].rings[1].size() == 4);
        CHECK_FALSE(l.records[2].geometry_invalid);

        CHECK(l.records[3].geometry.empty());  // null geometry
        for (const auto& r : l.records) CHECK_FALSE(r.geometry_invalid);
    }
}

TEST_CASE("attribute filters", "[io]") {
    SECTION("a filter selects features and rows count what was read") {
        auto spec = spec_for(kData + "attributes.geojson");
        spec.filter = "count > 0";
        Diagnostics diag;
        const auto l = read_layer(spec, diag);
        REQUIRE(l.records.size() == 2);
        CHECK(value_of(l.records[0], "id") == "K-001");
        CHECK(value_of(l.records[1], "id") == "K-004");
        CHECK(l.records[1].source.row == 2);
        CHECK(l.records[1].source.fid == 3);
    }
    SECTION("a bad filter names the file, quotes the filter and gives GDAL's reason") {
        SECTION("syntax error (OGR SQL)") {
            auto spec = spec_for(kData + "attributes.geojson");
            spec.filter = "count >>> 1";
            const std::string msg = error_of(spec);
            CHECK_THAT(msg, Catch::StartsWith(kData + "attributes.geojson: layer 'works': bad attribute filter "
                                                      "\"count >>> 1\": "));
            CHECK(msg.size() > (kData + "attributes.geojson: layer 'works': bad attribute filter \"count >>> 1\": ").size());
        }
        SECTION("unknown column (OGR SQL)") {
            auto spec = spec_for(kData + "attributes.geojson");
            spec.filter = "nosuch = 1";
            const std::string msg = error_of(spec);
            CHECK_THAT(msg, Catch::StartsWith(kData + "attributes.geojson: layer 'works': bad attribute filter "
                                                      "\"nosuch = 1\": "));
            CHECK_THAT(msg, Catch::Contains("nosuch", Catch::CaseSensitive::No) &&
                                Catch::Contains("field", Catch::CaseSensitive::No));
        }
        SECTION("unknown column (GeoPackage, checked by SQLite when reading)") {
            auto spec = spec_for(kShared + "hokkaido_municipalities.gpkg", "municipalities");
            spec.filter = "nosuch = 1";
            const std::string msg = error_of(spec);
            CHECK_THAT(msg, Catch::StartsWith(kShared + "hokkaido_municipalities.gpkg: layer 'municipalities': "
                                                        "bad attribute filter \"nosuch = 1\": "));
            CHECK_THAT(msg, Catch::Contains("SQL"));
        }
    }
}

TEST_CASE("layer selection and directory sources", "[io]") {
    SECTION("a wrong layer name lists the layers that exist") {
        const std::string path = kShared + "hokkaido_municipalities.gpkg";
        CHECK(error_of(spec_for(path, "municipality")) ==
              path + ": no layer named 'municipality'; the layers in this file are 'municipalities', 'sapporo_wards'");
    }
    SECTION("an empty layer name selects the first layer") {
        Diagnostics diag;
        const auto l = read_layer(spec_for(kShared + "hokkaido_municipalities.gpkg"), diag);
        CHECK(l.ogr_layer == "municipalities");
        CHECK(l.records.size() == 185);
    }
    SECTION("a directory that GDAL reads as a data source is accepted") {
        TempDir tmp;
        write_point_shapefile(tmp.path(), "points");
        Diagnostics diag;
        const auto l = read_layer(spec_for(tmp.path(), "points"), diag);
        CHECK(l.ogr_layer == "points");
        REQUIRE(l.records.size() == 1);
        CHECK(value_of(l.records[0], "code") == "01400");
        CHECK(l.crs == "EPSG:6668");
        REQUIRE(l.records[0].geometry.points.size() == 1);
        CHECK(l.records[0].geometry.points[0].x == Approx(140.759));
    }
}

TEST_CASE("unusable sources are InputErrors naming the file", "[io]") {
    TempDir tmp;
    SECTION("missing file") {
        const std::string path = tmp.file("missing.gpkg");
        CHECK(error_of(spec_for(path)) == path + ": file not found");
    }
    SECTION("empty file") {
        const std::string path = tmp.write("empty.geojson", "");
        CHECK(error_of(spec_for(path)) == path + ": file is empty (0 bytes)");
    }
    SECTION("directory that is not a data source") {
        const std::string msg = error_of(spec_for(tmp.path()));
        CHECK_THAT(msg, Catch::StartsWith(tmp.path() + ": is a directory, not a vector data file"));
    }
    SECTION("unrecognised file") {
        const std::string path = tmp.write("notes.txt", "this is not geodata\n");
        const std::string msg = error_of(spec_for(path));
        CHECK_THAT(msg, Catch::StartsWith(path + ": not a readable vector data source"));
        CHECK_THAT(msg, Catch::Contains("not recognized"));
    }
    SECTION("truncated GeoJSON") {
        const std::string path = kData + "truncated.geojson";
        const std::string msg = error_of(spec_for(path));
        CHECK_THAT(msg, Catch::StartsWith(path + ": not a readable vector data source"));
        CHECK_THAT(msg, Catch::Contains("GeoJSON"));
    }
    SECTION("truncated GeoPackage") {
        std::ifstream in(kShared + "hokkaido_municipalities.gpkg", std::ios::binary);
        std::string head(100000, '\0');
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        REQUIRE(in.gcount() == 100000);
        const std::string path = tmp.write("truncated.gpkg", head);
        const std::string msg = error_of(spec_for(path, "municipalities"));
        CHECK_THAT(msg, Catch::StartsWith(path + ": "));
        CHECK_THAT(msg, Catch::Contains("malformed"));
    }
    SECTION("truncated shapefile (fails while reading)") {
        write_point_shapefile(tmp.path(), "pts", 3);
        const std::string path = tmp.file("pts.shp");
        std::filesystem::resize_file(path, 100 + 28 + 10);  // header, one point record, a bit
        const std::string msg = error_of(spec_for(path));
        CHECK_THAT(msg, Catch::StartsWith(path + ": layer 'pts': read error after row 1 "
                                                 "(truncated or corrupt file?): "));
        CHECK_THAT(msg, Catch::Contains(".shp"));
    }
    SECTION("unreadable file") {
        if (::geteuid() == 0) {
            WARN("running as root: permissions cannot make a file unreadable; not checked");
        } else {
            const std::string path = tmp.write("secret.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}");
            std::filesystem::permissions(path, std::filesystem::perms::none);
            CHECK_THAT(error_of(spec_for(path)), Catch::StartsWith(path + ": file cannot be read"));
        }
    }
}

TEST_CASE("layer CRS", "[io]") {
    SECTION("a layer without a CRS takes crs from its definition or is an error") {
        const std::string path = kData + "wkt_no_crs.csv";
        auto spec = spec_for(path);
        CHECK(error_of(spec) == path + ": layer has no CRS; set crs = \"EPSG:...\" in layers/test.toml");

        spec.crs = "EPSG:6679";
        Diagnostics diag;
        const auto l = read_layer(spec, diag);
        CHECK(l.crs == "EPSG:6679");
        CHECK(l.columns == std::vector<std::string>{"id", "kind", "WKT"});
        REQUIRE(l.records.size() == 4);

        SECTION("curves are linearised") {
            const auto& arc = l.records[0].geometry;  // CIRCULARSTRING (0 0,1 1,2 0): unit circle about (1,0)
            REQUIRE(arc.lines.size() == 1);
            CHECK(arc.lines[0].size() > 10);
            for (const XY& p : arc.lines[0]) CHECK(std::hypot(p.x - 1, p.y) == Approx(1).margin(1e-9));
            CHECK(arc.lines[0].front() == XY{0, 0});
            CHECK(arc.lines[0].back() == XY{2, 0});

            const auto& disc = l.records[1].geometry;  // CURVEPOLYGON: full circle through (0,0) and (2,0)
            REQUIRE(disc.polygons.size() == 1);
            const auto& ring = disc.polygons[0].rings.at(0);
            CHECK(ring.size() > 10);
            CHECK(ring.front() == ring.back());
            for (const XY& p : ring) CHECK(std::hypot(p.x - 1, p.y) == Approx(1).margin(1e-9));
            CHECK_FALSE(l.records[1].geometry_invalid);
        }
        SECTION("Z is dropped and empty WKT gives an empty geometry") {
            REQUIRE(l.records[2].geometry.points.size() == 1);
            CHECK(l.records[2].geometry.points[0] == XY{3, 4});
            CHECK(l.records[3].geometry.empty());
        }
    }
    SECTION("force_crs overrides the source CRS") {
        auto spec = spec_for(kData + "attributes.geojson");
        spec.crs = "EPSG:4612";
        Diagnostics diag;
        CHECK(read_layer(spec, diag).crs == "EPSG:6668");  // crs alone is only a fallback
        spec.force_crs = true;
        CHECK(read_layer(spec, diag).crs == "EPSG:4612");
        spec.crs.clear();
        CHECK_THAT(error_of(spec), Catch::Contains("force_crs") && Catch::Contains("layers/test.toml"));
    }
}

TEST_CASE("a UTF-8 CSV with BOM and without geometry loads", "[io]") {
    Diagnostics diag;
    auto spec = spec_for(kData + "bom.csv");
    const auto l = read_layer(spec, diag);
    CHECK(l.columns == std::vector<std::string>{"事業番号", "事業名", "進捗率", "x", "y"});  // no BOM in the name
    REQUIRE(l.records.size() == 2);
    CHECK(value_of(l.records[0], "事業番号") == "K-001");
    CHECK(value_of(l.records[0], "事業名") == "国道5号 倶知安余市道路");
    CHECK(value_of(l.records[0], "進捗率") == "45.5");
    CHECK(value_of(l.records[1], "進捗率") == "");  // CSV: an empty cell is an empty string
    CHECK(l.records[0].geometry.empty());
    CHECK(l.crs == "EPSG:6668");  // no geometry column: nothing to transform
    CHECK(diag.items().empty());

    spec.crs = "EPSG:6679";
    CHECK(read_layer(spec, diag).crs == "EPSG:6679");
}

TEST_CASE("invalid and non-finite geometries are repaired or dropped and reported", "[io]") {
    const std::string path = kData + "invalid.geojson";
    Diagnostics diag;
    const auto l = read_layer(spec_for(path), diag);
    REQUIRE(l.records.size() == 5);

    const auto& square = record_where(l, "name", "square");
    CHECK_FALSE(square.geometry_invalid);
    CHECK(square.geometry_note.empty());
    CHECK(square.geometry.polygons.size() == 1);

    const auto& bowtie = record_where(l, "name", "bow-tie");
    CHECK(bowtie.geometry_invalid);
    CHECK_THAT(bowtie.geometry_note, Catch::Contains("MakeValid"));
    CHECK(bowtie.geometry.polygons.size() == 2);  // two triangles meeting at the crossing

    const auto& unclosed = record_where(l, "name", "unclosed");
    CHECK(unclosed.geometry_invalid);
    REQUIRE(unclosed.geometry.polygons.size() == 1);
    const auto& ring = unclosed.geometry.polygons[0].rings.at(0);
    CHECK(ring.size() == 5);
    CHECK(ring.front() == ring.back());

    const auto& inf = record_where(l, "name", "infinite");
    CHECK(inf.geometry.empty());
    CHECK_FALSE(inf.geometry_invalid);

    const auto& line = record_where(l, "name", "line");
    CHECK(line.geometry.lines.size() == 1);

    const auto invalid = diags_with(diag, "invalid geometry");
    REQUIRE(invalid.size() == 2);
    CHECK(invalid[0].row == 2);
    CHECK(invalid[0].file == path);
    CHECK(invalid[0].layer == "invalid");
    CHECK(invalid[0].field == "geometry");
    CHECK(invalid[0].stage == "load");
    CHECK(invalid[0].severity == ipmap::Severity::Warning);
    CHECK_THAT(invalid[0].message, Catch::Contains("Self-intersection"));
    CHECK(invalid[0].action == "repaired with MakeValid");
    CHECK(invalid[1].row == 3);
    CHECK_THAT(invalid[1].message, Catch::Contains("unclosed ring"));

    const auto nonfinite = diags_with(diag, "coordinate is NaN or infinite");
    REQUIRE(nonfinite.size() == 1);
    CHECK(nonfinite[0].row == 4);
    CHECK(nonfinite[0].field == "geometry");
    CHECK(nonfinite[0].action == "shown without geometry (callout at its municipality)");

    CHECK(diag.items().size() == 3);  // nothing else, e.g. no GDAL "Non closed ring" warning
}

TEST_CASE("real N03 data", "[io]") {
    SECTION("the Hokkaido GeoPackage reads completely") {
        // (How fast is a benchmark's question, not a unit test's: see bench/.)
        const auto spec = spec_for(kShared + "hokkaido_municipalities.gpkg", "municipalities");
        Diagnostics diag;
        const auto l = read_layer(spec, diag);

        CHECK(diag.items().empty());
        CHECK(l.crs == "EPSG:6668");
        CHECK(l.columns == std::vector<std::string>{"code", "pref", "subpref", "county", "name"});
        REQUIRE(l.records.size() == 185);
        const auto& kutchan = record_where(l, "code", "01400");
        CHECK(value_of(kutchan, "name") == "倶知安町");
        CHECK(value_of(kutchan, "county") == "虻田郡");
        CHECK(value_of(record_where(l, "code", "01100"), "county") == "<null>");  // 札幌市

        ipmap::Box all;
        std::size_t vertices = 0;
        for (const auto& r : l.records) {
            CHECK_FALSE(r.geometry_invalid);
            CHECK_FALSE(r.geometry.polygons.empty());
            all.expand(r.geometry.bounds());
            for (const auto& p : r.geometry.polygons)
                for (const auto& ring : p.rings) vertices += ring.size();
        }
        CHECK(vertices == 87935);
        CHECK(all.minx == Approx(139.3344).margin(1e-4));  // x = lon
        CHECK(all.maxx == Approx(148.8930).margin(1e-4));
        CHECK(all.miny == Approx(41.3523).margin(1e-4));   // y = lat
        CHECK(all.maxy == Approx(45.5556).margin(1e-4));
    }
    SECTION("the Shiribeshi GeoJSON exposes the feature id as a column") {
        Diagnostics diag;
        const auto l = read_layer(spec_for(kShared + "shiribeshi_municipalities.geojson"), diag);
        CHECK(l.crs == "EPSG:6668");
        REQUIRE(l.records.size() == 20);
        CHECK(std::find(l.columns.begin(), l.columns.end(), "id") != l.columns.end());
        for (const auto& r : l.records) CHECK(value_of(r, "id") == value_of(r, "code"));
        CHECK(value_of(record_where(l, "code", "01403"), "name") == "泊村");
        CHECK(diag.items().empty());
    }
}

TEST_CASE("thread safety and quiet GDAL", "[io]") {
    SECTION("concurrent reads give the same results as sequential ones") {
        const auto a = spec_for(kShared + "shiribeshi_municipalities.geojson");
        const auto b = spec_for(kData + "invalid.geojson");
        Diagnostics seq;
        const std::size_t vertices_a = [&] {
            std::size_t n = 0;
            for (const auto& r : read_layer(a, seq).records)
                for (const auto& p : r.geometry.polygons)
                    for (const auto& ring : p.rings) n += ring.size();
            return n;
        }();
        REQUIRE(vertices_a > 1000);

        Diagnostics shared;
        std::vector<std::size_t> counts(8, 0);
        std::vector<std::string> errors(8);
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&, t] {
                try {
                    const auto l = read_layer(t % 2 ? b : a, shared);
                    for (const auto& r : l.records)
                        for (const auto& p : r.geometry.polygons)
                            for (const auto& ring : p.rings) counts[static_cast<std::size_t>(t)] += ring.size();
                } catch (const std::exception& e) {
                    errors[static_cast<std::size_t>(t)] = e.what();
                }
            });
        }
        for (auto& th : threads) th.join();
        for (int t = 0; t < 8; ++t) {
            CHECK(errors[static_cast<std::size_t>(t)].empty());
            if (t % 2 == 0) CHECK(counts[static_cast<std::size_t>(t)] == vertices_a);
        }
        CHECK(shared.items().size() == 4 * 3);  // the invalid fixture reports 3 each time
    }
    SECTION("GDAL's own error output never reaches stderr") {
        std::fflush(stderr);
        TempDir tmp;
        const std::string capture = tmp.file("stderr.txt");
        const int saved = ::dup(2);
        const int fd = ::open(capture.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        REQUIRE(saved >= 0);
        REQUIRE(fd >= 0);
        ::dup2(fd, 2);
        const std::string e1 = error_of(spec_for(kData + "truncated.geojson"));
        auto bad_filter = spec_for(kData + "attributes.geojson");
        bad_filter.filter = "count >>> 1";
        const std::string e2 = error_of(bad_filter);
        Diagnostics diag;
        read_layer(spec_for(kData + "invalid.geojson"), diag);
        std::fflush(stderr);
        ::dup2(saved, 2);
        ::close(saved);
        ::close(fd);
        CHECK_FALSE(e1.empty());
        CHECK_FALSE(e2.empty());
        std::ifstream in(capture);
        const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        CHECK(written.empty());
    }
}
