#pragma once
// Private to src/place: one placement call's inputs, derived orderings and indexes,
// and the three tiers' entry points.
#include <algorithm>
#include <cmath>
#include <vector>

#include "place/callout_types.hpp"
#include "place/engine.hpp"
#include "place/obstacles.hpp"
#include "place/stacks.hpp"

namespace ipmap::place::detail {

struct Problem {
    const std::vector<CalloutRequest>& requests;
    const PlacementContext& context;
    const PlacementOptions& options;
    Clearance cl;
    std::vector<int> order;        ///< request indices by (priority, id, index)
    std::vector<int> rank;         ///< position of each request in `order`
    std::vector<double> penalty;   ///< objective cost of leaving a request out of tier 1/2
    const StaticIndex* statics = nullptr;
    Box tier1_container;           ///< map frame inset by gap, within printable
    std::vector<Stack> stacks;     ///< tier-2 stacks (empty when margins are off)
};

constexpr double kAnchorRankCost = 5.0;  ///< later anchors of a multi-part feature cost more
/// Extra cost of a stacked balloon over one in the map: the solver moves a balloon to a
/// stack only when that lets more balloons in (or saves more than this elsewhere).
constexpr double kStackCost = 80.0;

/// Radians from the nearest preferred leader direction, theta in [0, 2 pi): calm leaders
/// are horizontal or diagonal; vertical ones are acceptable but not preferred.
inline double angle_deviation(double theta) {
    constexpr double pi = 3.14159265358979323846;
    constexpr double preferred[] = {0, pi / 4, 3 * pi / 4, pi, 5 * pi / 4, 7 * pi / 4, 2 * pi};
    double best = pi;
    for (double a : preferred) best = std::min(best, std::abs(theta - a));
    return best;
}

/// True when request a is more important than b (placed first, kept on conflict).
inline bool more_important(const Problem& p, int a, int b) { return p.rank[a] < p.rank[b]; }

/// Candidates of every request, each request's run sorted by cost: in the map around
/// each anchor, and (at a fixed extra cost) in the stacks nearest to it, so that the
/// global solve can trade an in-map balloon for a stacked one when that places more.
struct CandidateSet {
    std::vector<Cand> cands;
    std::vector<int> begin;  ///< request r owns cands[begin[r] .. begin[r+1])
};
CandidateSet make_candidates(const Problem& p);

/// The global solve over all candidates (in-map and stacked): greedy in (priority, id)
/// order, then simulated annealing with ejection and repair, then a greedy fill; leaves
/// the best solution found in `board`. Returns the annealing iterations run.
long solve_in_map(const Problem& p, const CandidateSet& cs, Board& board);

/// The same annealing, resumed from what the board holds for `iters` iterations at a
/// lower starting temperature: requests on candidates of `cs` move, anything else on the
/// board (stacks laid out by the boundary solve) stays where it is.
long improve(const Problem& p, const CandidateSet& cs, Board& board, long iters, unsigned seed);

/// Tier 2 after the global solve: re-lays each stack in anchor order at minimum total
/// leader length (kept only if nobody drops out), then stacks what is still out where
/// the leaders are clear.
void solve_margins(const Problem& p, Board& board);

/// Joint tiers 1 and 2: the requests still out go to the stacks even where in-map
/// balloons block their leaders (each one in the way costs part of a request's penalty);
/// those evicted are re-seated by a resumed annealing; a round is kept only when fewer
/// (weighted) requests stay out.
void reserve_margins(const Problem& p, const CandidateSet& cs, Board& board);

/// Gap filling (repair.cpp): requests still out search the free space themselves, on a
/// 1 mm grid around their anchors and along the stacks, with straight, one-bend and
/// two-hop leaders; every position found is checked exactly.
void fill_gaps(const Problem& p, Board& board);

/// Every leader of a placed callout: its own (when it has one), then those to its other
/// anchors (lead_to_all).
template <class F> void each_leader(const PlacedCallout& c, F&& f) {
    if (c.leader.size() >= 2) f(c.leader);
    for (const auto& l : c.more_leaders) f(l);
}

/// Lead-to-all requests (more_leaders.cpp): straight leaders from their other anchors to
/// their balloons, most important request first, each kept only where it holds the
/// solver's clearances from everything on the page; the anchors none reaches go to
/// PlacedCallout::unreached.
void add_more_leaders(const Problem& p, std::vector<PlacedCallout>& callouts);

/// The geometric check behind audit(): every offending callout (pairs report both).
struct AuditIssue {
    int a = -1, b = -1;  ///< callout indices; b = -1 for a single-callout issue
};
PlacementStats audit_geometry(const std::vector<PlacedCallout>& callouts, const PlacementContext& context,
                              std::vector<AuditIssue>* issues);

}  // namespace ipmap::place::detail
