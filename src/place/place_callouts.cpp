// place_callouts: tier 1 (in the map, global solve), tier 2 (stacks along the frame),
// both jointly for what is still out, a direct search of the free space (gap filling),
// tier 3 (numbered list), then an audit of the final geometry that demotes any
// offender to the list, so nothing overlapping or crossing ever leaves this function.
#include "place/place_callouts.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "place/problem.hpp"

namespace ipmap::place {
namespace {

using namespace detail;

constexpr double kBasePenalty = 1000.0;  ///< cost of one request left out of tiers 1-2
constexpr int kMaxDemoteRounds = 64;

Box intersect(const Box& a, const Box& b) {
    return Box{std::max(a.minx, b.minx), std::max(a.miny, b.miny), std::min(a.maxx, b.maxx), std::min(a.maxy, b.maxy)};
}

/// Which of the request's shapes a placed box has (0 when none matches: the first).
int shape_of(const CalloutRequest& q, const Box& b) {
    auto same = [&](double w, double h) { return std::abs(b.width() - w) < 1e-6 && std::abs(b.height() - h) < 1e-6; };
    if (same(q.width_mm, q.height_mm)) return 0;
    for (std::size_t k = 0; k < q.other_sizes.size(); ++k)
        if (same(q.other_sizes[k].width_mm, q.other_sizes[k].height_mm)) return static_cast<int>(k) + 1;
    return 0;
}

}  // namespace

PlacementResult place_callouts(const std::vector<CalloutRequest>& requests, const PlacementContext& context,
                               const HardBoxIndex& hard, const PlacementOptions& options) {
    const auto t0 = std::chrono::steady_clock::now();  // for the report only
    const int n = static_cast<int>(requests.size());
    PlacementResult result;
    result.callouts.resize(n);

    Problem p{requests, context, options, {}, {}, {}, {}, nullptr, {}};
    p.cl.gap = std::max(0.0, options.gap_mm);
    p.cl.lead = std::clamp(p.cl.gap / 2, 0.05, 0.5);

    p.order.resize(n);
    for (int i = 0; i < n; ++i) p.order[i] = i;
    std::sort(p.order.begin(), p.order.end(), [&](int a, int b) {
        if (requests[a].priority != requests[b].priority) return requests[a].priority < requests[b].priority;
        if (requests[a].id != requests[b].id) return requests[a].id < requests[b].id;
        return a < b;
    });
    p.rank.assign(n, 0);
    for (int i = 0; i < n; ++i) p.rank[p.order[i]] = i;

    // More important requests cost more to leave out: up to +50% for the top priority.
    std::vector<int> prios;
    for (const auto& q : requests) prios.push_back(q.priority);
    std::sort(prios.begin(), prios.end());
    prios.erase(std::unique(prios.begin(), prios.end()), prios.end());
    p.penalty.assign(n, kBasePenalty);
    if (prios.size() > 1)
        for (int i = 0; i < n; ++i) {
            const auto k = std::lower_bound(prios.begin(), prios.end(), requests[i].priority) - prios.begin();
            p.penalty[i] = kBasePenalty * (1.0 + 0.5 * static_cast<double>(prios.size() - 1 - k) / (prios.size() - 1));
        }

    const Box frame_in = context.map_frame.empty() ? context.printable : context.map_frame.grown(-p.cl.gap);
    p.tier1_container = intersect(frame_in, context.printable);

    std::vector<StaticIndex::AnchorRef> anchors;
    double mean_dim = 0;
    for (int r = 0; r < n; ++r) {
        for (const auto& a : requests[r].anchors)
            if (std::isfinite(a.x) && std::isfinite(a.y)) anchors.push_back({a, r});
        mean_dim += std::max(0.0, requests[r].width_mm) + std::max(0.0, requests[r].height_mm);
    }
    mean_dim = n ? mean_dim / (2 * n) : 10.0;
    StaticIndex statics(context, hard, anchors, options.weights, p.cl);
    p.statics = &statics;

    Box extent = context.page;
    extent.expand(context.printable);
    extent.expand(context.map_frame);
    Board board(extent, std::clamp(mean_dim, 4.0, 50.0), n, p.cl);

    if (options.use_margins) p.stacks = make_stacks(context, requests, p.cl.gap, p.tier1_container);

    // Tiers 1 and 2 in one global solve; the stacks re-laid and filled up; tiers 1 and 2
    // jointly for what is still out (stack leaders reserved, in-map balloons re-seated
    // around them); then the free space searched directly for what is left.
    const CandidateSet cs = make_candidates(p);
    solve_in_map(p, cs, board);
    if (options.use_margins) {
        solve_margins(p, board);
        reserve_margins(p, cs, board);
    }
    fill_gaps(p, board);

    for (int r = 0; r < n; ++r) {
        PlacedCallout& out = result.callouts[r];
        const auto& q = requests[r];
        out.id = q.id;
        if (board.placed(r)) {
            const Cand& c = board.held(r);
            out.tier = c.tier == 0 ? Tier::InMap : Tier::Margin;
            out.box = c.box;
            out.shape = shape_of(q, c.box);
            out.leader.assign(c.leader.p.begin(), c.leader.p.begin() + c.leader.n);
            out.anchor = q.anchors[c.anchor];
        } else {
            out.tier = Tier::List;
            if (!q.anchors.empty()) out.anchor = q.anchors[0];
        }
    }

    // Final pass: whatever the geometry says is wrong goes to the list.
    auto demote = [&](int i) {
        auto& c = result.callouts[i];
        c.tier = Tier::List;
        c.box = Box{};
        c.shape = 0;
        c.leader.clear();
        if (!requests[i].anchors.empty()) c.anchor = requests[i].anchors[0];
    };
    for (int round = 0; round < kMaxDemoteRounds; ++round) {
        std::vector<AuditIssue> issues;
        audit_geometry(result.callouts, context, &issues);
        if (issues.empty()) break;
        std::vector<uint8_t> out(n, 0);
        for (const auto& is : issues) {
            int loser = is.a;
            if (is.b >= 0 && result.callouts[is.b].tier != Tier::List && more_important(p, is.a, is.b)) loser = is.b;
            if (round == kMaxDemoteRounds - 1) out[is.a] = out[is.b >= 0 ? is.b : is.a] = 1;
            out[loser] = 1;
        }
        for (int i = 0; i < n; ++i)
            if (out[i]) demote(i);
    }

    // Leaders to the other anchors of lead-to-all balloons. They keep the solver's
    // clearances, so the audit should find nothing new; if it does, the added leaders go,
    // not the balloons.
    add_more_leaders(p, result.callouts);
    {
        std::vector<AuditIssue> issues;
        audit_geometry(result.callouts, context, &issues);
        for (const auto& is : issues)
            for (int k : {is.a, is.b}) {
                if (k < 0 || result.callouts[k].more_leaders.empty()) continue;
                auto& c = result.callouts[k];
                for (const auto& l : c.more_leaders)
                    for (int a = 0; a < static_cast<int>(requests[k].anchors.size()); ++a)
                        if (requests[k].anchors[a] == l.front()) c.unreached.push_back(a);
                std::sort(c.unreached.begin(), c.unreached.end());
                c.more_leaders.clear();
            }
    }

    int number = 0;
    for (auto& c : result.callouts)
        if (c.tier == Tier::List) c.list_number = ++number;

    result.stats = audit_geometry(result.callouts, context, nullptr);
    result.stats.solve_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

PlacementResult place_callouts(const std::vector<CalloutRequest>& requests, const PlacementContext& context,
                               const PlacementOptions& options) {
    const HardBoxIndex hard(context);
    return place_callouts(requests, context, hard, options);
}

}  // namespace ipmap::place
