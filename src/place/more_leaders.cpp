// More leaders for "bracket to all" requests: after the solve, a balloon whose work lies in
// several municipalities gets a straight leader from each of its other anchors, wherever
// such a leader keeps the solver's clearances from everything already on the page. The
// anchors no clear leader reaches are recorded, never hidden: the caller reports them.
#include <algorithm>
#include <cmath>

#include "place/problem.hpp"

namespace ipmap::place::detail {
namespace {

constexpr double kAnchorClear = 1.0;  ///< mm from another callout's anchor (its dot or marker)

/// Where a leader from `a` may end on the balloon: the nearest point of its outline, then
/// the middles of its four sides, nearest first.
std::vector<XY> targets(XY a, const Box& b) {
    const XY c = b.center();
    std::vector<XY> t = {{std::clamp(a.x, b.minx, b.maxx), std::clamp(a.y, b.miny, b.maxy)},
                         {c.x, b.miny}, {c.x, b.maxy}, {b.minx, c.y}, {b.maxx, c.y}};
    std::stable_sort(t.begin() + 1, t.end(), [&](XY u, XY v) {
        return std::hypot(u.x - a.x, u.y - a.y) < std::hypot(v.x - a.x, v.y - a.y);
    });
    return t;
}

double path_distance(XY a, XY b, const Path& p) {
    double d = 1e300;
    for (size_t k = 0; k + 1 < p.size(); ++k) d = std::min(d, segment_distance(a, b, p[k], p[k + 1]));
    return d;
}

/// The leader a -> t of callout i is clear: it stays inside the printable area, leaves its
/// own balloon alone, keeps `lead` from other balloons, leaders, keep-outs and labels (but
/// may leave a box holding its own anchor), kAnchorClear from other callouts' anchors, and
/// meets its own callout's other leaders nowhere but at the balloon.
bool clear(const Problem& p, const std::vector<PlacedCallout>& cs, int i, XY a, XY t) {
    const double lead = p.cl.lead;
    const PlacedCallout& c = cs[i];
    if (!p.context.printable.contains(a) || !p.context.printable.contains(t)) return false;
    if (std::hypot(t.x - a.x, t.y - a.y) < p.options.min_leader_mm) return false;
    if (segment_hits_interior(a, t, c.box)) return false;
    bool ok = true;
    each_leader(c, [&](const Path& l) {
        // Leaders of one balloon may meet where they end on it, nowhere else: compare with
        // this leader cut short of its end.
        const double len = std::hypot(t.x - a.x, t.y - a.y);
        const XY cut = lerp(a, t, std::max(0.0, 1.0 - 2 * lead / len));
        if (path_distance(a, cut, l) < lead) ok = false;
    });
    if (!ok) return false;
    // Hard boxes within reach (a little more than `lead`: the test below decides).
    if (!p.statics->hard().query(seg_box(a, t).grown(lead + 1e-6), [&](const Box& b) {
            return strictly_inside(a, b, 0.0) || !segment_hits_interior(a, t, b.grown(lead));
        }))
        return false;
    for (size_t j = 0; j < cs.size(); ++j) {
        if (static_cast<int>(j) == i) continue;
        const PlacedCallout& d = cs[j];
        if (!(d.anchor == a) && std::sqrt(point_segment_dist2(d.anchor, a, t)) < kAnchorClear) return false;
        for (const auto& l : d.more_leaders)
            if (std::sqrt(point_segment_dist2(l.front(), a, t)) < kAnchorClear) return false;
        if (d.tier == Tier::List || d.box.empty()) continue;
        if (segment_hits_interior(a, t, d.box.grown(lead))) return false;
        each_leader(d, [&](const Path& l) {
            if (path_distance(a, t, l) < lead) ok = false;
        });
        if (!ok) return false;
    }
    return true;
}

}  // namespace

void add_more_leaders(const Problem& p, std::vector<PlacedCallout>& cs) {
    for (int r : p.order) {
        const CalloutRequest& q = p.requests[r];
        PlacedCallout& c = cs[r];
        if (!q.lead_to_all || c.tier == Tier::List || c.box.empty() || q.anchors.size() < 2) continue;
        for (int k = 0; k < static_cast<int>(q.anchors.size()); ++k) {
            const XY a = q.anchors[k];
            if (a == c.anchor || !std::isfinite(a.x) || !std::isfinite(a.y)) continue;
            if (std::any_of(c.more_leaders.begin(), c.more_leaders.end(), [&](const Path& l) { return l.front() == a; }))
                continue;  // the same point as an anchor already reached
            bool placed = false;
            if (!strictly_inside(a, c.box, 0.0))
                for (const XY t : targets(a, c.box))
                    if (clear(p, cs, r, a, t)) {
                        c.more_leaders.push_back({a, t});
                        placed = true;
                        break;
                    }
            if (!placed) c.unreached.push_back(k);
        }
    }
}

}  // namespace ipmap::place::detail
