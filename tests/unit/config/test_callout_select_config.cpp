// Which works get a callout, from the three places that can say so: the map's [callout]
// show, a works layer's [callout] table and a style [[rule]]'s `callout = true/false`.
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

struct Scratch : test::ConfigScratch {
    Scratch() : ConfigScratch("ipmap_callout_select_") { works(""); }
    std::string works(const std::string& tail) {
        return write("works.toml", "[layer]\nid = \"works\"\nkind = \"works\"\nsource = \"w.gpkg\"\n[fields]\nname = \"事業名\"\n" + tail);
    }
    std::string map(const std::string& tail = "") {
        return write("map.toml", "[map]\nname = \"t\"\nstyle = \"style.toml\"\nlayers = [\"muni.toml\", \"works.toml\"]\n"
                                 "municipality_layer = \"municipalities\"\nfiscal_year = \"R6\"\n" + tail);
    }
};

/// The ConfigError of `f`, or a failed test.
template <class F>
ConfigError error_of(F f) {
    try {
        f();
    } catch (const ConfigError& e) {
        return e;
    }
    FAIL("no ConfigError");
    throw;
}

}  // namespace

TEST_CASE("callout show accepts has_info and keeps the other selectors", "[config][callout]") {
    Scratch s;
    MapSpec m = load_map(s.map("[callout]\nshow = [\"no_geometry\", \"has_info\"]\n"));
    CHECK(m.callout.for_no_geometry);
    CHECK(m.callout.for_has_info);
    CHECK_FALSE(m.callout.for_in_progress);
    CHECK_FALSE(m.callout.for_planned);
    CHECK_FALSE(m.callout.for_too_small);
    // Without show: the defaults, has_info off.
    MapSpec d = load_map(s.map());
    CHECK(d.callout.for_in_progress);
    CHECK_FALSE(d.callout.for_has_info);
    // No layer override unless the layer file says so.
    CHECK_FALSE(d.find_layer("works")->callout_show.has_value());
    CHECK(d.find_layer("works")->callout_template.empty());
}

TEST_CASE("an unknown show value names the file, the key and the choices", "[config][callout]") {
    Scratch s;
    const std::string path = s.map("[callout]\nshow = [\"no_geometry\", \"has_infos\"]\n");
    ConfigError e = error_of([&] { load_map(path); });
    CHECK(e.file() == path);
    CHECK(e.key() == "callout.show");
    CHECK_THAT(e.what(), Catch::Contains("\"has_infos\"") && Catch::Contains("completed, has_info)"));
}

TEST_CASE("a works layer's [callout] replaces the map's show and template for its works", "[config][callout]") {
    Scratch s;
    s.works("[callout]\nshow = [\"no_geometry\", \"has_info\", \"completed\"]\ntemplate = \"{name}[ {fy_work}]\"\n");
    MapSpec m = load_map(s.map("[callout]\nshow = [\"no_geometry\", \"in_progress\"]\n"));
    const LayerSpec* w = m.find_layer("works");
    REQUIRE(w);
    REQUIRE(w->callout_show.has_value());
    CHECK(w->callout_show->for_has_info);
    CHECK(w->callout_show->for_completed);
    CHECK_FALSE(w->callout_show->for_in_progress);
    CHECK_FALSE(w->callout_show->for_too_small);
    CHECK(w->callout_template == "{name}[ {fy_work}]");
    // The map's own selection is untouched.
    CHECK(m.callout.for_in_progress);
    CHECK_FALSE(m.callout.for_has_info);
    // A template alone keeps the map's selection.
    s.works("[callout]\ntemplate = \"{name}\"\n");
    MapSpec t = load_map(s.map());
    CHECK_FALSE(t.find_layer("works")->callout_show.has_value());
    CHECK(t.find_layer("works")->callout_template == "{name}");
}

TEST_CASE("bad layer [callout] tables name the layer file and the key", "[config][callout]") {
    Scratch s;
    SECTION("misspelt key") {
        const std::string layer = s.works("[callout]\nshwo = [\"no_geometry\"]\n");
        ConfigError e = error_of([&] { load_map(s.map()); });
        CHECK(e.file() == layer);
        CHECK(e.key() == "callout.shwo");
        CHECK_THAT(e.what(), Catch::Contains("unknown key") && Catch::Contains("show, template"));
    }
    SECTION("unknown selector") {
        const std::string layer = s.works("[callout]\nshow = [\"no_geometry\", \"tiny\"]\n");
        ConfigError e = error_of([&] { load_map(s.map()); });
        CHECK(e.file() == layer);
        CHECK(e.key() == "callout.show");
        CHECK_THAT(e.what(), Catch::Contains("\"tiny\""));
    }
    SECTION("no_geometry left out") {
        s.works("[callout]\nshow = [\"has_info\"]\n");
        REQUIRE_THROWS_WITH(load_map(s.map()), Catch::Contains("callout.show") && Catch::Contains("no_geometry"));
    }
    SECTION("show that is not an array") {
        s.works("[callout]\nshow = \"has_info\"\n");
        REQUIRE_THROWS_WITH(load_map(s.map()), Catch::Contains("works.toml") && Catch::Contains("callout.show"));
    }
    SECTION("bad template") {
        s.works("[callout]\ntemplate = \"{name}[{progres}]\"\n");
        REQUIRE_THROWS_WITH(load_map(s.map()), Catch::Contains("works.toml") && Catch::Contains("callout.template") &&
                                                   Catch::Contains("{progres}"));
    }
    SECTION("empty template") {
        s.works("[callout]\ntemplate = \"\"\n");
        REQUIRE_THROWS_WITH(load_map(s.map()), Catch::Contains("callout.template"));
    }
    SECTION("a base layer cannot have one") {
        s.write("muni.toml", "[layer]\nid = \"municipalities\"\nsource = \"muni.geojson\"\n[callout]\nshow = [\"no_geometry\"]\n");
        REQUIRE_THROWS_WITH(load_map(s.map()), Catch::Contains("muni.toml") && Catch::Contains("callout") &&
                                                   Catch::Contains("works layer"));
    }
}

TEST_CASE("a style rule's callout = true/false is read; the last matching rule decides", "[config][style][callout]") {
    Scratch s;
    const std::string path = s.write("rules.toml", R"(
[[rule]]
when = { category = "道路" }
callout = true
[[rule]]
when = { category = "道路", status = "completed" }
callout = false
line_width_mm = 0.5
[[rule]]
when = { category = "河川" }
line_width_mm = 2.0
)");
    StyleSheet st = load_style(path);
    REQUIRE(st.rules.size() == 3);
    CHECK(st.rules[0].callout == std::optional<bool>(true));
    CHECK(st.rules[1].callout == std::optional<bool>(false));
    CHECK_FALSE(st.rules[2].callout.has_value());
    // A rule may set callout and style properties together.
    Work w;
    w.category = "道路";
    CHECK(st.resolve(w, Status::Completed, GeometryKind::Line).line_width_mm == Approx(0.5));
    const StyleRule* r = st.callout_rule(w, Status::InProgress, GeometryKind::Line);
    REQUIRE(r);
    CHECK(*r->callout);
    r = st.callout_rule(w, Status::Completed, GeometryKind::Line);
    REQUIRE(r);
    CHECK_FALSE(*r->callout);
    CHECK(r->line == 5);
    // A rule without callout never decides it.
    w.category = "河川";
    CHECK(st.callout_rule(w, Status::InProgress, GeometryKind::Line) == nullptr);
}

TEST_CASE("bad style rule callout values name the file and the rule", "[config][style][callout]") {
    Scratch s;
    SECTION("not a boolean") {
        const std::string path = s.write("bad.toml", "[[rule]]\nwhen = { category = \"道路\" }\ncallout = \"yes\"\n");
        ConfigError e = error_of([&] { load_style(path); });
        CHECK(e.file() == path);
        CHECK(e.key() == "rule[0].callout");
        CHECK_THAT(e.what(), Catch::Contains("true or false"));
    }
    SECTION("misspelt key lists callout among the choices") {
        const std::string path = s.write("bad.toml", "[[rule]]\nwhen = { category = \"道路\" }\ncallot = true\n");
        ConfigError e = error_of([&] { load_style(path); });
        CHECK(e.file() == path);
        CHECK(e.line() == 3);
        CHECK(e.key() == "rule[0].callot");
        CHECK_THAT(e.what(), Catch::Contains("callout"));
    }
    SECTION("a misspelt style property in the second rule") {
        const std::string path = s.write("bad.toml", "[[rule]]\nwhen = { id = \"a\" }\ncallout = true\n[[rule]]\nwhen = { id = \"b\" }\ncolour = \"#fff\"\n");
        ConfigError e = error_of([&] { load_style(path); });
        CHECK(e.key() == "rule[1].colour");
    }
    SECTION("callout outside a rule is not a style property") {
        const std::string path = s.write("bad.toml", "[works]\ncallout = true\n");
        ConfigError e = error_of([&] { load_style(path); });
        CHECK(e.key() == "works.callout");
    }
}
