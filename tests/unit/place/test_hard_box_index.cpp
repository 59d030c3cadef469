// The sheet's one collision index (HardBoxIndex): its queries, and labels and callouts
// placed against the same object.
#include <catch2/catch.hpp>

#include <algorithm>
#include <tuple>
#include <vector>

#include "checker.hpp"
#include "splitmix.hpp"

using namespace place_test;

namespace {

PlacementContext sheet() {
    PlacementContext c;
    c.page = Box::of(0, 0, 300, 200);
    c.printable = Box::of(5, 5, 295, 195);
    c.map_frame = Box::of(10, 10, 290, 190);
    return c;
}

bool meets_closed(const Box& a, const Box& b) {
    return a.minx <= b.maxx && b.minx <= a.maxx && a.miny <= b.maxy && b.miny <= a.maxy;
}

std::vector<Box> found(const HardBoxIndex& index, const Box& q) {
    std::vector<Box> out;
    index.query(q, [&](const Box& b) {
        out.push_back(b);
        return true;
    });
    return out;
}

/// The placed geometry of a callout meets the open box: its balloon or one of its leaders.
bool touches(const PlacedCallout& c, const Box& b) {
    if (open_overlap(c.box, b)) return true;
    for (const Path& l : all_leaders(c))
        for (size_t k = 0; k + 1 < l.size(); ++k)
            if (seg_meets_open_box(l[k], l[k + 1], b)) return true;
    return false;
}

}  // namespace

TEST_CASE("hard box index: a query reports every box it meets, once", "[place][index]") {
    HardBoxIndex index(Box::of(0, 0, 100, 100), 10.0);
    const Box big = Box::of(5, 5, 95, 95), small = Box::of(40, 40, 42, 42), beyond = Box::of(150, 20, 160, 30);
    index.insert(big);
    index.insert(small);
    index.insert(Box{});  // empty: ignored
    index.insert(beyond);  // outside the extent: held in the border cells
    REQUIRE(index.boxes().size() == 3);
    CHECK(index.boxes()[2] == beyond);

    CHECK(found(index, Box::of(-1000, -1000, 1000, 1000)).size() == 3);  // `big` spans 100 cells, reported once
    CHECK(found(index, Box::of(42, 30, 50, 41)) == std::vector<Box>{big, small});  // closed: the edge x = 42 counts
    CHECK(found(index, Box::of(96, 96, 99, 99)).empty());
    CHECK(found(index, Box::of(155, 25, 156, 26)) == std::vector<Box>{beyond});
    CHECK(found(index, Box{}).empty());

    // Interiors only: touching edges do not overlap.
    CHECK(index.overlaps(Box::of(41, 41, 41.5, 41.5)));
    CHECK_FALSE(index.overlaps(Box::of(95, 0, 100, 100)));
    CHECK_FALSE(index.overlaps(Box::of(140, 20, 150, 30)));

    // f returning false stops the query.
    int calls = 0;
    CHECK_FALSE(index.query(Box::of(0, 0, 100, 100), [&](const Box&) { return ++calls, false; }));
    CHECK(calls == 1);
}

TEST_CASE("hard box index: queries agree with a scan of all boxes", "[place][index]") {
    place_test_random::SplitMix r(11, 0x1dbull);
    for (double cell : {0.7, 10.0, 60.0}) {
        HardBoxIndex index(Box::of(0, 0, 300, 200), cell);
        std::vector<Box> all;
        for (int k = 0; k < 300; ++k) {
            const double x = r.uni(-40, 340), y = r.uni(-40, 240);
            const Box b = Box::of(x, y, x + r.uni(0, 80), y + r.uni(0, 30));
            index.insert(b);
            all.push_back(b);
        }
        for (int t = 0; t < 300; ++t) {
            const double x = r.uni(-60, 360), y = r.uni(-60, 260);
            const Box q = Box::of(x, y, x + r.uni(0, 90), y + r.uni(0, 60));
            std::vector<Box> want;
            for (const Box& b : all)
                if (meets_closed(b, q)) want.push_back(b);
            std::vector<Box> got = found(index, q);
            auto less = [](const Box& a, const Box& b) {
                return std::tie(a.minx, a.miny, a.maxx, a.maxy) < std::tie(b.minx, b.miny, b.maxx, b.maxy);
            };
            std::sort(want.begin(), want.end(), less);
            std::sort(got.begin(), got.end(), less);
            INFO("cell " << cell << ", query " << t);
            REQUIRE(got == want);
        }
    }
}

TEST_CASE("place_labels tests against the index and adds what it accepts", "[place][index][labels]") {
    auto ctx = sheet();
    ctx.keep_out = {Box::of(100, 100, 120, 110)};
    HardBoxIndex hard(ctx);
    std::vector<LabelRequest> first{{"a", 0, {Box::of(105, 102, 125, 107), Box::of(130, 102, 150, 107)}, false}};
    CHECK(place_labels(first, ctx, hard).chosen == std::vector<int>{1});  // the first is under the keep-out
    REQUIRE(hard.boxes().size() == 2);
    CHECK(hard.boxes()[1] == Box::of(130, 102, 150, 107));

    // A second call on the same index sees the first's label; a required one goes in regardless.
    std::vector<LabelRequest> second{{"b", 0, {Box::of(140, 104, 160, 109)}, false},
                                     {"c", 1, {Box::of(145, 100, 155, 103)}, true}};
    CHECK(place_labels(second, ctx, hard).chosen == std::vector<int>{-1, 0});
    CHECK(hard.boxes().size() == 3);
    // The wrapper without an index sees only the context: "b" fits there.
    CHECK(place_labels(second, ctx).chosen == std::vector<int>{0, 0});
}

TEST_CASE("callouts are solved against the index the labels went into", "[place][index]") {
    auto ctx = sheet();
    // The anchor sits in a pocket walled on three sides; only the way down is open.
    ctx.keep_out = {Box::of(100, 60, 200, 95), Box::of(60, 60, 98, 140), Box::of(202, 60, 240, 140)};
    const std::vector<CalloutRequest> reqs{{"A", 0, {{150, 98}}, 30, 6}};
    const Box name = Box::of(98, 101, 202, 106);  // a work name right across the way down

    // Without the label, the callout takes the way down.
    const PlacementResult free = place_callouts(reqs, ctx);
    require_sound(reqs, ctx, free);
    REQUIRE(free.callouts[0].tier == Tier::InMap);
    REQUIRE(touches(free.callouts[0], name));

    // The label placed first, through the sheet's index (its first spot is under a keep-out).
    HardBoxIndex hard(ctx);
    const std::vector<LabelRequest> labels{{"name", 0, {Box::of(150, 80, 180, 85), name}, false}};
    REQUIRE(place_labels(labels, ctx, hard).chosen == std::vector<int>{1});

    // The context does not list the label: only the shared index keeps the callout off it.
    const PlacementResult res = place_callouts(reqs, ctx, hard);
    CHECK_FALSE(touches(res.callouts[0], name));
    CHECK(res.callouts[0].tier == Tier::List);  // walled in: no balloon or leader gets out

    // With the label also in the context (as the sheet passes it), the placement is the same
    // and sound by the independent check.
    ctx.labels = {name};
    const PlacementResult listed = place_callouts(reqs, ctx, hard);
    require_sound(reqs, ctx, listed);
    CHECK(listed.callouts[0].tier == Tier::List);
}

TEST_CASE("a bracket leader keeps off labels the shared index holds", "[place][index][bracket]") {
    auto ctx = sheet();
    CalloutRequest q{"B001", 0, {{120, 100}, {200, 100}, {138, 140}}, 36, 8};
    q.lead_to_all = true;
    const std::vector<CalloutRequest> reqs = {q};
    const PlacementResult open = place_callouts(reqs, ctx);
    REQUIRE(open.callouts[0].tier == Tier::InMap);
    REQUIRE(open.callouts[0].more_leaders.size() == 2);

    // Labels wall in the anchor at (200, 100); they are in the index only.
    HardBoxIndex hard(ctx);
    for (const Box& b : {Box::of(190, 90, 210, 94), Box::of(190, 106, 210, 110), Box::of(190, 94, 194, 106),
                         Box::of(206, 94, 210, 106)})
        hard.insert(b);
    const PlacementResult res = place_callouts(reqs, ctx, hard);
    const auto& c = res.callouts[0];
    REQUIRE(c.tier == Tier::InMap);
    CHECK(c.more_leaders.size() == 1);
    REQUIRE(c.unreached.size() == 1);
    CHECK(q.anchors[c.unreached[0]].x == 200);
    for (const Box& b : hard.boxes()) CHECK_FALSE(touches(c, b));
}
