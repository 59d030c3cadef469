#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "config/map_spec.hpp"
#include "config_scratch.hpp"
#include "core/errors.hpp"

using namespace ipmap;
namespace fs = std::filesystem;

namespace {

/// A scratch folder with a style, a layer and a map whose text the test chooses.
struct Scratch : test::ConfigScratch {
    Scratch() : ConfigScratch("ipmap_config_") {}
    std::string map(const std::string& extra_map_keys, const std::string& tail = "") {
        return write("map.toml", "[map]\nname = \"t\"\nstyle = \"style.toml\"\nlayers = [\"muni.toml\"]\n"
                                 "municipality_layer = \"municipalities\"\nfiscal_year = \"R6\"\n" +
                                     extra_map_keys + "\n" + tail);
    }
};

}  // namespace

TEST_CASE("the shipped Shiribeshi map file loads with its layers and style", "[config]") {
    MapSpec m = load_map(std::string(IPMAP_SOURCE_DIR) + "/maps/shiribeshi.toml");
    CHECK(m.name == "shiribeshi");
    CHECK(m.crs == "EPSG:6679");
    REQUIRE(m.fiscal_year);
    CHECK(*m.fiscal_year == 2024);
    CHECK(m.page.size == "A3");
    CHECK(m.page.landscape);
    CHECK(m.page.width_mm == 420);
    CHECK(m.page.height_mm == 297);
    REQUIRE(m.layers.size() == 4);
    CHECK(m.layers.back().kind == LayerKind::Works);
    CHECK(m.layers.back().fields.at("name") == "事業名");
    CHECK(m.find_layer("municipalities") != nullptr);
    // Layer sources resolve relative to the layer file, not the working directory.
    CHECK(fs::path(m.find_layer("municipalities")->source).is_absolute());
    CHECK(m.style.by_owner.count("national") == 1);
    CHECK(m.style.classes.count("municipality") == 1);
}

TEST_CASE("page sizes and orientations give the ISO dimensions", "[config]") {
    Scratch s;
    MapSpec a4p = load_map(s.map("", "[page]\nsize = \"A4\"\norientation = \"portrait\"\n"));
    CHECK(a4p.page.width_mm == 210);
    CHECK(a4p.page.height_mm == 297);
    MapSpec a0 = load_map(s.map("", "[page]\nsize = \"A0\"\n"));
    CHECK(a0.page.width_mm == 1189);
    CHECK(a0.page.height_mm == 841);
}

TEST_CASE("a misspelt key is reported with file, line and dotted key", "[config]") {
    Scratch s;
    std::string path = s.map("tilte = \"x\"");
    try {
        load_map(path);
        FAIL("no error");
    } catch (const ConfigError& e) {
        CHECK(e.file() == path);
        CHECK(e.line() == 7);
        CHECK(e.key() == "map.tilte");
        CHECK(std::string(e.what()).find("unknown key") != std::string::npos);
    }
}

TEST_CASE("bad values name their key", "[config]") {
    Scratch s;
    SECTION("unknown page size") {
        REQUIRE_THROWS_WITH(load_map(s.map("", "[page]\nsize = \"B5\"\n")), Catch::Contains("page.size"));
    }
    SECTION("fiscal year that is not one") {
        std::string p = s.write("map2.toml", "[map]\nstyle = \"style.toml\"\nlayers = [\"muni.toml\"]\nfiscal_year = \"令和0年度\"\n");
        REQUIRE_THROWS_WITH(load_map(p), Catch::Contains("map.fiscal_year"));
    }
    SECTION("bad colour in the style") {
        s.write("style.toml", "[page]\nsea = \"blue\"\n");
        REQUIRE_THROWS_WITH(load_map(s.map("")), Catch::Contains("page.sea") && Catch::Contains("style.toml:2"));
    }
    SECTION("callout template with an unknown field") {
        REQUIRE_THROWS_WITH(load_map(s.map("", "[callout]\ntemplate = \"{nmae}\"\n")), Catch::Contains("callout.template"));
    }
    SECTION("missing layer file") {
        std::string p = s.write("map3.toml", "[map]\nstyle = \"style.toml\"\nlayers = [\"nope.toml\"]\nfiscal_year = 2024\n");
        REQUIRE_THROWS_WITH(load_map(p), Catch::Contains("nope.toml") && Catch::Contains("file not found"));
    }
    SECTION("TOML syntax error has its line") {
        std::string p = s.write("bad.toml", "[map]\nname = \"x\"\ntitle = \n");
        REQUIRE_THROWS_WITH(load_map(p), Catch::Contains("bad.toml:3"));
    }
    SECTION("legend and inset in the same corner") {
        REQUIRE_THROWS_WITH(load_map(s.map("", "[inset]\nlayer = \"municipalities\"\ncorner = \"top-left\"\n[legend]\ncorner = \"top-left\"\n")),
                            Catch::Contains("legend.corner"));
    }
}

TEST_CASE("style rules refine owner, status and category in order", "[config][style]") {
    Scratch s;
    std::string style = s.write("rules.toml", R"(
[works]
line_width_mm = 1.0
[owner.national]
color = "#ff0000"
[status.planned]
dash_mm = [0.2, 1.0]
[category."道路"]
line_width_mm = 1.5
[[rule]]
when = { category = "道路", status = "planned" }
line_width_mm = 0.8
)");
    StyleSheet st = load_style(style);
    Work w;
    w.owner = Owner::National;
    w.category = "道路";
    WorkStyle done = st.resolve(w, Status::Completed, GeometryKind::Line);
    CHECK(done.color.r == Approx(1.0));
    CHECK(done.line_width_mm == Approx(1.5));
    CHECK(done.dash_mm.empty());
    WorkStyle planned = st.resolve(w, Status::Planned, GeometryKind::Line);
    CHECK(planned.line_width_mm == Approx(0.8));
    REQUIRE(planned.dash_mm.size() == 2);
    w.category = "河川";
    CHECK(st.resolve(w, Status::Planned, GeometryKind::Line).line_width_mm == Approx(1.0));
}
