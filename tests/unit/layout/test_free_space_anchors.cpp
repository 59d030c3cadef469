// Where a callout is offered its anchor first: the part of a multi-part feature (or the
// spot on a line) nearest free space, not the largest part.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "layout/anchors.hpp"
#include "layout/compose_sheet.hpp"
#include "sheet_fixture.hpp"

using namespace ipmap;
using namespace ipmap::test;

namespace {
const Box kExtent{0, 0, 20000, 20000};
}  // namespace

TEST_CASE("anchors are ranked by the free space around them, not by size", "[layout][anchors]") {
    // A 100 x 100 mm page; a large part in a crowd of lines, a small part in open space.
    FreeSpaceGrid grid(Box{0, 0, 100, 100}, 2, 1.0);
    for (double y = 5; y < 50; y += 4) grid.add_line({{5, y}, {50, y}}, 4.0);
    grid.finish();
    CHECK(grid.cost(Box{60, 60, 90, 90}) == Approx(0));
    CHECK(grid.cost(Box{5, 5, 50, 50}) > 100);
    // Outside the frame counts at the outside cost.
    CHECK(grid.cost(Box{-10, 60, 0, 70}) == Approx(100.0).margin(25));
    Polygon big = square(10, 10, 45, 45), small = square(70, 70, 76, 76);
    Geometry own;
    own.polygons = {big, small};
    std::vector<XY> anchors = polygon_anchors({big, small}, Box{0, 0, 100, 100}, 6);
    REQUIRE(anchors.size() == 2);
    CHECK(anchors[0].x < 50);  // by size: the big part first
    rank_anchors_by_free_space(anchors, grid, own, 4.0, 0.2, 15, 0.02);
    CHECK(anchors[0].x > 60);  // by free space: the small part first
    // The feature's own geometry does not crowd it: its lines alone leave the order as it was.
    FreeSpaceGrid self(Box{0, 0, 100, 100}, 2, 0);
    Geometry line;
    line.lines = {{{5, 20}, {95, 20}}};
    for (const Path& l : line.lines) self.add_line(l, 4.0);
    self.finish();
    std::vector<XY> along{{50, 20}, {27.5, 20}, {72.5, 20}};
    rank_anchors_by_free_space(along, self, line, 4.0, 0.2, 15, 0.02);
    CHECK(along[0].x == Approx(50));
    CHECK(along[1].x == Approx(27.5));
}

TEST_CASE("a two-part work gets its callout anchor on the part in open space", "[layout][anchors]") {
    SyntheticSheet s;
    s.add_municipality("01001", "群集町", square(0, 0, 20000, 20000));
    Geometry parts;
    // Top-left and right-middle: clear of the legend (bottom-left) and the scale bar (bottom-right).
    parts.polygons = {square(2500, 13500, 6500, 17500), square(15000, 9000, 16000, 10000)};
    ClassifiedWork& w = s.add_work("MULTI", "二か所の整備事業", {"01001"}, parts, Status::InProgress);
    w.work.fy_work = "工事";
    // Which part a page point is on, and the anchors offered for MULTI, preferred first.
    auto part_of = [](const SheetLayout& out, XY page) {
        return std::string(out.transform.to_map(page).x > 10000 ? "small" : "big");
    };
    auto offered = [](const SheetLayout& out) {
        auto it = std::find(out.callout_ids.begin(), out.callout_ids.end(), "MULTI");
        REQUIRE(it != out.callout_ids.end());
        const std::size_t k = static_cast<std::size_t>(it - out.callout_ids.begin());
        REQUIRE(out.callout_anchors.size() == out.callout_ids.size());
        return std::make_pair(out.callout_anchors[k], out.placement.callouts[k].anchor);
    };
    // Alone on the sheet (as free around both parts): the larger part is offered first.
    const SheetLayout alone = compose_sheet(s.input(kExtent));
    const auto [alone_anchors, alone_chosen] = offered(alone);
    REQUIRE(alone_anchors.size() == 2);
    CHECK(part_of(alone, alone_anchors[0]) == "big");
    // A crowd of completed works (lines, no callouts) over and around the larger part.
    for (int k = 0; k < 14; ++k) {
        Geometry g;
        const double y = 12500 + 500.0 * k;
        g.lines.push_back({{500, y}, {9000, y}});
        s.add_work("L-" + std::to_string(k), "線" + std::to_string(k), {"01001"}, g, Status::Completed);
    }
    const SheetLayout out = compose_sheet(s.input(kExtent));
    const auto [anchors, chosen] = offered(out);
    REQUIRE(anchors.size() == 2);
    CHECK(part_of(out, anchors[0]) == "small");
    CHECK(part_of(out, chosen) == "small");
    CHECK(out.placement.stats.overlaps == 0);
}

TEST_CASE("the free-space grid takes huge and non-finite coordinates without harm", "[layout][anchors]") {
    const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
    FreeSpaceGrid grid(Box{0, 0, 50, 50}, 2, 1.0);
    grid.add_line({{-1e300, 10}, {1e300, 10}}, 4.0);
    grid.add_line({{nan, 10}, {20, 10}}, 4.0);
    grid.add_polygon(Polygon{{{{-1e300, -1e300}, {1e300, -1e300}, {1e300, 1e300}, {nan, 5}}}}, 0.2);
    grid.add_box(Box{-1e300, -1e300, 1e300, 1e300}, 0.1);
    grid.add_box(Box{nan, 0, 10, 10}, 0.1);
    grid.finish();
    CHECK(std::isfinite(grid.cost(Box{0, 0, 50, 50})));
    CHECK(grid.cost(Box{nan, 0, 10, 10}) == 0);
    CHECK(grid.cost(Box{-inf, -inf, inf, inf}) == 0);
    // A bad anchor goes last; the others keep their order.
    std::vector<XY> anchors{{nan, 5}, {10, 40}, {40, 40}};
    rank_anchors_by_free_space(anchors, grid, Geometry{}, 4.0, 0.2, 5, 0.02);
    REQUIRE(anchors.size() == 3);
    CHECK(anchors[0].x == 10);
    CHECK(anchors[1].x == 40);
    CHECK(std::isnan(anchors[2].x));
    // An empty grid ranks nothing.
    std::vector<XY> same{{1, 1}, {2, 2}};
    rank_anchors_by_free_space(same, FreeSpaceGrid{}, Geometry{}, 4.0, 0.2, 5, 0.02);
    CHECK(same[0].x == 1);
}
