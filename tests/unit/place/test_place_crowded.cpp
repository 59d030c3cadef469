// Crowded towns: a dense cluster of anchors against the frame, and the generated dense
// sheets, placed soundly (independent checker) and reproducibly. On such pages the
// annealing starts hot and balloons may sit wholly beside their leaders.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

#include "checker.hpp"
#include "sheet_gen.hpp"

using namespace place_test;

namespace {

/// Deterministic points: n around c, spread s (a simple LCG, no std distributions).
void scatter(std::vector<XY>& out, XY c, double s, int n, uint64_t seed) {
    uint64_t x = seed * 6364136223846793005ull + 1442695040888963407ull;
    auto uni = [&] {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<double>(x >> 11) * (1.0 / 9007199254740992.0);
    };
    for (int i = 0; i < n; ++i) out.push_back({c.x + s * (2 * uni() - 1), c.y + s * (2 * uni() - 1)});
}

}  // namespace

TEST_CASE("a crowded town at the frame edge is placed soundly and reproducibly", "[place][crowded]") {
    PlacementContext ctx;
    ctx.page = Box::of(0, 0, 420, 297);
    ctx.printable = Box::of(5, 5, 415, 292);
    ctx.map_frame = Box::of(10, 20, 410, 287);
    ctx.keep_out = {Box::of(330, 205, 406, 283)};
    std::vector<XY> pts;
    scatter(pts, {180, 270}, 14, 45, 4);   // the crowded town, against the bottom of the frame
    scatter(pts, {210, 150}, 150, 95, 5);  // the rest of the sheet
    std::vector<CalloutRequest> reqs;
    for (size_t i = 0; i < pts.size(); ++i) {
        XY a = pts[i];
        a.x = std::clamp(a.x, 15.0, 325.0);
        a.y = std::clamp(a.y, 25.0, 284.0);
        CalloutRequest q;
        char id[32];
        std::snprintf(id, sizeof id, "T%03zu", i);
        q.id = id;
        q.priority = static_cast<int>(i % 3);
        q.anchors = {a};
        q.width_mm = 18 + static_cast<double>(i % 7) * 2.5;
        q.height_mm = i % 5 == 0 ? 7.3 : 4.45;
        reqs.push_back(q);
    }
    const PlacementResult a = place_callouts(reqs, ctx);
    require_sound(reqs, ctx, a);
    int balloons = 0;
    for (const auto& c : a.callouts) balloons += c.tier != Tier::List;
    INFO("balloons " << balloons << " of " << reqs.size());
    CHECK(balloons >= 100);
    const PlacementResult b = place_callouts(reqs, ctx);
    REQUIRE(a.callouts.size() == b.callouts.size());
    for (size_t i = 0; i < a.callouts.size(); ++i) {
        CHECK(a.callouts[i].tier == b.callouts[i].tier);
        CHECK(a.callouts[i].box.minx == b.callouts[i].box.minx);
        CHECK(a.callouts[i].box.miny == b.callouts[i].box.miny);
    }
}

TEST_CASE("generated dense sheets, seeds 2 and 3, margins layout, stay sound", "[place][crowded][dense]") {
    for (uint64_t seed : {2u, 3u}) {
        const place_sheets::Instance in =
            place_sheets::generate(200, seed, place_sheets::Layout::Margins, place_sheets::Balloons::Compact);
        PlacementOptions opt;
        opt.seed = static_cast<unsigned>(seed);
        const PlacementResult res = place_callouts(in.reqs, in.ctx, opt);
        require_sound(in.reqs, in.ctx, res);
    }
}
