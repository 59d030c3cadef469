// Tier-1 candidates: for each anchor, balloons at several leader lengths in 16
// directions. The balloon is hung on the leader end by the point of its outline that
// faces the anchor (corner for diagonals, edge midpoint for axis directions, in between
// for the others), so the leader never enters its own balloon.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

#include "place/problem.hpp"

namespace ipmap::place::detail {
namespace {

constexpr int kDirections = 16;
constexpr int kMaxAnchorsPerRequest = 4;
/// Candidate budget for the whole page: fewer leader lengths on dense pages keeps
/// generation linear in n.
constexpr double kCandidateBudget = 240000.0;
constexpr int kStacksPerRequest = 2;   ///< the nearest ones
constexpr double kStackStep = 3.0;     ///< spacing of stack positions, mm
constexpr double kStackBudget = 120000.0;

/// Balloons in the nearest stacks, centred on the anchor's projection and spread
/// along the side, no steeper than about 45 degrees.
void add_stack_candidates(const Problem& p, int r, int positions, std::vector<Cand>& out) {
    const auto& q = p.requests[r];
    const auto& w = p.options.weights;
    struct Near {
        double d;
        int stack, anchor;
    };
    std::vector<Near> near;
    for (int si = 0; si < static_cast<int>(p.stacks.size()); ++si) {
        const Stack& s = p.stacks[si];
        if (!stack_fits(s, q)) continue;
        Near best{1e300, si, -1};
        for (int ai = 0; ai < static_cast<int>(q.anchors.size()) && ai < kMaxAnchorsPerRequest; ++ai) {
            const double d = stack_distance(s, q, q.anchors[ai]);
            if (d < best.d) best = {d, si, ai};
        }
        if (best.anchor >= 0) near.push_back(best);
    }
    std::stable_sort(near.begin(), near.end(), [](const Near& a, const Near& b) { return a.d < b.d; });
    if (near.size() > kStacksPerRequest) near.resize(kStacksPerRequest);
    for (const Near& nb : near) {
        const Stack& s = p.stacks[nb.stack];
        const XY a = q.anchors[nb.anchor];
        const double ext = along_extent(s, q);
        const double centre = s.vertical ? a.y : a.x;
        const double spread = std::max(10.0, nb.d);
        const int half = positions / 2;
        const double step = std::max(kStackStep, spread / std::max(half, 1));
        for (int k = -half; k <= half; ++k) {
            const double start = std::clamp(centre + k * step - ext / 2, s.lo, s.hi - ext);
            Cand c = stack_cand(s, nb.stack, q, r, nb.anchor, start);
            if (!stack_faces_anchor(s, c) || !p.statics->hard_ok(c.box, c.leader, r, s.container)) continue;
            c.cost = kStackCost + w.leader_length * c.leader.length() + kAnchorRankCost * nb.anchor +
                     p.statics->cover_cost(c.box);
            out.push_back(c);
        }
    }
}

}  // namespace

CandidateSet make_candidates(const Problem& p) {
    const auto& reqs = p.requests;
    const auto& opt = p.options;
    const auto& w = opt.weights;
    const int n = static_cast<int>(reqs.size());

    size_t anchors = 0;
    for (const auto& r : reqs) anchors += std::min<size_t>(r.anchors.size(), kMaxAnchorsPerRequest);
    const int n_radii = std::clamp(static_cast<int>(kCandidateBudget / (kDirections * std::max<size_t>(anchors, 1))), 3, 8);

    const double rmin = std::max(0.5, opt.min_leader_mm);
    const double rmax = std::max(rmin, opt.max_leader_mm);
    std::vector<double> radii;
    for (int k = 0; k < n_radii; ++k) {
        const double t = n_radii == 1 ? 0.0 : static_cast<double>(k) / (n_radii - 1);
        radii.push_back(rmin + (rmax - rmin) * std::pow(t, 1.4));
    }
    radii.erase(std::unique(radii.begin(), radii.end()), radii.end());

    struct Dir {
        double dx, dy, u, v, dev;
    };
    std::vector<Dir> dirs;
    for (int j = 0; j < kDirections; ++j) {
        const double th = 2 * std::numbers::pi * j / kDirections;
        const double dx = std::cos(th), dy = std::sin(th);
        const double m = std::max(std::abs(dx), std::abs(dy));
        dirs.push_back({dx, dy, -dx / m, -dy / m, angle_deviation(th)});
    }

    // Stack positions per request and stack, fewer on crowded pages.
    const int stack_positions =
        std::clamp(static_cast<int>(kStackBudget / (kStacksPerRequest * std::max(n, 1))), 6, 24);

    CandidateSet cs;
    cs.begin.assign(n + 1, 0);
    for (int r = 0; r < n; ++r) {
        cs.begin[r] = static_cast<int>(cs.cands.size());
        const auto& q = reqs[r];
        const double wd = q.width_mm, ht = q.height_mm;
        if (!(wd > 0 && ht > 0) || !std::isfinite(wd) || !std::isfinite(ht)) continue;
        const int na = std::min<int>(static_cast<int>(q.anchors.size()), kMaxAnchorsPerRequest);
        for (int ai = 0; ai < na; ++ai) {
            const XY a = q.anchors[ai];
            if (!std::isfinite(a.x) || !std::isfinite(a.y)) continue;
            for (double rho : radii)
                for (const Dir& d : dirs) {
                    const XY e{a.x + rho * d.dx, a.y + rho * d.dy};
                    Cand c;
                    // Written so that the coordinate with |u| = 1 (or |v| = 1) equals e exactly.
                    c.box = Box{e.x - (1 + d.u) / 2 * wd, e.y - (1 + d.v) / 2 * ht, e.x + (1 - d.u) / 2 * wd,
                                e.y + (1 - d.v) / 2 * ht};
                    c.leader.p[0] = a;
                    c.leader.p[1] = e;
                    c.leader.n = 2;
                    c.req = r;
                    c.anchor = ai;
                    if (!p.statics->hard_ok(c.box, c.leader, r, p.tier1_container)) continue;
                    const XY ctr = c.box.center();
                    c.cost = w.leader_length * rho + w.anchor_distance * std::hypot(ctr.x - a.x, ctr.y - a.y) +
                             w.leader_angle * d.dev + kAnchorRankCost * ai + p.statics->cover_cost(c.box);
                    cs.cands.push_back(c);
                }
        }
        add_stack_candidates(p, r, stack_positions, cs.cands);
        std::stable_sort(cs.cands.begin() + cs.begin[r], cs.cands.end(),
                         [](const Cand& x, const Cand& y) { return x.cost < y.cost; });
    }
    cs.begin[n] = static_cast<int>(cs.cands.size());
    for (int k = 0; k < cs.begin[n]; ++k) cs.cands[k].idx = k;
    return cs;
}

}  // namespace ipmap::place::detail
