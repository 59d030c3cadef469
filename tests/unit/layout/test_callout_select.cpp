// Which works get a callout: style rule > works layer > map show; the has_info selector.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "config/map_spec.hpp"
#include "layout/callout_select.hpp"
#include "layout/compose_sheet.hpp"
#include "sheet_fixture.hpp"

using namespace ipmap;
using namespace ipmap::test;

namespace {

Geometry point_at(double x, double y) {
    Geometry g;
    g.points.push_back({x, y});
    return g;
}

/// A work with nothing to say beyond its name and status.
ClassifiedWork& bare_work(SyntheticSheet& s, const std::string& id, Geometry g, Status status) {
    ClassifiedWork& w = s.add_work(id, "事業" + id, {"01001"}, std::move(g), status);
    w.work.progress.reset();
    return w;
}

const WorkFate& fate_of(const SheetLayout& out, const std::string& id) {
    auto it = std::find_if(out.fates.begin(), out.fates.end(), [&](const WorkFate& f) { return f.id == id; });
    REQUIRE(it != out.fates.end());
    return *it;
}

bool has_callout(const SheetLayout& out, const std::string& id) {
    const std::string& f = fate_of(out, id).fate;
    return f == "drawn+callout" || f == "callout";
}

const Box kExtent{0, 0, 20000, 20000};

}  // namespace

TEST_CASE("has_info: the template shows more than the name and the status", "[layout][callout_select]") {
    const CalloutTemplate tpl{"[{projects} ]{name}[\n{start_fy}着手、][{fiscal_year}{status}][（進捗率{progress}％）][\n{fy_work}]", {}};
    Work w;
    w.name = "事業";
    w.municipalities = {"01001"};
    // Name and status only: {fiscal_year}{status} is known for every work.
    CHECK_FALSE(callout_shows_info(tpl, w, 2024, Status::Planned));
    CHECK_FALSE(callout_shows_info(tpl, w, 2024, Status::InProgress));
    Work a = w;
    a.start_fy = 2020;
    CHECK(callout_shows_info(tpl, a, 2024, Status::Planned));
    Work b = w;
    b.progress = 0.0;  // 0 % is information
    CHECK(callout_shows_info(tpl, b, 2024, Status::Planned));
    Work c = w;
    c.fy_work = "測量";
    CHECK(callout_shows_info(tpl, c, 2024, Status::Planned));
    Work d = w;
    d.projects = {2};
    CHECK(callout_shows_info(tpl, d, 2024, Status::Planned));
    // A field the template does not show is no information on this map.
    Work e = w;
    e.end_fy = 2030;
    CHECK_FALSE(callout_shows_info(tpl, e, 2024, Status::Planned));
    CHECK(callout_shows_info({"{name}[（{end_fy}完成予定）]", {}}, e, 2024, Status::Planned));
    // ... nor is a field in a segment the template drops for another empty field.
    CHECK_FALSE(callout_shows_info({"{name}[ {start_fy}〜{end_fy}]", {}}, e, 2024, Status::Planned));
    // Plain (not optional) segments count too; so do source columns.
    CHECK(callout_shows_info({"{name} {fy_work}", {}}, c, 2024, Status::Planned));
    Work f = w;
    f.extra["備考"] = "夜間工事";
    CHECK(callout_shows_info({"{name}[ {col:備考}]", {}}, f, 2024, Status::Planned));
    CHECK_FALSE(callout_shows_info({"{name}[ {col:備考}]", {}}, w, 2024, Status::Planned));
}

TEST_CASE("show = [no_geometry, has_info]: only works with something to say get a balloon", "[layout][callout_select]") {
    SyntheticSheet s;
    s.add_municipality("01001", "選択町", square(0, 0, 20000, 20000));
    s.map.callout.for_in_progress = s.map.callout.for_planned = s.map.callout.for_too_small = false;
    s.map.callout.for_has_info = true;
    bare_work(s, "INFO", point_at(4000, 4000), Status::Planned).work.fy_work = "測量設計";
    bare_work(s, "QUIET", point_at(16000, 4000), Status::Planned);
    bare_work(s, "BUSY", point_at(4000, 16000), Status::InProgress);  // in progress, nothing to say
    bare_work(s, "STARTED", point_at(16000, 16000), Status::InProgress).work.start_fy = 2021;
    bare_work(s, "NOGEOM", {}, Status::Planned);
    const SheetLayout out = compose_sheet(s.input(kExtent));
    CHECK(has_callout(out, "INFO"));
    CHECK(fate_of(out, "INFO").reason == "its callout has information to show");
    CHECK(has_callout(out, "STARTED"));
    CHECK(fate_of(out, "QUIET").fate == "drawn");
    CHECK(fate_of(out, "BUSY").fate == "drawn");
    CHECK(has_callout(out, "NOGEOM"));  // works without geometry always
    // The same works with the default selection: every planned or in-progress work.
    s.map.callout.for_in_progress = s.map.callout.for_planned = true;
    s.map.callout.for_has_info = false;
    const SheetLayout all = compose_sheet(s.input(kExtent));
    for (const char* id : {"INFO", "QUIET", "BUSY", "STARTED", "NOGEOM"}) CHECK(has_callout(all, id));
}

namespace {

/// A works layer whose [callout] show picks no status (completed is off by default too).
LayerSpec quiet_layer() {
    LayerSpec quiet;
    quiet.id = "quiet";
    quiet.kind = LayerKind::Works;
    quiet.callout_show = CalloutSelection{};
    quiet.callout_show->for_in_progress = quiet.callout_show->for_planned = false;
    return quiet;
}

}  // namespace

TEST_CASE("a works layer's [callout] replaces the map's selection and template for its works", "[layout][callout_select]") {
    SyntheticSheet s;
    s.add_municipality("01001", "選択町", square(0, 0, 20000, 20000));
    const LayerSpec quiet = quiet_layer();
    LayerSpec terse;
    terse.id = "terse";
    terse.kind = LayerKind::Works;
    terse.callout_template = "{name}のみ";
    s.map.layers = {quiet, terse};
    bare_work(s, "MAP", point_at(4000, 4000), Status::InProgress);          // no layer: the map's show
    bare_work(s, "Q1", point_at(16000, 4000), Status::InProgress).work.layer_id = "quiet";
    bare_work(s, "Q2", {}, Status::InProgress).work.layer_id = "quiet";     // no geometry: still a balloon
    bare_work(s, "T1", point_at(4000, 16000), Status::InProgress).work.layer_id = "terse";
    const SheetLayout out = compose_sheet(s.input(kExtent));
    CHECK(has_callout(out, "MAP"));
    CHECK(fate_of(out, "Q1").fate == "drawn");
    CHECK(has_callout(out, "Q2"));
    REQUIRE(has_callout(out, "T1"));
    CHECK(fate_of(out, "T1").callout_text == "事業T1のみ");
    CHECK(fate_of(out, "MAP").callout_text != "事業MAPのみ");
}

TEST_CASE("a style rule's callout = true/false wins over the layer and the map", "[layout][callout_select]") {
    SyntheticSheet s;
    s.add_municipality("01001", "選択町", square(0, 0, 20000, 20000));
    const LayerSpec quiet = quiet_layer();
    s.map.layers = {quiet};
    auto rule = [&](const std::string& id, bool callout) {
        StyleRule r;
        r.when["id"] = id;
        r.callout = callout;
        r.line = 42;
        s.map.style.rules.push_back(r);
    };
    bare_work(s, "FORCED", point_at(4000, 4000), Status::InProgress).work.layer_id = "quiet";  // layer: no
    bare_work(s, "DONE", point_at(16000, 4000), Status::Completed);                            // map: no
    bare_work(s, "SUPPRESSED", point_at(4000, 16000), Status::InProgress);                     // map: yes
    bare_work(s, "NOGEOM", {}, Status::InProgress);
    rule("FORCED", true);
    rule("DONE", true);
    rule("SUPPRESSED", false);
    rule("NOGEOM", false);
    const SheetLayout out = compose_sheet(s.input(kExtent));
    CHECK(has_callout(out, "FORCED"));
    CHECK_THAT(fate_of(out, "FORCED").reason, Catch::Contains("style rule") && Catch::Contains(":42"));
    CHECK(has_callout(out, "DONE"));
    CHECK(fate_of(out, "SUPPRESSED").fate == "drawn");
    // A balloon is the only way a work without geometry is shown: a rule cannot take it away.
    CHECK(has_callout(out, "NOGEOM"));
    // The last matching rule decides.
    rule("SUPPRESSED", true);
    CHECK(has_callout(compose_sheet(s.input(kExtent)), "SUPPRESSED"));
}
