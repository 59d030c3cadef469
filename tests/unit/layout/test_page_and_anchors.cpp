#include <catch2/catch.hpp>

#include "layout/anchors.hpp"
#include "layout/decorations.hpp"
#include "layout/page_frame.hpp"

using namespace ipmap;

TEST_CASE("fit_extent keeps the frame's aspect ratio and centres the area", "[layout]") {
    Box frame{10, 30, 410, 280};                  // 400 x 250 mm
    Box area{0, 0, 100000, 100000};               // 100 km square
    PaperTransform t = fit_extent(area, 0, frame);
    CHECK(t.extent.width() / t.extent.height() == Approx(400.0 / 250.0));
    CHECK(t.extent.center().x == Approx(50000));
    CHECK(t.extent.center().y == Approx(50000));
    // The square fits the frame's height exactly: 250 mm for 100 km → 1:400,000.
    CHECK(t.scale_denominator() == Approx(400000));
    // North is up: the area's top-left corner lands at the frame's top edge.
    XY p = t.to_page({0, 100000});
    CHECK(p.y == Approx(frame.miny));
    XY back = t.to_map(p);
    CHECK(back.x == Approx(0).margin(1e-6));
    CHECK(back.y == Approx(100000));
}

TEST_CASE("padding grows the shown area", "[layout]") {
    Box frame{0, 0, 100, 100};
    PaperTransform a = fit_extent(Box{0, 0, 1000, 1000}, 0, frame);
    PaperTransform b = fit_extent(Box{0, 0, 1000, 1000}, 10, frame);
    CHECK(b.extent.width() == Approx(1200));
    CHECK(b.scale_denominator() > a.scale_denominator());
}

TEST_CASE("the scale bar shows a round length that fits", "[layout]") {
    // 1:375,000 → 1 mm on paper is 375 m; 60 mm is 22.5 km → a 20 km bar.
    CHECK(nice_scale_length_m(1.0 / 375.0, 60) == Approx(20000));
    // 1:25,000 → 60 mm is 1.5 km → a 1 km bar.
    CHECK(nice_scale_length_m(1.0 / 25.0, 60) == Approx(1000));
    // 1:2,000,000 → 60 mm is 120 km → a 100 km bar.
    CHECK(nice_scale_length_m(1.0 / 2000.0, 60) == Approx(100000));
    CHECK(nice_scale_length_m(1.0 / 100.0, 30) == Approx(2500));
}

TEST_CASE("line anchors lie on the part of the line inside the clip box", "[layout][anchors]") {
    std::vector<Path> lines{{{-50, 10}, {50, 10}}};
    Box clip{0, 0, 40, 20};
    auto a = line_anchors(lines, clip);
    REQUIRE(!a.empty());
    CHECK(a[0].x == Approx(20));  // the middle of the visible run 0..40
    CHECK(a[0].y == Approx(10));
    for (const XY& p : a) CHECK(clip.contains(p));
    CHECK(clipped_length(lines, clip) == Approx(40));
    CHECK(line_anchors({{{100, 100}, {200, 100}}}, clip).empty());
}

TEST_CASE("a polygon anchor is inside a concave polygon, away from its edges", "[layout][anchors]") {
    // An L shape: its centroid (and bbox centre) lies outside the polygon.
    Polygon L{{{{0, 0}, {100, 0}, {100, 20}, {20, 20}, {20, 100}, {0, 100}, {0, 0}}}};
    Box bc{0, 0, 100, 100};
    auto a = polygon_anchors({L}, bc);
    REQUIRE(a.size() == 1);
    bool in_leg = (a[0].x >= 0 && a[0].x <= 20) || (a[0].y >= 0 && a[0].y <= 20);
    CHECK(in_leg);
    CHECK(a[0].x > 2);   // not on the boundary
    CHECK(a[0].y > 2);
    // Clipped away entirely: no anchor.
    CHECK(polygon_anchors({L}, Box{200, 200, 300, 300}).empty());
    // Multi-part: largest part first.
    Polygon small{{{{200, 0}, {210, 0}, {210, 10}, {200, 10}}}};
    auto b = polygon_anchors({small, L}, Box{0, 0, 300, 300});
    REQUIRE(b.size() == 2);
    CHECK(b[0].x < 100);
    CHECK(b[1].x > 200);
}

TEST_CASE("corner boxes sit inside the frame at the named corner", "[layout]") {
    Box frame{10, 30, 410, 280};
    Box tl = corner_box(frame, "top-left", 70, 50, 3);
    CHECK(tl.minx == Approx(13));
    CHECK(tl.miny == Approx(33));
    Box br = corner_box(frame, "bottom-right", 70, 50, 3);
    CHECK(br.maxx == Approx(407));
    CHECK(br.maxy == Approx(277));
    CHECK(frame.contains(tl));
    CHECK(frame.contains(br));
}

TEST_CASE("fit_extent refuses an empty extent instead of drawing a blank map at 1:7", "[layout]") {
    const Box frame{0, 0, 100, 100};
    CHECK_THROWS_AS(fit_extent(Box{}, 10, frame), std::invalid_argument);
    CHECK_THROWS_AS(fit_extent(Box{0, 0, INFINITY, 1}, 10, frame), std::invalid_argument);
    CHECK_NOTHROW(fit_extent(Box{5, 5, 5, 5}, 10, frame));  // a point still has a place
}

TEST_CASE("anchors beside a name label lie just outside it, inside the municipality", "[layout][anchors]") {
    const Box label = Box::of(40, 20, 60, 25);
    const Polygon town{{{{0, 0}, {100, 0}, {100, 24}, {0, 24}}}};  // ends 1 mm above the label's foot
    const auto all = anchors_beside_label(label, 0.8, {}, Box::of(0, 0, 100, 100));
    REQUIRE(all.size() == 4);
    CHECK(all[0].x == Approx(50));   // below
    CHECK(all[0].y == Approx(25.8));
    CHECK(all[1].y == Approx(19.2));  // above
    CHECK(all[2].x == Approx(60.8));  // right
    CHECK(all[3].x == Approx(39.2));  // left
    for (const XY& p : all) CHECK_FALSE(label.contains(p));
    // The spot below is outside the municipality; the clip box takes the one on the left.
    const auto in_town = anchors_beside_label(label, 0.8, {town}, Box::of(45, 0, 100, 100));
    REQUIRE(in_town.size() == 2);
    CHECK(in_town[0].y == Approx(19.2));
    CHECK(in_town[1].x == Approx(60.8));
}

TEST_CASE("the point of a feature nearest a spot under a name, clear of the name", "[layout][anchors]") {
    Geometry g;
    g.lines.push_back({{10, 10}, {30, 10}});  // runs under the name box 12..28 x 8..12
    const std::vector<Box> names{Box::of(12, 8, 28, 12)};
    XY p;
    REQUIRE(nearest_point_outside(g, {14, 10}, names, Box::of(0, 0, 100, 100), 0.25, p));
    CHECK(p.x == Approx(11.75));  // the last sample before the box, on the near side
    CHECK(p.y == Approx(10));
    REQUIRE(nearest_point_outside(g, {27, 10}, names, Box::of(0, 0, 100, 100), 0.25, p));
    CHECK(p.x == Approx(28.25));
    // Nothing of it outside the names (or the clip box): no point.
    CHECK_FALSE(nearest_point_outside(g, {14, 10}, {Box::of(5, 5, 35, 15)}, Box::of(0, 0, 100, 100), 0.25, p));
    CHECK_FALSE(nearest_point_outside(g, {14, 10}, names, Box::of(13, 0, 27, 100), 0.25, p));
    // Polygon outlines count, closing edge included.
    Geometry sq;
    sq.polygons.push_back(Polygon{{{{0, 0}, {10, 0}, {10, 10}, {0, 10}}}});
    REQUIRE(nearest_point_outside(sq, {0, 5}, {Box::of(-1, 1, 11, 11)}, Box::of(-50, -50, 50, 50), 0.5, p));
    CHECK(p.y == Approx(0.5));
    CHECK(p.x == Approx(0));
}

TEST_CASE("callout anchors under a label give way to the nearest point of the feature clear of it", "[layout][anchors]") {
    Geometry road;
    road.lines.push_back({{0, 50}, {100, 50}});
    const Box page = Box::of(0, 0, 200, 100);
    const std::vector<XY> spots{{50, 50}, {25, 50}, {75, 50}};
    // A work label over the middle of the road: the spots under it go, the others stay.
    const std::vector<Box> label{Box::of(40, 48, 60, 52)};
    const auto some = anchors_clear_of_labels(road, spots, label, 0.4, page);
    REQUIRE(some.size() == 2);
    CHECK(some[0] == XY{25, 50});
    CHECK(some[1] == XY{75, 50});
    // A label over all three: the point of the road nearest the first spot clear of it.
    const std::vector<Box> wide{Box::of(20, 48, 80, 52)};
    const auto moved = anchors_clear_of_labels(road, spots, wide, 0.4, page);
    REQUIRE(moved.size() == 1);
    CHECK(moved[0].y == Approx(50));
    CHECK((moved[0].x < 19.6 || moved[0].x > 80.4));
    CHECK(std::min(std::abs(moved[0].x - 19.6), std::abs(moved[0].x - 80.4)) <= 0.3);
    // The road wholly under labels (or a point): the spots as they were.
    const std::vector<Box> all{Box::of(-5, 45, 105, 55)};
    CHECK(anchors_clear_of_labels(road, spots, all, 0.4, page) == spots);
    Geometry point;
    point.points.push_back({50, 50});
    CHECK(anchors_clear_of_labels(point, {{50, 50}}, label, 0.4, page) == std::vector<XY>{{50, 50}});
}
