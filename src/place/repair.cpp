// Gap filling, the last step before the list: each request still out searches the free
// space itself instead of a fixed candidate set, cheapest first.
//
//  1. Every balloon position around the anchor on a 1 mm grid, with a straight leader to
//     the nearest point of the balloon (up to kReach x the tier-1 radius), and every
//     stack slot.
//  2. A one-bend leader: a run from the anchor as far as a ray is clear, then a
//     horizontal landing into the middle of the balloon's near side (out of a corridor
//     between other balloons, say).
//  3. A two-hop leader: out of the crowd to an escape point the anchor sees, then
//     straight to a free balloon near that point (turning at most 90 degrees).
//
// Tier 1 has 16 directions x a few leader lengths per anchor; in a crowd the holes left
// between its balloons and leaders are mostly elsewhere. A raster of the cells that
// obstacles certainly block (cells fully inside a balloon or hard box grown by the gap,
// cells around anchors, cells whose interior a leader crosses) rejects most positions in
// O(box height); it never rejects a free one, and every position it lets through is
// checked exactly against the board and the static index. The work per request is
// bounded by counts (positions checked exactly), never by the clock.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>

#include "place/problem.hpp"

namespace ipmap::place::detail {
namespace {

constexpr double kCell = 1.0;          ///< raster cell and position grid, mm
constexpr double kReach = 2.0;         ///< gap filling looks this many tier-1 radii far...
constexpr double kMaxReach = 150.0;    ///< ...but no farther than this, mm (bounds the search)
constexpr int kTakeBest = 4;           ///< feasible positions compared (by full cost) per request
constexpr double kCostSlack = 10.0;    ///< ...within this much of the first one found
constexpr int kExactChecks = 600;      ///< positions checked exactly per request at most
constexpr double kBendCost = 8.0;      ///< a bent leader costs this much more than a straight one
constexpr double kMaxLanding = 30.0;   ///< horizontal landing of a bent leader, mm
constexpr int kElbowDirections = 32;
constexpr double kElbowStep = 2.0;     ///< bend points along a ray, mm
constexpr double kEscapeRadii[] = {8, 16, 28};
constexpr int kEscapeDirections = 16;
constexpr double kEscapeReach = 30.0;  ///< second hop of a two-hop leader, mm
constexpr int kEscapeChecks = 400;
// Work bounds (all counts, derived from the time budget at fixed rates: the clock
// decides nothing): requests searched at most time budget / kMsPerSearch, stopping
// after kGiveUp in a row found nothing or when the work (raster probes, an exact check
// counting kExactCheckWork) reaches kWorkPerMs x the budget.
constexpr double kMsPerSearch = 10.0;
constexpr int kGiveUp = 96;
constexpr double kWorkPerMs = 3000.0;
constexpr long kExactCheckWork = 40;

/// Per-row prefix counts of blocked cells, refreshed lazily row by row.
class Occupancy {
public:
    Occupancy(const Box& extent, double cell) : ext_(extent), inv_(1.0 / cell) {
        nx_ = std::max(1, static_cast<int>(std::ceil(ext_.width() * inv_)));
        ny_ = std::max(1, static_cast<int>(std::ceil(ext_.height() * inv_)));
        cnt_.assign(static_cast<size_t>(nx_) * ny_, 0);
        pre_.assign(static_cast<size_t>(nx_ + 1) * ny_, 0);
        dirty_.assign(ny_, 1);
    }

    /// Adds d to every cell lying entirely inside b.
    void mark_box(const Box& b, int d) {
        int i0, i1, j0, j1;
        if (!inner_cells(b, i0, i1, j0, j1)) return;
        for (int j = j0; j < j1; ++j) {
            int* row = &cnt_[static_cast<size_t>(j) * nx_];
            for (int i = i0; i < i1; ++i) row[i] += d;
            dirty_[j] = 1;
        }
    }

    /// Adds d to every cell whose open interior the segment crosses: a box holding such
    /// a cell is crossed by the segment.
    void mark_segment(XY a, XY b, int d) {
        const double ax = (a.x - ext_.minx) * inv_, ay = (a.y - ext_.miny) * inv_;
        const double bx = (b.x - ext_.minx) * inv_, by = (b.y - ext_.miny) * inv_;
        const int c0 = std::max(0, static_cast<int>(std::floor(std::min(ax, bx))));
        const int c1 = std::min(nx_ - 1, static_cast<int>(std::floor(std::max(ax, bx))));
        for (int i = c0; i <= c1; ++i) {
            // The part of the segment within the open column (i, i+1).
            double t0 = 0, t1 = 1;
            if (bx != ax) {
                const double u0 = (i - ax) / (bx - ax), u1 = (i + 1 - ax) / (bx - ax);
                t0 = std::max(0.0, std::min(u0, u1));
                t1 = std::min(1.0, std::max(u0, u1));
                if (t1 <= t0) continue;
            } else if (!(ax > i && ax < i + 1)) {
                continue;
            }
            const double y0 = ay + (by - ay) * t0, y1 = ay + (by - ay) * t1;
            const double lo = std::min(y0, y1), hi = std::max(y0, y1);
            const int r0 = std::max(0, static_cast<int>(std::floor(lo)));
            const int r1 = std::min(ny_ - 1, static_cast<int>(std::ceil(hi)) - 1);
            for (int j = r0; j <= r1; ++j) {
                // open row (j, j+1) against the y-range [lo, hi] (a point when horizontal)
                const bool crosses = lo == hi ? (lo > j && lo < j + 1) : (lo < j + 1 && hi > j);
                if (!crosses) continue;
                cnt_[static_cast<size_t>(j) * nx_ + i] += d;
                dirty_[j] = 1;
            }
        }
    }

    /// False when some blocked cell lies entirely inside b.
    bool maybe_free(const Box& b) {
        int i0, i1, j0, j1;
        if (!inner_cells(b, i0, i1, j0, j1)) return true;
        for (int j = j0; j < j1; ++j) {
            if (dirty_[j]) refresh(j);
            const int* pre = &pre_[static_cast<size_t>(j) * (nx_ + 1)];
            if (pre[i1] != pre[i0]) return false;
        }
        return true;
    }

private:
    bool inner_cells(const Box& b, int& i0, int& i1, int& j0, int& j1) const {
        if (b.empty()) return false;
        i0 = std::max(0, static_cast<int>(std::ceil((b.minx - ext_.minx) * inv_ - 1e-9)));
        i1 = std::min(nx_, static_cast<int>(std::floor((b.maxx - ext_.minx) * inv_ + 1e-9)));
        j0 = std::max(0, static_cast<int>(std::ceil((b.miny - ext_.miny) * inv_ - 1e-9)));
        j1 = std::min(ny_, static_cast<int>(std::floor((b.maxy - ext_.miny) * inv_ + 1e-9)));
        return i0 < i1 && j0 < j1;
    }
    void refresh(int j) {
        const int* row = &cnt_[static_cast<size_t>(j) * nx_];
        int* pre = &pre_[static_cast<size_t>(j) * (nx_ + 1)];
        pre[0] = 0;
        for (int i = 0; i < nx_; ++i) pre[i + 1] = pre[i] + (row[i] != 0);
        dirty_[j] = 0;
    }

    Box ext_;
    double inv_;
    int nx_ = 1, ny_ = 1;
    std::vector<int> cnt_, pre_;
    std::vector<uint8_t> dirty_;
};

/// A bend that does not turn (bend point on the straight line, heading on) is dropped.
void straighten(Leader& l) {
    if (l.n != 3) return;
    const XY u{l.p[1].x - l.p[0].x, l.p[1].y - l.p[0].y}, v{l.p[2].x - l.p[1].x, l.p[2].y - l.p[1].y};
    const double cross = u.x * v.y - u.y * v.x, dot = u.x * v.x + u.y * v.y;
    if (dot > 0 && std::abs(cross) <= 1e-9 * std::hypot(u.x, u.y) * std::hypot(v.x, v.y)) {
        l.p[1] = l.p[2];
        l.n = 2;
    }
}

double direction_cost(const PlacementWeights& w, XY a, XY e) {
    double th = std::atan2(e.y - a.y, e.x - a.x);
    if (th < 0) th += 2 * std::numbers::pi;
    return w.leader_angle * angle_deviation(th);
}

class GapFiller {
public:
    GapFiller(const Problem& p, Board& b, long work_limit)
        : p_(p), b_(b), occ_(extent(p), kCell), limit_(work_limit) {
        const double g = p.cl.gap;
        for (const Box& h : p.statics->hard().boxes()) occ_.mark_box(h.grown(g), 1);
        for (const auto& q : p.requests)
            for (const XY& a : q.anchors)
                if (std::isfinite(a.x) && std::isfinite(a.y)) occ_.mark_box(Box{a.x - g, a.y - g, a.x + g, a.y + g}, 1);
        const int n = static_cast<int>(p.requests.size());
        for (int r = 0; r < n; ++r)
            if (b.placed(r)) mark(b.held(r), 1);
    }

    void place(const Cand& c) {
        b_.place(c);
        mark(c, 1);
    }

    /// The work limit is reached (raster probes, an exact check counting kExactCheckWork):
    /// searches stop where they are.
    bool spent() const { return work_ > limit_; }

    /// Anchors a search tries for one request (the first four of a multi-part work).
    static int searched_anchors(const CalloutRequest& q) { return std::min<int>(static_cast<int>(q.anchors.size()), 4); }
    /// The shortest leader a search lays, mm.
    double min_leader() const { return std::max(0.5, p_.options.min_leader_mm); }

    /// The cheapest placement of r found by the search (1. above); false when none.
    bool best(int r, Cand& out) {
        const auto& q = p_.requests[r];
        const auto& w = p_.options.weights;
        const double wd = q.width_mm, ht = q.height_mm;
        const Box& T = p_.tier1_container;
        const double R = reach();
        const double rmin = min_leader();
        entries_.clear();
        const int na = searched_anchors(q);
        for (int ai = 0; ai < na; ++ai) {
            const XY a = q.anchors[ai];
            if (!std::isfinite(a.x) || !std::isfinite(a.y)) continue;
            if (!T.empty() && T.width() >= wd && T.height() >= ht) {
                const int k0 = static_cast<int>(std::ceil((std::max(T.minx, a.x - R - wd) - a.x) / kCell));
                const int k1 = static_cast<int>(std::floor((std::min(T.maxx - wd, a.x + R) - a.x) / kCell));
                const int l0 = static_cast<int>(std::ceil((std::max(T.miny, a.y - R - ht) - a.y) / kCell));
                const int l1 = static_cast<int>(std::floor((std::min(T.maxy - ht, a.y + R) - a.y) / kCell));
                for (int l = l0; l <= l1 && !spent(); ++l) {
                    const double y0 = a.y + l * kCell;
                    const double gy = std::max({0.0, y0 - a.y, a.y - (y0 + ht)});
                    if (gy > R) continue;
                    for (int k = k0; k <= k1; ++k) {
                        const double x0 = a.x + k * kCell;
                        const double gx = std::max({0.0, x0 - a.x, a.x - (x0 + wd)});
                        const double d = std::sqrt(gx * gx + gy * gy);
                        if (d < rmin || d > R) continue;
                        if (!probe(Box{x0, y0, x0 + wd, y0 + ht})) continue;
                        const XY e{std::clamp(a.x, x0, x0 + wd), std::clamp(a.y, y0, y0 + ht)};
                        const double cx = x0 + wd / 2 - a.x, cy = y0 + ht / 2 - a.y;
                        const double cdist = std::sqrt(cx * cx + cy * cy);
                        const double est = w.leader_length * d + w.anchor_distance * cdist + direction_cost(w, a, e) +
                                           kAnchorRankCost * ai;
                        entries_.push_back({est, x0, y0, static_cast<int16_t>(ai), -1});
                    }
                }
            }
            for (int si = 0; si < static_cast<int>(p_.stacks.size()); ++si) {
                const Stack& s = p_.stacks[si];
                if (!stack_fits(s, q)) continue;
                const double ext = along_extent(s, q);
                for (double st = s.lo; st + ext <= s.hi + 1e-9; st += kCell) {
                    const Cand c = stack_cand(s, si, q, r, ai, st);
                    if (!stack_faces_anchor(s, c)) continue;
                    const double est = kStackCost + w.leader_length * c.leader.length() + kAnchorRankCost * ai;
                    entries_.push_back({est, st, 0, static_cast<int16_t>(ai), static_cast<int16_t>(si)});
                }
            }
        }
        if (entries_.empty()) return false;
        bucket_sort();

        int found = 0, checks = 0;
        double first = 0, best_cost = 0;
        for (const Entry& en : sorted_) {
            if (found > 0 && (found >= kTakeBest || en.est > first + kCostSlack)) break;
            Cand c = make(r, en);
            if (en.stack >= 0 && !probe(c.box)) continue;
            if (++checks > kExactChecks || spent()) break;
            work_ += kExactCheckWork;
            const Box& cont = en.stack >= 0 ? p_.stacks[en.stack].container : T;
            if (!cont.contains(c.box) || !b_.box_free(c.box, r)) continue;
            if (!p_.statics->hard_ok(c.box, c.leader, r, cont) || !b_.free_for(c)) continue;
            c.cost = en.est + p_.statics->cover_cost(c.box);
            if (found == 0) first = en.est;
            if (found == 0 || c.cost < best_cost) {
                best_cost = c.cost;
                out = c;
            }
            ++found;
        }
        return found > 0;
    }

    /// A one-bend leader: a run from the anchor to a bend point it sees, then a horizontal
    /// landing into the middle of the balloon's near side; false when none. Bend points
    /// lie on rays from the anchor, as far as the ray is clear (found by bisection: a
    /// segment that conflicts keeps conflicting when extended); each bend point and side
    /// offers the balloon nearest along its landing.
    bool elbow(int r, Cand& out) {
        const auto& q = p_.requests[r];
        const auto& w = p_.options.weights;
        const double wd = q.width_mm, ht = q.height_mm;
        const Box& T = p_.tier1_container;
        const double R = reach();
        const double rmin = min_leader();
        entries_.clear();
        const int na = searched_anchors(q);
        for (int ai = 0; ai < na; ++ai) {
            const XY a = q.anchors[ai];
            if (!std::isfinite(a.x) || !std::isfinite(a.y)) continue;
            for (int j = 0; j < kElbowDirections && !spent(); ++j) {
                const double th = 2 * std::numbers::pi * j / kElbowDirections;
                const double dx = std::cos(th), dy = std::sin(th);
                double lo = 0, hi = R;  // clear up to lo, blocked from hi (when hi < R)
                if (!run_clear(r, ai, a, XY{a.x + hi * dx, a.y + hi * dy})) {
                    for (int it = 0; it < 7; ++it) {
                        const double mid = (lo + hi) / 2;
                        (run_clear(r, ai, a, XY{a.x + mid * dx, a.y + mid * dy}) ? lo : hi) = mid;
                    }
                } else {
                    lo = R;
                }
                const double dev = direction_cost(w, a, XY{a.x + dx, a.y + dy});
                for (double rho = std::max(rmin, kElbowStep); rho <= lo; rho += kElbowStep) {
                    const XY P{a.x + rho * dx, a.y + rho * dy};
                    for (int side = 0; side < 2; ++side) {
                        const bool right = side == 0;  // landing heading right, into the left side
                        if (right ? dx < -1e-9 : dx > 1e-9) continue;  // no turning back
                        for (double s = kElbowStep; rho + s <= R && s <= kMaxLanding; s += kCell) {
                            const double x0 = right ? P.x + s : P.x - s - wd;
                            const Box b{x0, P.y - ht / 2, x0 + wd, P.y + ht / 2};
                            if (!T.contains(b)) break;
                            if (!probe(b) || !box_clear(r, b)) continue;
                            const double est = w.leader_length * (rho + s) + dev + kBendCost + kAnchorRankCost * ai;
                            entries_.push_back({est, x0, P.y - ht / 2, static_cast<int16_t>(ai), -1, P});
                            break;  // the nearest along this landing
                        }
                    }
                }
            }
        }
        if (entries_.empty()) return false;
        bucket_sort();
        int checks = 0;
        for (const Entry& en : sorted_) {
            if (++checks > kExactChecks || spent()) break;
            work_ += kExactCheckWork;
            Cand c;
            c.req = r;
            c.anchor = en.anchor;
            c.box = Box{en.x0, en.y0, en.x0 + q.width_mm, en.y0 + q.height_mm};
            const XY a = q.anchors[en.anchor];
            const XY port{en.bend.x < c.box.minx ? c.box.minx : c.box.maxx, en.bend.y};
            c.leader.p[0] = a;
            c.leader.p[1] = en.bend;
            c.leader.p[2] = port;
            c.leader.n = 3;
            if (strictly_inside(a, c.box) || leader_hits_box(c.leader, c.box)) continue;
            if (!b_.box_free(c.box, r) || !p_.statics->hard_ok(c.box, c.leader, r, T) || !b_.free_for(c)) continue;
            c.cost = en.est + p_.statics->cover_cost(c.box);
            out = c;
            return true;
        }
        return false;
    }

    /// A two-hop leader (2. above); false when none.
    bool escape(int r, Cand& out) {
        const auto& q = p_.requests[r];
        const auto& w = p_.options.weights;
        const double wd = q.width_mm, ht = q.height_mm;
        const Box& T = p_.tier1_container;
        const double Rtot = reach();
        bool found = false;
        double best_cost = 0;
        const int na = searched_anchors(q);
        for (int ai = 0; ai < na; ++ai) {
            const XY a = q.anchors[ai];
            if (!std::isfinite(a.x) || !std::isfinite(a.y)) continue;
            for (double rho : kEscapeRadii) {
                if (spent()) break;
                const double R2 = std::min(Rtot - rho, kEscapeReach);
                if (R2 < 2) continue;
                for (int j = 0; j < kEscapeDirections; ++j) {
                    const double th = 2 * std::numbers::pi * j / kEscapeDirections;
                    const XY P{a.x + rho * std::cos(th), a.y + rho * std::sin(th)};
                    if (!T.contains(P)) continue;
                    if (!run_clear(r, ai, a, P)) continue;
                    Cand hop;  // the first hop
                    hop.req = r;
                    hop.anchor = ai;
                    hop.leader.p[0] = a;
                    hop.leader.p[1] = P;
                    int checks = 0;
                    const double base = w.leader_length * rho + kBendCost + kAnchorRankCost * ai;
                    for (double y0 = std::ceil(P.y - R2 - ht); y0 <= P.y + R2; y0 += kCell) {
                        if (y0 < T.miny || y0 + ht > T.maxy) continue;
                        for (double x0 = std::ceil(P.x - R2 - wd); x0 <= P.x + R2; x0 += kCell) {
                            if (x0 < T.minx || x0 + wd > T.maxx) continue;
                            const Box b{x0, y0, x0 + wd, y0 + ht};
                            const XY e{std::clamp(P.x, b.minx, b.maxx), std::clamp(P.y, b.miny, b.maxy)};
                            const double ex = e.x - P.x, ey = e.y - P.y;
                            const double d = std::sqrt(ex * ex + ey * ey);
                            if (d < 1 || d > R2) continue;
                            // no hairpin: the second hop keeps going away from the anchor
                            if ((P.x - a.x) * ex + (P.y - a.y) * ey < 0) continue;
                            if (found && base + w.leader_length * d >= best_cost) continue;
                            if (!probe(b)) continue;
                            const double est = base + w.leader_length * d + direction_cost(w, P, e);
                            if (found && est >= best_cost) continue;
                            if (++checks > kEscapeChecks || spent()) break;
                            work_ += kExactCheckWork;
                            Cand c = hop;
                            c.box = b;
                            c.leader.p[2] = e;
                            c.leader.n = 3;
                            if (strictly_inside(a, b) || leader_hits_box(c.leader, b)) continue;
                            if (!b_.box_free(b, r) || !p_.statics->hard_ok(b, c.leader, r, T) || !b_.free_for(c)) continue;
                            c.cost = est + p_.statics->cover_cost(b);
                            if (!found || c.cost < best_cost) {
                                best_cost = c.cost;
                                out = c;
                                found = true;
                            }
                        }
                        if (checks > kEscapeChecks || spent()) break;
                    }
                }
            }
        }
        return found;
    }

private:
    double reach() const {
        return std::min(kMaxReach, kReach * std::max(p_.options.min_leader_mm, p_.options.max_leader_mm));
    }

    struct Entry {
        double est;
        double x0, y0;  ///< in the map: the balloon's corner; in a stack: its start (x0)
        int16_t anchor;
        int16_t stack;  ///< -1 in the map
        XY bend{};      ///< elbow(): the bend point
    };

    bool probe(const Box& b) {
        ++work_;
        return occ_.maybe_free(b);
    }

    /// The balloon alone is clear of the page (keep-outs, labels, anchors) and the board.
    bool box_clear(int r, const Box& b) {
        work_ += kExactCheckWork;
        Leader none;  // no leader to check: a point on the balloon
        none.p[0] = none.p[1] = XY{b.minx, b.miny};
        none.n = 2;
        return b_.box_free(b, r) && p_.statics->hard_ok(b, none, r, p_.tier1_container);
    }

    /// The run from the anchor to p alone is clear of the page and the board.
    bool run_clear(int r, int ai, XY a, XY p) {
        if (!p_.tier1_container.contains(p)) return false;
        Cand hop;  // a leader without a balloon
        hop.req = r;
        hop.anchor = ai;
        hop.leader.p[0] = a;
        hop.leader.p[1] = p;
        hop.leader.n = 2;
        return p_.statics->leader_ok(hop.leader) && b_.free_for(hop);
    }

    /// Orders entries_ into sorted_ by estimate in buckets of kBucket (stable: within a
    /// bucket, generation order), in linear time.
    void bucket_sort() {
        constexpr double kBucket = 0.25;
        double lo = entries_[0].est, hi = lo;
        for (const Entry& e : entries_) {
            lo = std::min(lo, e.est);
            hi = std::max(hi, e.est);
        }
        const size_t nb = static_cast<size_t>((hi - lo) / kBucket) + 2;
        count_.assign(nb + 1, 0);
        auto bucket = [&](const Entry& e) { return static_cast<size_t>((e.est - lo) / kBucket); };
        for (const Entry& e : entries_) ++count_[bucket(e) + 1];
        for (size_t i = 1; i <= nb; ++i) count_[i] += count_[i - 1];
        sorted_.resize(entries_.size());
        for (const Entry& e : entries_) sorted_[count_[bucket(e)]++] = e;
    }

    static Box extent(const Problem& p) {
        Box e = p.context.page;
        e.expand(p.context.printable);
        e.expand(p.context.map_frame);
        if (e.empty()) e = Box::of(0, 0, 1, 1);
        return e;
    }

    void mark(const Cand& c, int d) {
        occ_.mark_box(c.box.grown(p_.cl.gap), d);
        for (int i = 0; i + 1 < c.leader.n; ++i) occ_.mark_segment(c.leader.p[i], c.leader.p[i + 1], d);
    }

    Cand make(int r, const Entry& en) const {
        const auto& q = p_.requests[r];
        if (en.stack >= 0) return stack_cand(p_.stacks[en.stack], en.stack, q, r, en.anchor, en.x0);
        Cand c;
        c.req = r;
        c.anchor = en.anchor;
        c.tier = 0;
        const XY a = q.anchors[en.anchor];
        c.box = Box{en.x0, en.y0, en.x0 + q.width_mm, en.y0 + q.height_mm};
        c.leader.p[0] = a;
        c.leader.p[1] = XY{std::clamp(a.x, c.box.minx, c.box.maxx), std::clamp(a.y, c.box.miny, c.box.maxy)};
        c.leader.n = 2;
        return c;
    }

    const Problem& p_;
    Board& b_;
    Occupancy occ_;
    std::vector<Entry> entries_, sorted_;
    std::vector<size_t> count_;
    long limit_;
    long work_ = 0;
};

}  // namespace

void fill_gaps(const Problem& p, Board& board) {
    std::vector<int> out;
    for (int r : p.order) {
        const auto& q = p.requests[r];
        if (!board.placed(r) && !q.anchors.empty() && q.width_mm > 0 && q.height_mm > 0 && std::isfinite(q.width_mm) &&
            std::isfinite(q.height_mm))
            out.push_back(r);
    }
    if (out.empty()) return;
    // Work bound: the requests still out, most important first, as many as the time
    // budget allows at a fixed rate (each search is bounded by its own check counts).
    const size_t cap = static_cast<size_t>(std::ceil(std::max(0.0, p.options.time_budget_ms) / kMsPerSearch));
    if (out.size() > cap) out.resize(cap);
    GapFiller gf(p, board, static_cast<long>(std::max(0.0, p.options.time_budget_ms) * kWorkPerMs));
    int misses = 0;  // in a row: on a page that is full, stop looking
    for (int r : out) {
        Cand c;
        if (gf.spent()) break;
        if (gf.best(r, c) || gf.elbow(r, c) || gf.escape(r, c)) {
            straighten(c.leader);
            gf.place(c);
            misses = 0;
        } else if (++misses >= kGiveUp) {
            break;
        }
    }
}

}  // namespace ipmap::place::detail
