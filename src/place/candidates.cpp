// Tier-1 candidates: for each anchor, balloons at several leader lengths in 16
// directions. The balloon is hung on the leader end by the point of its outline that
// faces the anchor (corner for diagonals, edge midpoint for axis directions, in between
// for the others), so the leader never enters its own balloon; on pages where the
// budget allows, also slid along its edges facing the anchor (wholly beside the leader,
// which lets a neighbour's leader pass).
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

/// A lead-to-all request's extra cost for a balloon at `box` hung from anchor `ai`: the
/// length of a straight leader from each other anchor to the box, and kUnreachedCost for
/// each such leader the static obstacles (labels, keep-outs, other anchors) block. The
/// leaders themselves are drawn after the solve (more_leaders.cpp), where they are clear.
constexpr double kUnreachedCost = 60.0;
double bracket_cost(const Problem& p, const CalloutRequest& q, int r, int ai, const Box& box) {
    double cost = 0;
    for (int k = 0; k < static_cast<int>(q.anchors.size()); ++k) {
        const XY a = q.anchors[k];
        if (k == ai || a == q.anchors[ai] || !std::isfinite(a.x) || !std::isfinite(a.y)) continue;
        Leader l;
        l.p[0] = a;
        l.p[1] = {std::clamp(a.x, box.minx, box.maxx), std::clamp(a.y, box.miny, box.maxy)};
        l.n = 2;
        const double len = l.length();
        const bool clear = len >= p.options.min_leader_mm && p.statics->hard_ok(box, l, r, p.context.printable);
        cost += p.options.weights.leader_length * len + (clear ? 0.0 : kUnreachedCost);
    }
    return cost;
}

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
            c.cost = kStackCost + w.leader_length * c.leader.length() +
                     (q.lead_to_all ? bracket_cost(p, q, r, nb.anchor, c.box) : kAnchorRankCost * nb.anchor) +
                     p.statics->cover_cost(c.box);
            out.push_back(c);
        }
    }
}

constexpr int kMaxHung = 7;
/// A slid balloon costs this much more than the one hung by its point facing the anchor:
/// the solve slides one aside only when that lets more in.
constexpr double kSlideCost = 3.0;
/// Extra cost of a balloon in another of its request's shapes (text wrapped differently).
constexpr double kOtherShapeCost = 10.0;

/// The balloons hung on leader end e (direction dx, dy from the anchor; u, v its
/// normalised opposite): the one hung by its point facing the anchor (corner for
/// diagonals, edge midpoint for axis directions, in between for the others), and with
/// `slide` also those with e at either end or the middle of each edge facing the anchor,
/// so that a balloon can sit wholly to one side of its leader. Each is written so that
/// the edge through e has e's coordinate exactly. Returns the count (near-duplicates
/// left out).
int hung_boxes(XY e, double dx, double dy, double u, double v, double wd, double ht, bool slide, Box* out) {
    int n = 0;
    out[n++] = Box{e.x - (1 + u) / 2 * wd, e.y - (1 + v) / 2 * ht, e.x + (1 - u) / 2 * wd, e.y + (1 - v) / 2 * ht};
    if (!slide) return n;
    auto add = [&](const Box& b) {
        for (int i = 0; i < n; ++i)
            if (std::abs(out[i].minx - b.minx) < 0.3 && std::abs(out[i].miny - b.miny) < 0.3) return;
        out[n++] = b;
    };
    for (double t : {0.0, 0.5, 1.0}) {
        if (std::abs(dy) > 0.2) {  // e on the top or bottom edge
            const double x0 = e.x - t * wd;
            add(dy < 0 ? Box{x0, e.y - ht, x0 + wd, e.y} : Box{x0, e.y, x0 + wd, e.y + ht});
        }
        if (std::abs(dx) > 0.2) {  // e on the left or right edge
            const double y0 = e.y - t * ht;
            add(dx < 0 ? Box{e.x - wd, y0, e.x, y0 + ht} : Box{e.x, y0, e.x + wd, y0 + ht});
        }
    }
    return n;
}

}  // namespace

CandidateSet make_candidates(const Problem& p) {
    const auto& reqs = p.requests;
    const auto& opt = p.options;
    const auto& w = opt.weights;
    const int n = static_cast<int>(reqs.size());

    size_t anchors = 0;
    for (const auto& r : reqs) anchors += std::min<size_t>(r.anchors.size(), kMaxAnchorsPerRequest);
    const double per_anchor = kCandidateBudget / (kDirections * std::max<size_t>(anchors, 1));
    const int n_radii = std::clamp(static_cast<int>(per_anchor), 3, 8);
    // Balloons slid along the leader's end (its corner or edge midpoint, and the ends and
    // middle of the edges facing the anchor) while the budget holds all leader lengths.
    const bool slide = per_anchor >= 4 * 8;

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
                  for (std::size_t si = 0; si <= q.other_sizes.size(); ++si) {
                    const double swd = si == 0 ? wd : q.other_sizes[si - 1].width_mm;
                    const double sht = si == 0 ? ht : q.other_sizes[si - 1].height_mm;
                    if (!(swd > 0 && sht > 0) || !std::isfinite(swd) || !std::isfinite(sht)) continue;
                    Box boxes[kMaxHung];
                    const int nb = hung_boxes(e, d.dx, d.dy, d.u, d.v, swd, sht, slide, boxes);
                    for (int bi = 0; bi < nb; ++bi) {
                        Cand c;
                        c.box = boxes[bi];
                        c.leader.p[0] = a;
                        c.leader.p[1] = e;
                        c.leader.n = 2;
                        c.req = r;
                        c.anchor = ai;
                        if (!p.statics->hard_ok(c.box, c.leader, r, p.tier1_container)) continue;
                        const XY ctr = c.box.center();
                        c.cost = w.leader_length * rho + w.anchor_distance * std::hypot(ctr.x - a.x, ctr.y - a.y) +
                                 w.leader_angle * d.dev + (q.lead_to_all ? 0.0 : kAnchorRankCost * ai) +
                                 p.statics->cover_cost(c.box) + (bi > 0 ? kSlideCost : 0.0) +
                                 (si > 0 ? kOtherShapeCost : 0.0);
                        if (q.lead_to_all) c.cost += bracket_cost(p, q, r, ai, c.box);
                        cs.cands.push_back(c);
                    }
                  }
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
