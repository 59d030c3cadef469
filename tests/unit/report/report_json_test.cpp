#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "report/sheet_report.hpp"

using namespace ipmap;

namespace {

/// A sheet with two listed callouts (one marker moved off its anchor) and one in the map.
SheetReport listed_sheet() {
    SheetReport r;
    r.sheet = "s";
    for (const char* id : {"A", "B", "C"}) {
        WorkFate f;
        f.id = id;
        f.name = std::string("work ") + id;
        f.fate = "callout";
        f.callout_text = std::string("text ") + id;
        r.fates.push_back(f);
        r.callout_ids.push_back(id);
    }
    place::PlacedCallout a;
    a.id = "A";
    a.tier = place::Tier::List;
    a.list_number = 1;
    a.anchor = {10, 20};
    place::PlacedCallout b = a;
    b.id = "B";
    b.list_number = 2;
    b.anchor = {10, 20};
    place::PlacedCallout c;
    c.id = "C";
    c.tier = place::Tier::InMap;
    c.box = {30, 30, 50, 40};
    c.anchor = {25, 25};
    c.leader = {{25, 25}, {30, 35}};
    r.placement.callouts = {a, b, c};
    ListMarker m1;
    m1.number = 1;
    m1.anchor = {10, 20};
    m1.at = {10, 20};
    ListMarker m2;
    m2.number = 2;
    m2.anchor = {10, 20};
    m2.at = {13.456, 21};
    m2.moved = true;
    r.markers = {m1, m2};
    r.marker_radius_mm = 1.7;
    return r;
}

}  // namespace

TEST_CASE("the report says where each listed callout's numbered marker was drawn", "[report][markers]") {
    const auto j = nlohmann::json::parse(report_json(listed_sheet()));
    const auto& works = j.at("works");
    REQUIRE(works.size() == 3);
    const auto& a = works[0].at("callout");
    REQUIRE(a.contains("marker"));
    CHECK(a["marker"]["center_mm"] == nlohmann::json::array({10.0, 20.0}));
    CHECK(a["marker"]["radius_mm"] == 1.7);
    CHECK(a["marker"]["moved"] == false);
    CHECK(a["anchor_mm"] == nlohmann::json::array({10.0, 20.0}));
    const auto& b = works[1].at("callout");
    REQUIRE(b.contains("marker"));
    CHECK(b["marker"]["center_mm"] == nlohmann::json::array({13.46, 21.0}));
    CHECK(b["marker"]["moved"] == true);
    CHECK(b["anchor_mm"] == nlohmann::json::array({10.0, 20.0}));
    // A callout in the map has a balloon, no marker.
    CHECK(!works[2].at("callout").contains("marker"));
}

TEST_CASE("warnings_and_errors counts every warning the report carries, added ones too", "[report][strict]") {
    SheetReport r = listed_sheet();
    Diagnostic info;
    info.severity = Severity::Info;
    info.message = "note";
    r.diagnostics.push_back(info);
    CHECK(warnings_and_errors(r) == 0);
    Diagnostic w = info;
    w.severity = Severity::Warning;
    w.stage = "layout";
    w.message = "numbered marker 2 has no free spot";
    r.diagnostics.push_back(w);
    Diagnostic e = info;
    e.severity = Severity::Error;
    r.diagnostics.push_back(e);
    CHECK(warnings_and_errors(r) == 2);
    const auto j = nlohmann::json::parse(report_json(r));
    CHECK(j["summary"]["warnings"].get<int>() + j["summary"]["errors"].get<int>() == 2);
}
