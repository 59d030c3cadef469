#pragma once
// Private to src/place: the stacks of tier 2 (boundary labeling). A stack runs along one
// side of the map frame, outside it where the page margin is deep enough for a balloon,
// else along the inside of the frame. Balloons in a stack are aligned on the side of the
// frame and get a straight leader to the middle part of their edge facing the map.
#include <algorithm>
#include <vector>

#include "place/callout_types.hpp"
#include "place/engine.hpp"

namespace ipmap::place::detail {

enum class Side { Left, Right, Top, Bottom };

struct Stack {
    Side side = Side::Left;
    bool outside = false;  ///< in the page margin (else along the inside of the frame)
    bool vertical = true;  ///< balloons stacked along y (left/right sides)
    double lo = 0, hi = 0; ///< usable range along the stack axis
    double line = 0;       ///< cross coordinate of the balloon edge nearest the frame line
    double sign = 1;       ///< +1 when balloons extend from `line` towards growing coordinates
    double depth = 0;      ///< room across the stack, mm
    Box container;         ///< balloons of this stack stay inside
};

constexpr double kPortInset = 1.5;  ///< a stack leader ends at least this far from a corner

inline double along_extent(const Stack& s, const CalloutRequest& q) { return s.vertical ? q.height_mm : q.width_mm; }
inline double across_extent(const Stack& s, const CalloutRequest& q) { return s.vertical ? q.width_mm : q.height_mm; }

/// The balloon of request `req` at `start` along the stack, leader from anchor `ai`.
inline Cand stack_cand(const Stack& s, int stack_index, const CalloutRequest& q, int req, int ai, double start) {
    Cand c;
    c.req = req;
    c.anchor = ai;
    c.tier = 1;
    c.stack = static_cast<int8_t>(stack_index);
    const XY a = q.anchors[ai];
    const double ext = along_extent(s, q), dep = across_extent(s, q);
    const double c0 = s.sign > 0 ? s.line : s.line - dep;
    const double c1 = s.sign > 0 ? s.line + dep : s.line;
    // The edge facing the map: the near edge outside the frame, the far edge inside it.
    const bool low_edge = s.outside ? s.sign > 0 : s.sign < 0;
    const double port_cross = low_edge ? c0 : c1;
    const double inset = std::min(ext / 2, kPortInset);
    const double along = std::clamp(s.vertical ? a.y : a.x, start + inset, start + ext - inset);
    if (s.vertical) {
        c.box = Box{c0, start, c1, start + ext};
        c.leader.p[1] = XY{port_cross, along};
    } else {
        c.box = Box{start, c0, start + ext, c1};
        c.leader.p[1] = XY{along, port_cross};
    }
    c.leader.p[0] = a;
    c.leader.n = 2;
    return c;
}

/// The anchor lies on the map side of the balloon's port edge, so that the leader
/// reaches the balloon without entering it and the balloon never covers its own anchor.
inline bool stack_faces_anchor(const Stack& s, const Cand& c) {
    const XY a = c.leader.anchor(), e = c.leader.end();
    const double cross = s.vertical ? a.x : a.y, port = s.vertical ? e.x : e.y;
    const double mid = s.vertical ? (c.box.minx + c.box.maxx) / 2 : (c.box.miny + c.box.maxy) / 2;
    return (cross - port) * (mid - port) < 0;
}

/// Distance across the stack from an anchor to where its leader would end.
inline double stack_distance(const Stack& s, const CalloutRequest& q, XY a) {
    const double cross = s.vertical ? a.x : a.y;
    const double port = s.outside ? s.line : s.line + s.sign * across_extent(s, q);
    return std::abs(cross - port);
}

/// A request fits a stack when its balloon fits the stack's depth and length.
inline bool stack_fits(const Stack& s, const CalloutRequest& q) {
    return across_extent(s, q) <= s.depth && along_extent(s, q) <= s.hi - s.lo;
}

/// The four stacks of a page (some may be missing): outside where the margin between
/// frame and printable area can hold the smallest balloon, else inside the frame.
std::vector<Stack> make_stacks(const PlacementContext& context, const std::vector<CalloutRequest>& requests,
                               double gap, const Box& tier1_container);

}  // namespace ipmap::place::detail
