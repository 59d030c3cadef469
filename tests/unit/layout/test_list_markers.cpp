#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "layout/list_markers.hpp"

using namespace ipmap;

namespace {

double dist(XY a, XY b) { return std::hypot(a.x - b.x, a.y - b.y); }

}  // namespace

TEST_CASE("markers on one point fan out, each joined to the anchor by a tick", "[layout][markers]") {
    MarkerObstacles obs;
    obs.frame = Box{0, 0, 100, 100};
    obs.balloons = {Box{52, 40, 80, 46}};           // a balloon just right of the anchor
    obs.leaders = {{{50, 50}, {50, 80}}};           // a leader leaving the anchor downwards
    obs.labels = {Box{40, 47, 49, 49}};             // a name label left of it
    std::vector<MarkerRequest> req{{1, {50, 50}}, {2, {50, 50}}, {3, {50, 50}}};
    MarkerOptions opt;
    const double r = opt.diameter_mm / 2;
    auto ms = layout_list_markers(req, obs, opt);
    REQUIRE(ms.size() == 3);
    for (std::size_t i = 0; i < ms.size(); ++i) {
        CHECK(ms[i].number == req[i].number);
        CHECK(ms[i].anchor == req[i].anchor);
        CHECK(!ms[i].conflict);
        CHECK(dist(ms[i].at, ms[i].anchor) <= opt.max_shift_mm + 1e-9);
        for (std::size_t j = i + 1; j < ms.size(); ++j) CHECK(dist(ms[i].at, ms[j].at) >= 2 * r);
        if (ms[i].moved && dist(ms[i].at, ms[i].anchor) > r) {
            Path t = ms[i].tick(r);
            REQUIRE(t.size() == 2);
            CHECK(t[0] == ms[i].anchor);
            CHECK(dist(t[1], ms[i].at) == Approx(r));
        }
    }
    // The leader runs from the anchor, so no marker can stay on it.
    CHECK(ms[0].moved);
    const MarkerAudit a = audit_list_markers(ms, obs, opt);
    CHECK(a.conflicts() == 0);
    CHECK(a.same_point == 0);
    CHECK(a.moved == 3);
    // Deterministic.
    auto again = layout_list_markers(req, obs, opt);
    for (std::size_t i = 0; i < ms.size(); ++i) CHECK(again[i].at == ms[i].at);
}

TEST_CASE("a free marker stays at its anchor; a boxed-in one stays too and is flagged", "[layout][markers]") {
    MarkerObstacles obs;
    obs.frame = Box{0, 0, 100, 100};
    obs.keep_out = {Box{60, 60, 100, 100}};  // a panel holding the second anchor well inside it
    std::vector<MarkerRequest> req{{1, {20, 20}}, {2, {80, 80}}};
    auto ms = layout_list_markers(req, obs);
    REQUIRE(ms.size() == 2);
    CHECK(!ms[0].moved);
    CHECK(!ms[0].conflict);
    CHECK(ms[0].at == XY{20, 20});
    CHECK(ms[0].tick(1.7).empty());
    CHECK(!ms[1].moved);
    CHECK(ms[1].conflict);
    CHECK(ms[1].at == XY{80, 80});
    const MarkerAudit a = audit_list_markers(ms, obs);
    CHECK(a.on_keep_out == 1);
    CHECK(a.conflicts() == 1);
}

TEST_CASE("the marker audit counts what the unlaid markers at their anchors hit", "[layout][markers]") {
    MarkerObstacles obs;
    obs.frame = Box{0, 0, 100, 100};
    obs.balloons = {Box{10, 10, 20, 15}};
    obs.leaders = {{{30, 0}, {30, 100}}};
    std::vector<ListMarker> ms(4);
    ms[0].at = ms[0].anchor = {50, 50};
    ms[1].at = ms[1].anchor = {50, 50};   // same point as 0
    ms[2].at = ms[2].anchor = {21, 12};   // touches the balloon
    ms[3].at = ms[3].anchor = {31, 70};   // the leader runs through it
    const MarkerAudit a = audit_list_markers(ms, obs);
    CHECK(a.same_point == 2);
    CHECK(a.overlapping_pairs == 1);
    CHECK(a.on_balloons == 1);
    CHECK(a.crossed_by_leaders == 1);
}

TEST_CASE("markers survive bad input: no frame, NaN anchors, empty obstacles", "[layout][markers]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<MarkerRequest> req{{1, {nan, 5}}, {2, {5, 5}}, {3, {5, 5}}};
    auto ms = layout_list_markers(req, MarkerObstacles{});
    REQUIRE(ms.size() == 3);
    CHECK(ms[0].conflict);
    CHECK(!ms[1].conflict);
    CHECK(!ms[2].conflict);
    CHECK(dist(ms[1].at, ms[2].at) >= 3.4);
    CHECK(layout_list_markers({}, MarkerObstacles{}).empty());
    MarkerOptions silly;
    silly.step_mm = 0;
    silly.max_shift_mm = -3;
    auto s = layout_list_markers({{1, {5, 5}}, {2, {5, 5}}}, MarkerObstacles{}, silly);
    CHECK(s[1].conflict);
}

TEST_CASE("the sides of a name for a marker: the roomiest first, none that a label holds", "[layout][markers]") {
    const Box name = Box::of(100, 100, 120, 105);
    MarkerObstacles obs;
    obs.frame = Box::of(0, 0, 300, 200);
    obs.labels = {name};
    // All four sides clear: below, above, right, left (100 mm of room each).
    auto sides = sides_of_name_by_room(name, 0.8, {}, obs.frame, obs);
    REQUIRE(sides.size() == 4);
    CHECK(sides[0] == XY{110, 105.8});
    CHECK(sides[3] == XY{99.2, 102.5});
    // A balloon just under the name and a leader ending above it: right and left come first.
    obs.balloons = {Box::of(95, 107, 125, 115)};
    obs.leaders = {{{110, 98.5}, {110, 60}}};
    sides = sides_of_name_by_room(name, 0.8, {}, obs.frame, obs);
    REQUIRE(sides.size() == 4);
    CHECK(sides[0] == XY{120.8, 102.5});
    CHECK(sides[1] == XY{99.2, 102.5});
    CHECK(sides[2] == XY{110, 105.8});  // 1.2 mm from the balloon
    CHECK(sides[3] == XY{110, 99.2});   // 0.7 mm from the leader
    // A work label over the right side leaves three.
    obs.labels.push_back(Box::of(120.5, 101, 140, 104));
    sides = sides_of_name_by_room(name, 0.8, {}, obs.frame, obs);
    REQUIRE(sides.size() == 3);
    CHECK(sides[0] == XY{99.2, 102.5});
}

TEST_CASE("a marker whose spot is hemmed in points from its next alternative instead", "[layout][markers]") {
    // A name (the label holding both spots' surroundings) with a work label 1 mm above it:
    // the spot above the name has no room for a marker, and a tick out of that gap would
    // cross a label. The spot below the name is open.
    MarkerObstacles obs;
    obs.frame = Box::of(0, 0, 300, 200);
    const Box name = Box::of(100, 100, 120, 105);
    obs.labels = {name, Box::of(80, 95, 140, 99.2)};
    const XY above{110, 99.6}, below{110, 105.8};
    std::vector<MarkerRequest> alone{{7, above, {}}};
    const auto stuck = layout_list_markers(alone, obs);
    REQUIRE(stuck.size() == 1);
    CHECK(stuck[0].conflict);

    std::vector<MarkerRequest> with_alt{{7, above, {below}}};
    const auto ms = layout_list_markers(with_alt, obs);
    REQUIRE(ms.size() == 1);
    CHECK_FALSE(ms[0].conflict);
    CHECK(ms[0].anchor == below);
    CHECK(dist(ms[0].at, below) <= MarkerOptions{}.max_shift_mm + 1e-9);
    CHECK(audit_list_markers(ms, obs).conflicts() == 0);

    // A marker that fits at its own spot keeps it, alternatives or not.
    std::vector<MarkerRequest> free_first{{8, below, {above}}};
    const auto f = layout_list_markers(free_first, obs);
    CHECK(f[0].anchor == below);
    CHECK_FALSE(f[0].conflict);
}
