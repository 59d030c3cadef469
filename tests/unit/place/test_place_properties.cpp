// Property tests: many seeded random sheets; every result is checked from the geometry,
// by audit() and by the brute-force checker in checker.hpp.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numbers>
#include <string>
#include <thread>

#include "checker.hpp"
#include "splitmix.hpp"

using namespace place_test;

namespace {

class Rand : public place_test_random::SplitMix {
public:
    explicit Rand(uint64_t s) : SplitMix(s, 1) {}
};

Box rand_box(Rand& r, const Box& in, double wmin, double wmax, double hmin, double hmax) {
    const double w = r.uni(wmin, wmax), h = r.uni(hmin, hmax);
    const double x = r.uni(in.minx, std::max(in.minx, in.maxx - w)), y = r.uni(in.miny, std::max(in.miny, in.maxy - h));
    return Box::of(x, y, x + w, y + h);
}

ipmap::Polygon star(Rand& r, XY c, double rad, int n) {
    Path ring;
    for (int i = 0; i < n; ++i) {
        const double t = 2 * std::numbers::pi * i / n;
        const double k = rad * r.uni(0.5, 1.0);
        ring.push_back({c.x + k * std::cos(t), c.y + k * std::sin(t)});
    }
    return ipmap::Polygon{{ring}};
}

struct Sheet {
    PlacementContext ctx;
    std::vector<CalloutRequest> reqs;
    PlacementOptions opt;
};

Sheet random_sheet(uint64_t seed) {
    Rand r(seed);
    Sheet s;
    auto& c = s.ctx;
    const double W = r.uni(200, 420), H = r.uni(150, 300);
    c.page = Box::of(0, 0, W, H);
    c.printable = c.page.grown(-5);
    // Sometimes deep margins (outside stacks), sometimes none (stacks inside the frame).
    const double ml = r.chance(0.4) ? r.uni(40, 70) : r.uni(1, 8), mr = r.chance(0.4) ? r.uni(40, 70) : r.uni(1, 8);
    const double mt = r.chance(0.3) ? r.uni(15, 25) : r.uni(1, 8), mb = r.uni(1, 8);
    c.map_frame = Box::of(c.printable.minx + ml, c.printable.miny + mt, c.printable.maxx - mr, c.printable.maxy - mb);
    const int nk = r.below(5);
    for (int k = 0; k < nk; ++k) c.keep_out.push_back(rand_box(r, c.printable, 15, 70, 8, 50));
    const int nl = r.below(8);
    for (int k = 0; k < nl; ++k) c.labels.push_back(rand_box(r, c.map_frame, 8, 25, 3, 5));
    if (r.chance(0.6)) {
        const int np = 1 + r.below(2);
        for (int k = 0; k < np; ++k)
            c.land.push_back(star(r, {r.uni(c.map_frame.minx, c.map_frame.maxx), r.uni(c.map_frame.miny, c.map_frame.maxy)},
                                  r.uni(30, 100), 6 + r.below(10)));
    }
    const int nsoft = r.below(5);
    for (int k = 0; k < nsoft; ++k) c.soft_boxes.push_back(rand_box(r, c.map_frame, 10, 30, 4, 8));

    const double un = r.uni();
    const int n = 5 + static_cast<int>(75 * un * un);  // 5..80, more small sheets than big ones
    const int clusters = 1 + r.below(5);
    std::vector<XY> centres;
    for (int k = 0; k < clusters; ++k)
        centres.push_back({r.uni(c.map_frame.minx, c.map_frame.maxx), r.uni(c.map_frame.miny, c.map_frame.maxy)});
    std::vector<XY> shared;  // municipality-style anchors that several works share
    for (int i = 0; i < n; ++i) {
        CalloutRequest q;
        char id[16];
        std::snprintf(id, sizeof id, "R%03d", i);
        q.id = id;
        q.priority = r.below(3);
        const int na = r.chance(0.1) ? 2 : 1;
        for (int k = 0; k < na; ++k) {
            XY a;
            if (!shared.empty() && r.chance(0.15)) {
                a = shared[r.below(static_cast<int>(shared.size()))];
            } else if (r.chance(0.75)) {
                const XY m = centres[r.below(clusters)];
                const double sd = r.uni(3, 25);
                a = {m.x + sd * (r.uni() - 0.5) * 2, m.y + sd * (r.uni() - 0.5) * 2};
            } else {
                a = {r.uni(c.map_frame.minx, c.map_frame.maxx), r.uni(c.map_frame.miny, c.map_frame.maxy)};
            }
            if (r.chance(0.05)) shared.push_back(a);
            q.anchors.push_back(a);
        }
        if (r.chance(0.02)) q.anchors.clear();  // a work without any anchor
        q.lead_to_all = q.anchors.size() >= 2 && i % 2 == 0;  // no draw: the instances stay as they were
        q.width_mm = r.uni(10, 50);
        q.height_mm = r.uni(4, 14);
        if (r.chance(0.5)) {
            Path l{q.anchors.empty() ? XY{0, 0} : q.anchors[0]};
            for (int k = 0; k < 3; ++k) l.push_back({l.back().x + r.uni(-8, 8), l.back().y + r.uni(-8, 8)});
            c.feature_lines.push_back(l);
        }
        s.reqs.push_back(q);
    }
    s.opt.seed = static_cast<unsigned>(seed);
    s.opt.gap_mm = r.chance(0.2) ? 0.0 : r.uni(0.5, 2);
    s.opt.use_margins = r.chance(0.85);
    s.opt.max_leader_mm = r.uni(20, 60);
    s.opt.time_budget_ms = r.uni(1, 8);  // a short search keeps the Debug run fast
    return s;
}

}  // namespace

TEST_CASE("random sheets: no overlap, no crossing, every request accounted for once", "[place][property]") {
    int balloons = 0, margins = 0, listed = 0, more_leaders = 0;
    for (uint64_t seed = 1; seed <= 200; ++seed) {
        const Sheet s = random_sheet(seed);
        const PlacementResult res = place_callouts(s.reqs, s.ctx, s.opt);
        INFO("seed " << seed << ", " << s.reqs.size() << " requests");

        const PlacementStats a = audit(res.callouts, s.ctx);
        CHECK(a.overlaps == 0);
        CHECK(a.crossings == 0);
        CHECK(a.out_of_bounds == 0);
        CHECK(a.detached == 0);
        CHECK(res.stats.overlaps == 0);
        CHECK(res.stats.crossings == 0);

        const auto errs = check(s.reqs, s.ctx, res);
        for (const auto& e : errs) FAIL_CHECK(e);
        REQUIRE(errs.empty());

        for (const auto& c : res.callouts) {
            balloons += c.tier != Tier::List;
            margins += c.tier == Tier::Margin;
            listed += c.tier == Tier::List;
            more_leaders += static_cast<int>(c.more_leaders.size());
        }
    }
    // The instances exercise all three tiers.
    CHECK(balloons > 0);
    CHECK(margins > 0);
    CHECK(listed > 0);
    CHECK(more_leaders > 0);  // and bracketed callouts' extra leaders
}

TEST_CASE("the checker and audit() do see violations", "[place][property]") {
    // Guard against a checker that passes everything: damage a good result and expect both to notice.
    const Sheet s = random_sheet(7);
    PlacementResult res = place_callouts(s.reqs, s.ctx, s.opt);
    int a = -1, b = -1;
    for (int i = 0; i < static_cast<int>(res.callouts.size()); ++i)
        if (res.callouts[i].tier != Tier::List) (a < 0 ? a : b) = (a < 0 ? i : (b < 0 ? i : b));
    REQUIRE(a >= 0);
    REQUIRE(b >= 0);
    // Move b's balloon onto a's.
    auto& cb = res.callouts[b];
    const double dx = res.callouts[a].box.minx - cb.box.minx, dy = res.callouts[a].box.miny - cb.box.miny;
    cb.box = Box{cb.box.minx + dx, cb.box.miny + dy, cb.box.maxx + dx, cb.box.maxy + dy};
    cb.leader.back() = {cb.leader.back().x + dx, cb.leader.back().y + dy};
    CHECK(audit(res.callouts, s.ctx).overlaps > 0);
    CHECK_FALSE(check(s.reqs, s.ctx, res).empty());
}

TEST_CASE("concurrent calls give the same results as sequential ones", "[place][threads]") {
    // No shared state: each call owns its GEOS context, indexes and random stream.
    std::vector<Sheet> sheets;
    for (uint64_t seed = 301; seed <= 304; ++seed) sheets.push_back(random_sheet(seed));
    std::vector<PlacementResult> alone, together(sheets.size());
    for (const auto& s : sheets) alone.push_back(place_callouts(s.reqs, s.ctx, s.opt));
    std::vector<std::thread> threads;
    for (size_t i = 0; i < sheets.size(); ++i)
        threads.emplace_back([&, i] { together[i] = place_callouts(sheets[i].reqs, sheets[i].ctx, sheets[i].opt); });
    for (auto& t : threads) t.join();
    for (size_t i = 0; i < sheets.size(); ++i) {
        REQUIRE(alone[i].callouts.size() == together[i].callouts.size());
        for (size_t k = 0; k < alone[i].callouts.size(); ++k) {
            CHECK(alone[i].callouts[k].box == together[i].callouts[k].box);
            CHECK(alone[i].callouts[k].leader == together[i].callouts[k].leader);
            CHECK(alone[i].callouts[k].list_number == together[i].callouts[k].list_number);
        }
    }
}
