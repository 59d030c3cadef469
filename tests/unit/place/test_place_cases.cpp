// Targeted cases: determinism, boundary stacks, the numbered list, hard obstacles.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "checker.hpp"

using namespace place_test;

namespace {

PlacementContext sheet(Box frame) {
    PlacementContext c;
    c.page = Box::of(0, 0, 300, 200);
    c.printable = Box::of(5, 5, 295, 195);
    c.map_frame = frame;
    return c;
}

std::string name(const char* prefix, int i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%03d", prefix, i);
    return buf;
}

CalloutRequest req(const std::string& id, XY a, double w = 40, double h = 6, int prio = 0) {
    CalloutRequest q;
    q.id = id;
    q.priority = prio;
    q.anchors = {a};
    q.width_mm = w;
    q.height_mm = h;
    return q;
}

}  // namespace

TEST_CASE("a lone callout sits near its anchor with a short leader", "[place]") {
    const auto ctx = sheet(Box::of(10, 10, 290, 190));
    const std::vector<CalloutRequest> reqs{req("A", {150, 100})};
    const auto res = place_callouts(reqs, ctx);
    require_sound(reqs, ctx, res);
    REQUIRE(res.callouts[0].tier == Tier::InMap);
    CHECK(res.stats.max_leader_mm <= 10.0);
    CHECK(res.callouts[0].leader.front() == XY{150, 100});
}

TEST_CASE("same input twice gives identical output", "[place]") {
    auto ctx = sheet(Box::of(60, 20, 240, 180));
    ctx.keep_out = {Box::of(200, 150, 238, 178)};
    ctx.land = {ipmap::Polygon{{{{80, 60}, {200, 50}, {220, 160}, {90, 170}}}}};
    std::vector<CalloutRequest> reqs;
    for (int i = 0; i < 60; ++i)
        reqs.push_back(req(name("W", i), XY{110.0 + (i * 37 % 41), 85.0 + (i * 53 % 31)},
                           25 + i % 20, 5 + i % 7, i % 3));
    PlacementOptions opt;
    opt.time_budget_ms = 30;
    const auto r1 = place_callouts(reqs, ctx, opt);
    const auto r2 = place_callouts(reqs, ctx, opt);
    require_sound(reqs, ctx, r1);
    REQUIRE(r1.callouts.size() == r2.callouts.size());
    for (size_t i = 0; i < r1.callouts.size(); ++i) {
        const auto& a = r1.callouts[i];
        const auto& b = r2.callouts[i];
        INFO("callout " << i);
        CHECK(a.id == b.id);
        CHECK(a.tier == b.tier);
        CHECK(a.box == b.box);  // exact, bit for bit
        CHECK(a.leader == b.leader);
        CHECK(a.anchor == b.anchor);
        CHECK(a.list_number == b.list_number);
    }
    CHECK(r1.stats.total_leader_mm == r2.stats.total_leader_mm);
}

TEST_CASE("crowded anchors spill into margin stacks without crossing leaders", "[place][margins]") {
    // 30 works in a 12 x 12 mm patch; with 15 mm leaders the map can hold only a few.
    const auto ctx = sheet(Box::of(80, 20, 220, 180));
    std::vector<CalloutRequest> reqs;
    for (int i = 0; i < 30; ++i)
        reqs.push_back(req(name("W", 100 + i), XY{144.0 + (i * 7 % 12), 94.0 + (i * 5 % 12)}, 40, 6));
    PlacementOptions opt;
    opt.max_leader_mm = 15;
    opt.time_budget_ms = 50;
    const auto res = place_callouts(reqs, ctx, opt);
    require_sound(reqs, ctx, res);
    CHECK(res.stats.placed_in_margin >= 10);
    for (const auto& c : res.callouts) {
        if (c.tier != Tier::Margin) continue;
        // Outside the frame, in the left or right margin, aligned on the frame.
        const bool left = c.box.maxx <= ctx.map_frame.minx && c.box.maxx >= ctx.map_frame.minx - 2;
        const bool right = c.box.minx >= ctx.map_frame.maxx && c.box.minx <= ctx.map_frame.maxx + 2;
        const bool top = c.box.maxy <= ctx.map_frame.miny;
        const bool bottom = c.box.miny >= ctx.map_frame.maxy;
        CHECK((left || right || top || bottom));
    }
    // Without margins the same sheet lists what the map cannot hold.
    opt.use_margins = false;
    const auto res2 = place_callouts(reqs, ctx, opt);
    require_sound(reqs, ctx, res2);
    CHECK(res2.stats.placed_in_margin == 0);
    CHECK(res2.stats.listed > res.stats.listed);
}

TEST_CASE("margin stacks go inside the frame when the page has no margin room", "[place][margins]") {
    const auto ctx = sheet(Box::of(8, 8, 292, 192));
    std::vector<CalloutRequest> reqs;
    for (int i = 0; i < 24; ++i)
        reqs.push_back(req(name("W", i), XY{40.0 + (i * 7 % 12), 100.0 + (i * 5 % 12)}, 40, 6));
    PlacementOptions opt;
    opt.max_leader_mm = 12;
    opt.time_budget_ms = 50;
    const auto res = place_callouts(reqs, ctx, opt);
    require_sound(reqs, ctx, res);
    CHECK(res.stats.placed_in_margin > 0);
    for (const auto& c : res.callouts)
        if (c.tier == Tier::Margin) CHECK(inside_closed(ctx.map_frame, c.box));
}

TEST_CASE("when space runs out the rest goes to the numbered list in request order", "[place][list]") {
    // Eight anchors in a row; the frame holds one 40 x 20 balloon above them and one
    // below at most, and there are no margins.
    const auto ctx = sheet(Box::of(100, 72, 170, 124));
    std::vector<CalloutRequest> reqs;
    for (int i = 0; i < 8; ++i) reqs.push_back(req(name("L", i), {130 + i * 0.5, 100}, 40, 20, 1));
    reqs[5].priority = 0;  // the most important one gets the balloon
    PlacementOptions opt;
    opt.use_margins = false;
    const auto res = place_callouts(reqs, ctx, opt);
    require_sound(reqs, ctx, res);
    CHECK(res.stats.listed >= 6);
    CHECK(res.callouts[5].tier != Tier::List);
    int expect = 1;
    for (const auto& c : res.callouts)
        if (c.tier == Tier::List) {
            CHECK(c.list_number == expect++);
            CHECK(c.anchor.y == 100);  // the marker goes at the anchor
        }
}

TEST_CASE("requests without anchors or size are listed, never lost", "[place][list]") {
    const auto ctx = sheet(Box::of(10, 10, 290, 190));
    std::vector<CalloutRequest> reqs{req("A", {100, 100}), req("B", {150, 100}, 0, 0), req("C", {200, 100})};
    reqs[0].anchors.clear();
    const auto res = place_callouts(reqs, ctx);
    require_sound(reqs, ctx, res);
    CHECK(res.callouts[0].tier == Tier::List);
    CHECK(res.callouts[0].list_number == 1);
    CHECK(res.callouts[1].tier == Tier::List);
    CHECK(res.callouts[1].list_number == 2);
    CHECK(res.callouts[2].tier == Tier::InMap);
}

TEST_CASE("balloons and leaders keep off keep-out boxes and labels", "[place]") {
    auto ctx = sheet(Box::of(10, 10, 290, 190));
    // The anchor is boxed in on three sides; only the way down is free.
    ctx.keep_out = {Box::of(100, 60, 200, 95), Box::of(60, 60, 98, 140)};
    ctx.labels = {Box::of(202, 60, 240, 140)};
    const std::vector<CalloutRequest> reqs{req("A", {150, 100}, 30, 6)};
    const auto res = place_callouts(reqs, ctx);
    require_sound(reqs, ctx, res);
    REQUIRE(res.callouts[0].tier == Tier::InMap);
    CHECK(res.callouts[0].box.miny >= 100);
}

TEST_CASE("balloons prefer the sea to the land", "[place]") {
    auto ctx = sheet(Box::of(10, 10, 290, 190));
    ctx.land = {ipmap::Polygon{{{{10, 10}, {150, 10}, {150, 190}, {10, 190}}}}};  // land west of x = 150
    const std::vector<CalloutRequest> reqs{req("A", {145, 100}, 40, 8)};
    const auto res = place_callouts(reqs, ctx);
    require_sound(reqs, ctx, res);
    // At most a quarter of the balloon on land.
    CHECK(res.callouts[0].box.minx >= 140);
}

TEST_CASE("leaders from one shared anchor fan out without overlapping", "[place]") {
    const auto ctx = sheet(Box::of(10, 10, 290, 190));
    std::vector<CalloutRequest> reqs;
    for (int i = 0; i < 6; ++i) reqs.push_back(req(name("M", i), {150, 100}, 35, 6));
    const auto res = place_callouts(reqs, ctx);
    require_sound(reqs, ctx, res);
    CHECK(res.stats.listed == 0);
}

TEST_CASE("audit counts overlaps and crossings from the geometry", "[place][audit]") {
    const auto ctx = sheet(Box::of(10, 10, 290, 190));
    auto balloon = [](const std::string& id, XY a, Box b, XY end) {
        PlacedCallout c;
        c.id = id;
        c.tier = Tier::InMap;
        c.anchor = a;
        c.box = b;
        c.leader = {a, end};
        return c;
    };
    SECTION("clean pair") {
        const std::vector<PlacedCallout> cs{balloon("a", {50, 50}, Box::of(60, 40, 90, 46), {60, 43}),
                                            balloon("b", {50, 80}, Box::of(60, 70, 90, 76), {60, 73})};
        const auto st = audit(cs, ctx);
        CHECK(st.overlaps == 0);
        CHECK(st.crossings == 0);
        CHECK(st.placed_in_map == 2);
    }
    SECTION("overlapping balloons") {
        const std::vector<PlacedCallout> cs{balloon("a", {50, 50}, Box::of(60, 40, 90, 46), {60, 43}),
                                            balloon("b", {50, 60}, Box::of(70, 44, 100, 50), {70, 47})};
        CHECK(audit(cs, ctx).overlaps == 1);
    }
    SECTION("touching balloons do not overlap") {
        const std::vector<PlacedCallout> cs{balloon("a", {50, 50}, Box::of(60, 40, 90, 46), {60, 43}),
                                            balloon("b", {50, 60}, Box::of(60, 46, 90, 52), {60, 49})};
        CHECK(audit(cs, ctx).overlaps == 0);
    }
    SECTION("crossing leaders") {
        const std::vector<PlacedCallout> cs{balloon("a", {50, 50}, Box::of(100, 80, 130, 86), {100, 80}),
                                            balloon("b", {50, 80}, Box::of(100, 44, 130, 50), {100, 50})};
        CHECK(audit(cs, ctx).crossings == 1);
    }
    SECTION("a leader through another balloon") {
        const std::vector<PlacedCallout> cs{balloon("a", {50, 50}, Box::of(120, 47, 150, 53), {120, 50}),
                                            balloon("b", {90, 20}, Box::of(80, 45, 100, 55), {90, 45})};
        CHECK(audit(cs, ctx).crossings == 1);
    }
    SECTION("a fan from one anchor is not a crossing") {
        const std::vector<PlacedCallout> cs{balloon("a", {50, 50}, Box::of(60, 40, 90, 46), {60, 46}),
                                            balloon("b", {50, 50}, Box::of(60, 54, 90, 60), {60, 54})};
        CHECK(audit(cs, ctx).crossings == 0);
    }
    SECTION("a leader through a keep-out box") {
        auto c2 = ctx;
        c2.keep_out = {Box::of(70, 45, 80, 55)};
        const std::vector<PlacedCallout> cs{balloon("a", {50, 50}, Box::of(100, 47, 130, 53), {100, 50})};
        CHECK(audit(cs, c2).crossings == 1);
    }
    SECTION("a balloon covering another callout's marker") {
        PlacedCallout listed;
        listed.id = "l";
        listed.tier = Tier::List;
        listed.anchor = {75, 43};
        listed.list_number = 1;
        const std::vector<PlacedCallout> cs{balloon("a", {50, 50}, Box::of(60, 40, 90, 46), {60, 43}), listed};
        CHECK(audit(cs, ctx).overlaps == 1);
    }
    SECTION("a leader that stops short of its balloon") {
        const std::vector<PlacedCallout> cs{balloon("a", {50, 50}, Box::of(60, 40, 90, 46), {58, 43})};
        CHECK(audit(cs, ctx).detached == 1);
    }
    SECTION("a balloon outside the printable area") {
        const std::vector<PlacedCallout> cs{balloon("a", {50, 50}, Box::of(0, 40, 30, 46), {30, 43})};
        CHECK(audit(cs, ctx).out_of_bounds == 1);
    }
}

TEST_CASE("place_labels: greedy by priority, clear of keep-out and of each other", "[place][labels]") {
    auto ctx = sheet(Box::of(10, 10, 290, 190));
    ctx.keep_out = {Box::of(100, 100, 120, 110)};
    std::vector<LabelRequest> ls(5);
    ls[0] = {"b-second", 1, {Box::of(50, 50, 70, 55), Box::of(50, 60, 70, 65)}, false};
    ls[1] = {"a-first", 0, {Box::of(55, 52, 75, 57)}, false};  // placed first: lower priority value
    ls[2] = {"blocked", 0, {Box::of(105, 102, 125, 107), Box::of(130, 102, 150, 107)}, false};
    ls[3] = {"nowhere", 2, {Box::of(101, 101, 110, 105), Box::of(0, 0, 10, 4)}, false};  // keep-out, off-page
    ls[4] = {"required", 2, {Box::of(101, 101, 110, 105)}, true};
    const LabelPlacement lp = place_labels(ls, ctx);
    REQUIRE(lp.chosen.size() == 5);
    CHECK(lp.chosen[1] == 0);
    CHECK(lp.chosen[0] == 1);  // its first candidate collides with a-first
    CHECK(lp.chosen[2] == 1);  // its first candidate is under the keep-out box
    CHECK(lp.chosen[3] == -1);
    CHECK(lp.chosen[4] == 0);  // required: placed even though it collides
}

TEST_CASE("place_labels: already placed labels are obstacles too, ties by id", "[place][labels]") {
    auto ctx = sheet(Box::of(10, 10, 290, 190));
    ctx.labels = {Box::of(50, 50, 70, 55)};
    std::vector<LabelRequest> ls{{"z", 0, {Box::of(80, 50, 100, 55)}, false},
                                 {"a", 0, {Box::of(85, 52, 105, 57), Box::of(52, 51, 60, 54)}, false}};
    const LabelPlacement lp = place_labels(ls, ctx);
    CHECK(lp.chosen[1] == 0);   // "a" before "z" at equal priority
    CHECK(lp.chosen[0] == -1);  // collides with "a"
}

TEST_CASE("the global solve beats first fit: the first request steps aside for the second", "[place][solver]") {
    // B's only room is a corridor between two keep-out boxes. A (placed first) is
    // cheapest in that corridor too, because the open side is land. First fit would
    // list B; the solver moves A onto the land and places both.
    auto ctx = sheet(Box::of(10, 10, 290, 190));
    ctx.keep_out = {Box::of(100, 80, 175, 99), Box::of(100, 107, 175, 130), Box::of(60, 80, 100, 130)};
    ctx.land = {ipmap::Polygon{{{{180, 10}, {290, 10}, {290, 190}, {180, 190}}}}};
    std::vector<CalloutRequest> reqs{req("A", {180, 103}, 40, 6, 0), req("B", {120, 103}, 30, 6, 1)};
    PlacementOptions opt;
    opt.use_margins = false;
    const auto res = place_callouts(reqs, ctx, opt);
    require_sound(reqs, ctx, res);
    CHECK(res.callouts[0].tier == Tier::InMap);
    CHECK(res.callouts[1].tier == Tier::InMap);
    CHECK(res.callouts[1].box.minx > 120);  // B in its corridor
}

TEST_CASE("a moderately busy sheet is placed almost completely as balloons", "[place][solver]") {
    // 45 callouts around four towns on a 290 x 190 mm sheet with side margins.
    auto ctx = sheet(Box::of(60, 15, 240, 185));
    ctx.keep_out = {Box::of(200, 150, 238, 183)};
    ctx.land = {ipmap::Polygon{{{{100, 60}, {190, 50}, {215, 140}, {150, 185}, {95, 160}}}}};
    const XY towns[4] = {{120, 80}, {170, 70}, {190, 130}, {130, 150}};
    std::vector<CalloutRequest> reqs;
    for (int i = 0; i < 45; ++i) {
        const XY t = towns[i % 4];
        const double dx = ((i * 37) % 29) - 14.0, dy = ((i * 53) % 23) - 11.0;
        reqs.push_back(req(name("B", i), {t.x + dx, t.y + dy}, 24 + (i * 7) % 16, 5 + (i % 3) * 2.5, i % 3));
    }
    PlacementOptions opt;
    opt.time_budget_ms = 200;
    const auto res = place_callouts(reqs, ctx, opt);
    require_sound(reqs, ctx, res);
    const int balloons = res.stats.placed_in_map + res.stats.placed_in_margin;
    INFO("in map " << res.stats.placed_in_map << ", margin " << res.stats.placed_in_margin << ", list " << res.stats.listed);
    CHECK(balloons >= 43);  // >= 95 %
}

TEST_CASE("a bracketed callout gets a leader to each of its anchors", "[place][bracket]") {
    const auto ctx = sheet(Box::of(10, 10, 290, 190));
    CalloutRequest q = req("B001", {120, 100}, 36, 8);
    q.anchors = {{120, 100}, {160, 112}, {138, 140}};  // three municipalities
    q.lead_to_all = true;
    const std::vector<CalloutRequest> reqs = {q, req("A001", {60, 60})};
    const PlacementResult res = place_callouts(reqs, ctx);
    require_sound(reqs, ctx, res);
    const auto& c = res.callouts[0];
    REQUIRE(c.tier == Tier::InMap);
    CHECK(c.unreached.empty());
    REQUIRE(c.more_leaders.size() == 2);
    for (const auto& l : c.more_leaders) {
        CHECK_FALSE((l.front().x == c.anchor.x && l.front().y == c.anchor.y));
        CHECK(on_outline(l.back(), c.box));
    }
    // The unbracketed request gets no extra leader.
    CHECK(res.callouts[1].more_leaders.empty());
    CHECK(res.callouts[1].unreached.empty());
}

TEST_CASE("a bracketed anchor no clear leader reaches is reported, not hidden", "[place][bracket]") {
    auto ctx = sheet(Box::of(10, 10, 290, 190));
    // Labels wall in the anchor at (200, 100) on all four sides.
    ctx.labels = {Box::of(190, 90, 210, 94), Box::of(190, 106, 210, 110), Box::of(190, 94, 194, 106),
                  Box::of(206, 94, 210, 106)};
    CalloutRequest q = req("B001", {120, 100}, 36, 8);
    q.anchors = {{120, 100}, {200, 100}, {138, 140}};
    q.lead_to_all = true;
    const std::vector<CalloutRequest> reqs = {q};
    const PlacementResult res = place_callouts(reqs, ctx);
    require_sound(reqs, ctx, res);
    const auto& c = res.callouts[0];
    REQUIRE(c.tier == Tier::InMap);
    CHECK(c.more_leaders.size() == 1);
    REQUIRE(c.unreached.size() == 1);
    CHECK(q.anchors[c.unreached[0]].x == 200);
}

TEST_CASE("audit counts a bracket leader through a balloon or across a leader", "[place][bracket][audit]") {
    PlacementContext ctx = sheet(Box::of(10, 10, 290, 190));
    PlacedCallout a;
    a.id = "A";
    a.box = Box::of(100, 50, 140, 58);
    a.anchor = {120, 80};
    a.leader = {{120, 80}, {120, 58}};
    PlacedCallout b;
    b.id = "B";
    b.box = Box::of(200, 50, 240, 58);
    b.anchor = {220, 80};
    b.leader = {{220, 80}, {220, 58}};
    CHECK(audit({a, b}, ctx).crossings == 0);
    // From an anchor left of A, across A's leader to B's balloon.
    b.more_leaders = {{{110, 70}, {200, 54}}};
    const PlacementStats st = audit({a, b}, ctx);
    CHECK(st.crossings >= 1);
    // Through A's balloon.
    b.more_leaders = {{{90, 54}, {200, 54}}};
    CHECK(audit({a, b}, ctx).crossings >= 1);
    // Not ending on its own balloon.
    b.more_leaders = {{{250, 80}, {245, 70}}};
    CHECK(audit({a, b}, ctx).detached == 1);
}

TEST_CASE("a balloon too wide for the room near its anchor takes its narrower shape", "[place][shapes]") {
    // A well 20 mm wide between two keep-outs, the anchor at its bottom: the 40 x 6 mm
    // balloon fits nowhere within the leader's reach, its 18 x 11 mm shape (the same text on
    // two lines) fits in the well.
    auto ctx = sheet(Box::of(10, 10, 290, 190));
    ctx.keep_out = {Box::of(10, 10, 140, 190), Box::of(160, 10, 290, 190)};
    CalloutRequest q = req("A", {150, 180});
    q.other_sizes = {{18, 11}};
    const std::vector<CalloutRequest> reqs{q};
    PlacementOptions opt;
    opt.use_margins = false;
    const auto res = place_callouts(reqs, ctx, opt);
    require_sound(reqs, ctx, res);  // the checker holds the box to the size of its shape
    REQUIRE(res.callouts[0].tier == Tier::InMap);
    CHECK(res.callouts[0].shape == 1);
    CHECK(res.callouts[0].box.width() == Approx(18));
    CHECK(res.callouts[0].box.height() == Approx(11));

    // Without the other shape it goes to the list; with room, the first shape is kept.
    CalloutRequest plain = req("A", {150, 180});
    CHECK(place_callouts({plain}, ctx, opt).callouts[0].tier == Tier::List);
    const auto open = sheet(Box::of(10, 10, 290, 190));
    const auto roomy = place_callouts(reqs, open, opt);
    require_sound(reqs, open, roomy);
    CHECK(roomy.callouts[0].shape == 0);
    CHECK(roomy.callouts[0].box.width() == Approx(40));
}
