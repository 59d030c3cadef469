#pragma once
// Private to src/place: the candidate model shared by tier 1 (solver.cpp), tier 2
// (boundary.cpp) and the driver (place_callouts.cpp).
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "place/callout_types.hpp"
#include "place/geom.hpp"
#include "place/grid_index.hpp"

namespace ipmap::place::detail {

/// A leader polyline of 2 or 3 points: anchor first, balloon edge last.
struct Leader {
    std::array<XY, 3> p{};
    int n = 0;
    XY anchor() const { return p[0]; }
    XY end() const { return p[n - 1]; }
    double length() const {
        double s = 0;
        for (int i = 0; i + 1 < n; ++i) s += std::hypot(p[i + 1].x - p[i].x, p[i + 1].y - p[i].y);
        return s;
    }
    Box bounds() const {
        Box b;
        for (int i = 0; i < n; ++i) b.expand(p[i]);
        return b;
    }
};

/// One way to place one request: balloon box plus leader, with its soft cost.
struct Cand {
    Box box;
    Leader leader;
    double cost = 0;
    int req = -1;
    int anchor = 0;     ///< index into the request's anchors
    int8_t tier = 0;    ///< 0 in the map, 1 in a stack along the frame
    int8_t stack = -1;  ///< index into Problem::stacks for tier 1
    int idx = -1;       ///< index into CandidateSet::cands; -1 for stack balloons laid out
                        ///< by the boundary solve (not in the candidate set)
};

/// Clearances used by the solver; audit() uses none (strict geometry), so the solver
/// is always a little more careful than the check.
struct Clearance {
    double gap = 1.0;   ///< balloon to balloon / obstacle
    double lead = 0.5;  ///< leader to foreign balloon, leader to leader
};

/// Two leaders conflict when they touch anywhere except at a shared anchor, or run
/// closer than `lead`. Leaders from the same anchor may fan out but not overlap.
inline bool leaders_conflict(const Leader& a, const Leader& b, double lead) {
    // Anchors closer than the clearance count as one: the leaders may fan out from there.
    const double dx = a.p[0].x - b.p[0].x, dy = a.p[0].y - b.p[0].y;
    const bool shared = a.p[0] == b.p[0] || dx * dx + dy * dy < lead * lead;
    for (int i = 0; i + 1 < a.n; ++i)
        for (int j = 0; j + 1 < b.n; ++j) {
            const XY a0 = a.p[i], a1 = a.p[i + 1], b0 = b.p[j], b1 = b.p[j + 1];
            if (shared && i == 0 && j == 0) {
                // They conflict when the directions nearly coincide, i.e. the far end of
                // the shorter lies within `lead` of the longer, or when they cross away
                // from the common start.
                const double la = std::hypot(a1.x - a0.x, a1.y - a0.y);
                const double lb = std::hypot(b1.x - b0.x, b1.y - b0.y);
                const XY tip = la < lb ? a1 : b1;
                const XY s0 = la < lb ? b0 : a0, s1 = la < lb ? b1 : a1;
                if (std::sqrt(point_segment_dist2(tip, s0, s1)) < std::max(lead, 1e-9)) return true;
                if (a.p[0] == b.p[0]) continue;
                const double trim = 2 * lead + std::sqrt(dx * dx + dy * dy);
                if (la <= trim || lb <= trim) continue;
                const XY ta = lerp(a0, a1, trim / la), tb = lerp(b0, b1, trim / lb);
                if (segments_intersect(ta, a1, tb, b1)) return true;
                continue;
            }
            // Segments whose bounding boxes are farther apart than the clearance cannot conflict.
            if (std::max(a0.x, a1.x) + lead < std::min(b0.x, b1.x) || std::max(b0.x, b1.x) + lead < std::min(a0.x, a1.x) ||
                std::max(a0.y, a1.y) + lead < std::min(b0.y, b1.y) || std::max(b0.y, b1.y) + lead < std::min(a0.y, a1.y))
                continue;
            if (lead > 0 ? segment_distance(a0, a1, b0, b1) < lead : segments_intersect(a0, a1, b0, b1))
                return true;
        }
    return false;
}

inline bool leader_hits_box(const Leader& l, const Box& b) {
    for (int i = 0; i + 1 < l.n; ++i)
        if (segment_hits_interior(l.p[i], l.p[i + 1], b)) return true;
    return false;
}

/// Hard conflict between two candidates of different requests.
inline bool cand_conflict(const Cand& a, const Cand& b, const Clearance& c) {
    if (a.box.grown(c.gap).overlaps(b.box)) return true;
    if (leader_hits_box(a.leader, b.box.grown(c.lead))) return true;
    if (leader_hits_box(b.leader, a.box.grown(c.lead))) return true;
    return leaders_conflict(a.leader, b.leader, c.lead);
}

/// The placed state: which candidate each request holds, indexed in a dynamic grid.
class Board {
public:
    Board(const Box& extent, double cell, int n_requests, Clearance cl)
        : grid_(extent, cell), cl_(cl), held_(n_requests), reach_(n_requests), placed_(n_requests, 0),
          stamp_(n_requests, 0) {}

    bool placed(int r) const { return placed_[r] != 0; }
    const Cand& held(int r) const { return held_[r]; }
    const Clearance& clearance() const { return cl_; }

    void place(const Cand& c) {
        held_[c.req] = c;
        reach_[c.req] = reach(c);
        placed_[c.req] = 1;
        grid_.insert_box(c.req, c.box);
        for (int i = 0; i + 1 < c.leader.n; ++i) grid_.insert_segment(c.req, c.leader.p[i], c.leader.p[i + 1]);
    }
    void remove(int r) {
        if (!placed_[r]) return;
        const Cand& c = held_[r];
        grid_.erase_box(r, c.box);
        for (int i = 0; i + 1 < c.leader.n; ++i) grid_.erase_segment(r, c.leader.p[i], c.leader.p[i + 1]);
        placed_[r] = 0;
    }

    /// Collects the placed requests (other than c.req) that conflict with c into out.
    /// Returns false as soon as more than `limit` are found (out is then incomplete).
    bool conflicts(const Cand& c, std::vector<int>& out, int limit) {
        out.clear();
        if (++cur_ == 0) {
            std::fill(stamp_.begin(), stamp_.end(), 0u);
            cur_ = 1;
        }
        const uint32_t s = cur_;
        // Candidates conflict only within the clearances of each other's balloon and
        // leader, so those whose reaches stay apart by pad are skipped unchecked.
        const double pad = cl_.gap + cl_.lead + 1e-6;
        const Box near = reach(c).grown(pad);
        auto visit = [&](int o) {
            if (o == c.req || stamp_[o] == s) return true;
            stamp_[o] = s;
            if (!placed_[o] || !near.overlaps(reach_[o]) || !cand_conflict(c, held_[o], cl_)) return true;
            out.push_back(o);
            return static_cast<int>(out.size()) <= limit;
        };
        // The balloon's surroundings, then the cells along each leader segment: long
        // leaders (margin stacks) would otherwise scan their whole bounding box.
        if (!grid_.query(c.box.grown(pad), visit)) return false;
        for (int i = 0; i + 1 < c.leader.n; ++i)
            if (!grid_.query_segment(c.leader.p[i], c.leader.p[i + 1], pad, visit)) return false;
        return true;
    }
    bool free_for(const Cand& c) { return conflicts(c, scratch_, 0); }

    /// Cheap pre-check: the balloon alone is clear of every placed balloon and leader.
    bool box_free(const Box& box, int req) {
        if (++cur_ == 0) {
            std::fill(stamp_.begin(), stamp_.end(), 0u);
            cur_ = 1;
        }
        const uint32_t s = cur_;
        const Box grown = box.grown(cl_.gap);
        const Box near = box.grown(cl_.lead);
        return grid_.query(box.grown(cl_.gap + cl_.lead + 1e-6), [&](int o) {
            if (o == req || stamp_[o] == s) return true;
            stamp_[o] = s;
            if (!placed_[o]) return true;
            const Cand& h = held_[o];
            return !grown.overlaps(h.box) && !leader_hits_box(h.leader, near);
        });
    }

private:
    /// The balloon and its leader together.
    static Box reach(const Cand& c) {
        Box b = c.box;
        b.expand(c.leader.bounds());
        return b;
    }

    GridIndex grid_;
    Clearance cl_;
    std::vector<Cand> held_;
    std::vector<Box> reach_;  ///< reach() of held_, for placed requests
    std::vector<uint8_t> placed_;
    std::vector<uint32_t> stamp_;
    uint32_t cur_ = 0;
    std::vector<int> scratch_;
};

/// Deterministic random numbers (splitmix64): identical on every platform, unlike the
/// std distributions.
class Rng {
public:
    explicit Rng(uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull) {}
    uint64_t next() {
        uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    int below(int n) { return n <= 0 ? 0 : static_cast<int>((next() >> 33) % static_cast<uint64_t>(n)); }

private:
    uint64_t s_;
};

}  // namespace ipmap::place::detail
