#pragma once
// Private to src/place: one placement call's inputs, derived orderings and indexes,
// and the three tiers' entry points.
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

/// Tier 2 after the global solve: re-lays each stack in anchor order at minimum total
/// leader length (kept only if nobody drops out), stacks what is still out, then moves
/// whole crowds (requests still out plus the in-map balloons around them) to the stacks
/// when that leaves fewer out.
void solve_margins(const Problem& p, const CandidateSet& cs, Board& board);

/// The geometric check behind audit(): every offending callout (pairs report both).
struct AuditIssue {
    int a = -1, b = -1;  ///< callout indices; b = -1 for a single-callout issue
};
PlacementStats audit_geometry(const std::vector<PlacedCallout>& callouts, const PlacementContext& context,
                              std::vector<AuditIssue>* issues);

}  // namespace ipmap::place::detail
