#pragma once
// Test-side, brute-force check of a placement, written independently of the engine's
// geometry code (separating-axis tests instead of clipping, all pairs instead of grids).
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "place/place_callouts.hpp"

namespace place_test {

using ipmap::Box;
using ipmap::Path;
using ipmap::XY;
using namespace ipmap::place;

inline double cross3(XY o, XY a, XY b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

/// Closed segment pq meets the open box (interior): separating-axis theorem on the box
/// axes and the segment's normal.
inline bool seg_meets_open_box(XY p, XY q, const Box& b) {
    if (!(b.minx < b.maxx && b.miny < b.maxy)) return false;
    if (std::max(p.x, q.x) <= b.minx || std::min(p.x, q.x) >= b.maxx) return false;
    if (std::max(p.y, q.y) <= b.miny || std::min(p.y, q.y) >= b.maxy) return false;
    const XY corners[4] = {{b.minx, b.miny}, {b.maxx, b.miny}, {b.maxx, b.maxy}, {b.minx, b.maxy}};
    double lo = 1e300, hi = -1e300;
    for (const XY& c : corners) {
        const double s = cross3(p, q, c);
        lo = std::min(lo, s);
        hi = std::max(hi, s);
    }
    if (p.x == q.x && p.y == q.y) return true;  // a point strictly inside (both axes passed)
    return lo < 0 && hi > 0;
}

/// Closed segments share a point (parametric solve, collinear overlap by projection).
inline bool segs_meet(XY a, XY b, XY c, XY d) {
    const double rx = b.x - a.x, ry = b.y - a.y, sx = d.x - c.x, sy = d.y - c.y;
    const double den = rx * sy - ry * sx;
    const double qpx = c.x - a.x, qpy = c.y - a.y;
    if (den != 0) {
        const double t = (qpx * sy - qpy * sx) / den, u = (qpx * ry - qpy * rx) / den;
        const double eps = 1e-12;
        return t >= -eps && t <= 1 + eps && u >= -eps && u <= 1 + eps;
    }
    if (qpx * ry - qpy * rx != 0) return false;  // parallel, not collinear
    const double rr = rx * rx + ry * ry;
    if (rr == 0) return (a.x == c.x && a.y == c.y) || (a.x == d.x && a.y == d.y);
    const double t0 = (qpx * rx + qpy * ry) / rr, t1 = ((d.x - a.x) * rx + (d.y - a.y) * ry) / rr;
    return std::max(std::min(t0, t1), 0.0) <= std::min(std::max(t0, t1), 1.0);
}

inline bool open_overlap(const Box& a, const Box& b) {
    return a.minx < b.maxx && b.minx < a.maxx && a.miny < b.maxy && b.miny < a.maxy;
}
inline bool inside_closed(const Box& outer, const Box& in, double eps = 1e-9) {
    return in.minx >= outer.minx - eps && in.maxx <= outer.maxx + eps && in.miny >= outer.miny - eps &&
           in.maxy <= outer.maxy + eps;
}
inline bool strictly_in(XY p, const Box& b) { return p.x > b.minx && p.x < b.maxx && p.y > b.miny && p.y < b.maxy; }
inline bool on_outline(XY p, const Box& b, double eps = 1e-6) {
    const bool in = p.x >= b.minx - eps && p.x <= b.maxx + eps && p.y >= b.miny - eps && p.y <= b.maxy + eps;
    const bool edge = std::abs(p.x - b.minx) <= eps || std::abs(p.x - b.maxx) <= eps ||
                      std::abs(p.y - b.miny) <= eps || std::abs(p.y - b.maxy) <= eps;
    return in && edge;
}

inline bool leaders_cross(const Path& a, const Path& b) {
    const bool shared = a[0].x == b[0].x && a[0].y == b[0].y;
    for (size_t i = 0; i + 1 < a.size(); ++i)
        for (size_t j = 0; j + 1 < b.size(); ++j) {
            if (!segs_meet(a[i], a[i + 1], b[j], b[j + 1])) continue;
            if (shared && i == 0 && j == 0) {
                // A fan from one anchor: fine unless the two run along each other.
                const XY o = a[0], p = a[1], q = b[1];
                const bool collinear = cross3(o, p, q) == 0;
                const bool same_way = (p.x - o.x) * (q.x - o.x) + (p.y - o.y) * (q.y - o.y) > 0;
                if (collinear && same_way) return true;
                continue;
            }
            return true;
        }
    return false;
}

/// A balloon's leaders: its own, then those to its other anchors (lead_to_all).
inline std::vector<Path> all_leaders(const PlacedCallout& c) {
    std::vector<Path> v;
    if (c.leader.size() >= 2) v.push_back(c.leader);
    v.insert(v.end(), c.more_leaders.begin(), c.more_leaders.end());
    return v;
}

/// Every violation found, as text (empty when the placement is sound).
inline std::vector<std::string> check(const std::vector<CalloutRequest>& reqs, const PlacementContext& ctx,
                                      const PlacementResult& res) {
    std::vector<std::string> errs;
    auto err = [&](const std::string& s) { errs.push_back(s); };
    if (res.callouts.size() != reqs.size()) {
        err("callout count differs from request count");
        return errs;
    }
    std::vector<Box> hard = ctx.keep_out;
    hard.insert(hard.end(), ctx.labels.begin(), ctx.labels.end());
    int next_number = 1;
    const auto& cs = res.callouts;
    for (size_t i = 0; i < cs.size(); ++i) {
        const auto& c = cs[i];
        const auto& q = reqs[i];
        std::ostringstream who;
        who << "#" << i << " (" << q.id << "): ";
        if (c.id != q.id) err(who.str() + "id mismatch");
        if (c.tier == Tier::List) {
            if (c.list_number != next_number) err(who.str() + "list number not consecutive in request order");
            ++next_number;
            if (!c.box.empty() || !c.leader.empty()) err(who.str() + "list item with geometry");
            continue;
        }
        if (c.list_number != 0) err(who.str() + "balloon with a list number");
        bool own_anchor = false;
        for (const auto& a : q.anchors) own_anchor |= (a.x == c.anchor.x && a.y == c.anchor.y);
        if (!own_anchor) err(who.str() + "anchor is not one of the request's");
        // The box has the size of the shape the result names: the request's, or one of its
        // other sizes (the text wrapped narrower).
        if (c.shape < 0 || c.shape > static_cast<int>(q.other_sizes.size())) {
            err(who.str() + "shape out of range");
        } else {
            const double w = c.shape == 0 ? q.width_mm : q.other_sizes[c.shape - 1].width_mm;
            const double h = c.shape == 0 ? q.height_mm : q.other_sizes[c.shape - 1].height_mm;
            if (std::abs(c.box.width() - w) > 1e-6 || std::abs(c.box.height() - h) > 1e-6)
                err(who.str() + "balloon size changed");
        }
        if (!inside_closed(ctx.printable, c.box)) err(who.str() + "balloon outside printable");
        if (c.tier == Tier::InMap && !inside_closed(ctx.map_frame, c.box)) err(who.str() + "in-map balloon outside frame");
        if (c.leader.size() < 2) {
            err(who.str() + "no leader");
            continue;
        }
        if (!(c.leader.front().x == c.anchor.x && c.leader.front().y == c.anchor.y))
            err(who.str() + "leader does not start at the anchor");
        if (!on_outline(c.leader.back(), c.box)) err(who.str() + "leader does not end on the balloon outline");
        for (size_t k = 0; k + 1 < c.leader.size(); ++k)
            if (seg_meets_open_box(c.leader[k], c.leader[k + 1], c.box)) err(who.str() + "leader runs through its own balloon");
        for (const Box& h : hard) {
            if (open_overlap(c.box, h)) err(who.str() + "balloon over keep_out/label");
            for (const Path& l : all_leaders(c)) {
                if (strictly_in(l.front(), h)) continue;  // its feature lies under the box
                for (size_t k = 0; k + 1 < l.size(); ++k)
                    if (seg_meets_open_box(l[k], l[k + 1], h)) err(who.str() + "leader through keep_out/label");
            }
        }
        // Lead-to-all: every other anchor has a leader or is reported unreached, once.
        if (!q.lead_to_all && (!c.more_leaders.empty() || !c.unreached.empty()))
            err(who.str() + "more leaders without lead_to_all");
        for (size_t a = 0; q.lead_to_all && a < q.anchors.size(); ++a) {
            const XY p = q.anchors[a];
            if (p.x == c.anchor.x && p.y == c.anchor.y) continue;
            int led = 0, unreached = 0;
            for (const Path& l : c.more_leaders) led += l.front().x == p.x && l.front().y == p.y;
            for (int u : c.unreached) unreached += u == static_cast<int>(a);
            bool dup = false;  // the same point as an earlier anchor
            for (size_t b = 0; b < a; ++b) dup |= q.anchors[b].x == p.x && q.anchors[b].y == p.y;
            if (!dup && led + unreached != 1) err(who.str() + "an anchor neither led to nor reported unreached");
        }
        for (size_t k = 0; k < c.more_leaders.size(); ++k) {
            const Path& l = c.more_leaders[k];
            if (l.size() < 2 || !on_outline(l.back(), c.box)) err(who.str() + "more leader does not end on the balloon");
            bool own = false;
            for (const auto& a : q.anchors) own |= (a.x == l.front().x && a.y == l.front().y);
            if (!own) err(who.str() + "more leader does not start at one of the request's anchors");
            for (size_t m = 0; m + 1 < l.size(); ++m)
                if (seg_meets_open_box(l[m], l[m + 1], c.box)) err(who.str() + "more leader runs through its own balloon");
            // Leaders of one balloon meet only at a common end on it.
            const Path rl(l.rbegin(), l.rend());
            if (leaders_cross(rl, Path(c.leader.rbegin(), c.leader.rend())))
                err(who.str() + "more leader meets the balloon's own leader");
            for (size_t m = 0; m < k; ++m)
                if (leaders_cross(rl, Path(c.more_leaders[m].rbegin(), c.more_leaders[m].rend())))
                    err(who.str() + "two more leaders of one balloon meet");
        }
    }
    for (size_t i = 0; i < cs.size(); ++i) {
        if (cs[i].tier == Tier::List) continue;
        for (size_t j = 0; j < cs.size(); ++j) {
            if (i == j) continue;
            std::ostringstream who;
            who << "#" << i << " vs #" << j << ": ";
            const bool same_anchor = cs[i].anchor.x == cs[j].anchor.x && cs[i].anchor.y == cs[j].anchor.y;
            if (!same_anchor && strictly_in(cs[j].anchor, cs[i].box)) err(who.str() + "balloon covers another anchor");
            if (cs[j].tier == Tier::List) continue;
            for (const Path& l : cs[j].more_leaders)
                if (strictly_in(l.front(), cs[i].box)) err(who.str() + "balloon covers another anchor");
            if (i < j && open_overlap(cs[i].box, cs[j].box)) err(who.str() + "balloons overlap");
            for (const Path& l : all_leaders(cs[i]))
                for (size_t k = 0; k + 1 < l.size(); ++k)
                    if (seg_meets_open_box(l[k], l[k + 1], cs[j].box)) err(who.str() + "leader through another balloon");
            if (i < j)
                for (const Path& li : all_leaders(cs[i]))
                    for (const Path& lj : all_leaders(cs[j]))
                        if (leaders_cross(li, lj)) err(who.str() + "leaders cross");
        }
    }
    const auto& st = res.stats;
    int in_map = 0, margin = 0, listed = 0;
    for (const auto& c : cs) (c.tier == Tier::InMap ? in_map : c.tier == Tier::Margin ? margin : listed)++;
    if (st.placed_in_map != in_map || st.placed_in_margin != margin || st.listed != listed)
        err("stats disagree with the callouts' tiers");
    return errs;
}

/// The placement passes the brute-force check and audit() finds nothing wrong with it.
inline void require_sound(const std::vector<CalloutRequest>& reqs, const PlacementContext& ctx,
                          const PlacementResult& res) {
    const auto errs = check(reqs, ctx, res);
    for (const auto& e : errs) FAIL_CHECK(e);
    REQUIRE(errs.empty());
    const PlacementStats a = audit(res.callouts, ctx);
    REQUIRE(a.overlaps == 0);
    REQUIRE(a.crossings == 0);
    REQUIRE(a.out_of_bounds == 0);
    REQUIRE(a.detached == 0);
}

}  // namespace place_test
