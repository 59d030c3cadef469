#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <vector>

#include "config/map_spec.hpp"
#include "core/errors.hpp"
#include "core/parallel_for.hpp"
#include "pipeline/project_data.hpp"

using namespace ipmap;

namespace {

std::vector<std::string> lines(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& x : d.items()) out.push_back(x.stage + " | " + x.to_line());
    return out;
}

}  // namespace

TEST_CASE("parallel_for runs every index exactly once on any thread count", "[pipeline][threads]") {
    for (int threads : {0, 1, 2, 7}) {
        std::vector<std::atomic<int>> seen(100);
        parallel_for(seen.size(), threads, [&](std::size_t i) { seen[i].fetch_add(1); });
        for (const auto& s : seen) CHECK(s.load() == 1);
    }
    int calls = 0;
    parallel_for(0, 4, [&](std::size_t) { ++calls; });
    CHECK(calls == 0);
}

TEST_CASE("layers read on several threads give the same project and diagnostics as on one", "[pipeline][threads]") {
    // The broken register (every kind of bad feature) over the real N03 boundaries.
    const MapSpec map = load_map(IPMAP_TEST_DATA_DIR "/broken/map.toml");
    Diagnostics one, four;
    const LoadedProject a = load_project(map, one, 1);
    const LoadedProject b = load_project(map, four, 4);
    REQUIRE(!lines(one).empty());
    CHECK(lines(one) == lines(four));
    REQUIRE(a.works.size() == b.works.size());
    for (std::size_t i = 0; i < a.works.size(); ++i) {
        CHECK(a.works[i].id == b.works[i].id);
        CHECK(a.works[i].geometry.bounds().minx == b.works[i].geometry.bounds().minx);
    }
    REQUIRE(a.base.size() == b.base.size());
    for (const auto& [id, features] : a.base) CHECK(features.size() == b.base.at(id).size());
    CHECK(a.layer_crs == b.layer_crs);
}

TEST_CASE("the first unreadable layer in map order is the one reported, on any thread count", "[pipeline][errors]") {
    MapSpec map = load_map(IPMAP_TEST_DATA_DIR "/broken/map.toml");
    REQUIRE(map.layers.size() >= 3);
    map.layers[1].source = "/nonexistent/first-missing.gpkg";
    map.layers[2].source = "/nonexistent/second-missing.geojson";
    for (int threads : {1, 3}) {
        Diagnostics d;
        try {
            load_project(map, d, threads);
            FAIL("no error for a missing source");
        } catch (const InputError& e) {
            CHECK(std::string(e.what()).find("first-missing.gpkg") != std::string::npos);
        }
    }
}
