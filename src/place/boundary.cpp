// Tier 2, boundary labeling: stacks of balloons along the map frame.
//
// Per stack, the items are ordered by their anchors' coordinate along the side and a
// dynamic programme places them in that order, without overlap, at the positions that
// minimise first the number left out (weighted by priority) and then the total leader
// length (+ cover cost). Every item/position pair is checked exactly against the page
// and everything already placed. Leaders of one stack that still cross are uncrossed by
// swapping the two items in the order (for straight leaders to one side, exchanging the
// ends of two crossing leaders shortens their total: a minimum-length order has no
// crossing) and solving again.
#include <algorithm>
#include <cmath>
#include <limits>

#include "place/problem.hpp"

namespace ipmap::place::detail {
namespace {

constexpr double kStep = 1.0;  ///< position grid along a stack, mm
constexpr double kSkip = 1e6;  ///< DP cost of leaving one item out (x penalty / 1000)
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kRounds = 3;
constexpr int kCrowdRounds = 2;
constexpr int kCrowdScan = 64;  ///< in-map candidates tried per request after a crowd moved
constexpr double kEvalsPerMs = 2000.0;
constexpr double kWindow = 1.2;      ///< positions within this x the anchor's distance...
constexpr double kMinWindow = 30.0;  ///< ...or this many mm along the side

struct Item {
    int req;
    int anchor;
};

class StackSolver {
public:
    StackSolver(const Problem& p, Board& b, int stack, std::vector<Item> items, long* evals = nullptr)
        : p_(p), b_(b), si_(stack), s_(p.stacks[stack]), items_(std::move(items)), evals_(evals) {}

    /// Places what it can on the board; returns the requests placed.
    std::vector<int> run() {
        const int n = static_cast<int>(items_.size());
        if (n == 0) return {};
        L_ = std::max(0, static_cast<int>(std::floor((s_.hi - s_.lo) / kStep + 1e-9)));
        cost_.assign(static_cast<size_t>(n) * (L_ + 1), kInf);
        for (int i = 0; i < n; ++i) fill_costs(i);

        std::vector<int> ord(n);
        for (int i = 0; i < n; ++i) ord[i] = i;
        std::sort(ord.begin(), ord.end(), [&](int x, int y) {
            const double ax = along(x), ay = along(y);
            if (ax != ay) return ax < ay;
            return p_.rank[items_[x].req] < p_.rank[items_[y].req];
        });
        std::vector<uint8_t> excluded(n, 0);
        std::vector<double> pos;
        const int max_rounds = 4 * n + 8;
        for (int round = 0; round < max_rounds; ++round) {
            solve(ord, excluded, pos);
            int ci = -1, cj = -1;
            find_conflict(ord, pos, ci, cj);
            if (ci < 0) break;
            if (round < 3 * n) {
                std::swap(*std::find(ord.begin(), ord.end(), ci), *std::find(ord.begin(), ord.end(), cj));
            } else {
                const bool drop_i = p_.rank[items_[ci].req] > p_.rank[items_[cj].req];
                excluded[drop_i ? ci : cj] = 1;
            }
        }
        // Commit, checking each balloon exactly against everything placed so far.
        std::vector<int> placed;
        for (int i : ord) {
            if (excluded[i] || pos[i] < 0) continue;
            Cand c = cand(i, pos[i]);
            c.cost = cost_at(i, pos_index(pos[i]));
            if (b_.free_for(c)) {
                b_.place(c);
                placed.push_back(c.req);
            }
        }
        return placed;
    }

private:
    Cand cand(int i, double start) const {
        const Item& it = items_[i];
        return stack_cand(s_, si_, p_.requests[it.req], it.req, it.anchor, start);
    }
    double along(int i) const {
        const XY a = p_.requests[items_[i].req].anchors[items_[i].anchor];
        return s_.vertical ? a.y : a.x;
    }
    double ext(int i) const { return along_extent(s_, p_.requests[items_[i].req]); }
    int len(int i) const { return static_cast<int>(std::ceil((ext(i) + p_.cl.gap) / kStep - 1e-9)); }
    double start_of(int k) const { return s_.lo + k * kStep; }
    int pos_index(double start) const { return static_cast<int>(std::lround((start - s_.lo) / kStep)); }
    double cost_at(int i, int k) const { return cost_[static_cast<size_t>(i) * (L_ + 1) + k]; }

    void fill_costs(int i) {
        const auto& w = p_.options.weights;
        const Item& it = items_[i];
        const auto& q = p_.requests[it.req];
        // Leaders no steeper than ~50 degrees from the perpendicular to the side.
        const double reach = std::max(kMinWindow, kWindow * stack_distance(s_, q, q.anchors[it.anchor]));
        const double a = along(i);
        for (int k = 0; k <= L_; ++k) {
            const double st = start_of(k);
            if (st + ext(i) > s_.hi + 1e-9) break;
            if (st + ext(i) < a - reach || st > a + reach) continue;
            const Cand c = cand(i, st);
            if (evals_) ++*evals_;
            if (!s_.container.contains(c.box) || !b_.box_free(c.box, c.req)) continue;
            if (!p_.statics->hard_ok(c.box, c.leader, c.req, s_.container)) continue;
            if (!b_.free_for(c)) continue;
            cost_[static_cast<size_t>(i) * (L_ + 1) + k] =
                w.leader_length * c.leader.length() + p_.statics->cover_cost(c.box);
        }
    }

    /// Dynamic programme over the order: pos[i] = start along the axis, -1 when left out.
    /// prev[e] = best cost of the items so far with all of them (plus gap) before e.
    void solve(const std::vector<int>& ord, const std::vector<uint8_t>& excluded, std::vector<double>& pos) {
        const int n = static_cast<int>(items_.size());
        const int E = L_ + 1;
        std::vector<double> prev(E + 1, 0.0), next(E + 1);
        std::vector<int> seq;
        for (int i : ord)
            if (!excluded[i]) seq.push_back(i);
        std::vector<int> choice(seq.size() * (E + 1), -1);  // -1 skip, else start index
        for (size_t t = 0; t < seq.size(); ++t) {
            const int i = seq[t];
            const int li = len(i);
            const double skip = kSkip * p_.penalty[items_[i].req] / 1000.0;
            double best = kInf;
            int arg = -1;
            for (int e = 0; e <= E; ++e) {
                const int k = e - li;  // the latest start that ends (with gap) by e
                if (k >= 0 && k <= L_) {
                    const double h = prev[k] + cost_at(i, k);
                    if (h < best) {
                        best = h;
                        arg = k;
                    }
                }
                const double sk = prev[e] + skip;
                if (best < sk) {
                    next[e] = best;
                    choice[t * (E + 1) + e] = arg;
                } else {
                    next[e] = sk;
                    choice[t * (E + 1) + e] = -1;
                }
            }
            std::swap(prev, next);
        }
        pos.assign(n, -1.0);
        int e = E;
        for (int t = static_cast<int>(seq.size()) - 1; t >= 0; --t) {
            const int k = choice[t * (E + 1) + e];
            if (k < 0) continue;
            pos[seq[t]] = start_of(k);
            e = k;
        }
    }

    /// First conflicting pair among the stack's own balloons and leaders.
    void find_conflict(const std::vector<int>& ord, const std::vector<double>& pos, int& ci, int& cj) const {
        std::vector<Cand> cs;
        std::vector<int> who;
        for (int i : ord)
            if (pos[i] >= 0) {
                cs.push_back(cand(i, pos[i]));
                who.push_back(i);
            }
        for (size_t x = 0; x < cs.size(); ++x)
            for (size_t y = x + 1; y < cs.size(); ++y)
                if (cand_conflict(cs[x], cs[y], p_.cl)) {
                    ci = who[x];
                    cj = who[y];
                    return;
                }
        ci = cj = -1;
    }

    const Problem& p_;
    Board& b_;
    int si_;
    const Stack& s_;
    std::vector<Item> items_;
    int L_ = 0;
    std::vector<double> cost_;
    long* evals_;
};

}  // namespace

std::vector<Stack> make_stacks(const PlacementContext& context, const std::vector<CalloutRequest>& requests,
                               double gap, const Box& tier1_container) {
    const Box& F = context.map_frame;
    const Box& P = context.printable;
    std::vector<Stack> out;
    if (F.empty() || P.empty()) return out;
    double min_w = kInf, min_h = kInf;
    for (const auto& q : requests)
        if (q.width_mm > 0 && q.height_mm > 0) {
            min_w = std::min(min_w, q.width_mm);
            min_h = std::min(min_h, q.height_mm);
        }
    if (!std::isfinite(min_w)) return out;
    const Box& T = tier1_container;
    auto add = [&](Side side, bool vertical, double out_depth, double out_line, double out_sign, double in_line,
                   double in_sign, double need) {
        Stack s;
        s.side = side;
        s.vertical = vertical;
        if (out_depth >= need) {
            s.outside = true;
            s.line = out_line;
            s.sign = out_sign;
            s.depth = out_depth;
            s.container = P;
            s.lo = vertical ? P.miny : P.minx;
            s.hi = vertical ? P.maxy : P.maxx;
        } else {
            if (T.empty()) return;
            s.outside = false;
            s.line = in_line;
            s.sign = in_sign;
            s.depth = vertical ? T.width() : T.height();
            s.container = T;
            s.lo = vertical ? T.miny : T.minx;
            s.hi = vertical ? T.maxy : T.maxx;
        }
        if (s.hi - s.lo > 0 && s.depth > 0) out.push_back(s);
    };
    add(Side::Left, true, (F.minx - gap) - P.minx, F.minx - gap, -1, T.minx, +1, min_w);
    add(Side::Right, true, P.maxx - (F.maxx + gap), F.maxx + gap, +1, T.maxx, -1, min_w);
    add(Side::Top, false, (F.miny - gap) - P.miny, F.miny - gap, -1, T.miny, +1, min_h);
    add(Side::Bottom, false, P.maxy - (F.maxy + gap), F.maxy + gap, +1, T.maxy, -1, min_h);
    return out;
}

namespace {

/// Stacks the given requests (those not on the board yet): each tries its nearest
/// stacks in turn, kRounds rounds.
void stack_pending(const Problem& p, Board& board, const std::vector<int>& requests, int rounds, long* evals) {
    const int S = static_cast<int>(p.stacks.size());
    std::vector<int> pending;
    for (int r : requests) {
        const auto& q = p.requests[r];
        if (!board.placed(r) && !q.anchors.empty() && q.width_mm > 0 && q.height_mm > 0) pending.push_back(r);
    }
    if (pending.empty()) return;
    struct Pref {
        int stack;
        int anchor;
        double dist;
    };
    std::vector<std::vector<Pref>> prefs(pending.size());
    for (size_t i = 0; i < pending.size(); ++i) {
        const auto& q = p.requests[pending[i]];
        for (int si = 0; si < S; ++si) {
            const Stack& s = p.stacks[si];
            if (!stack_fits(s, q)) continue;
            Pref best{si, -1, kInf};
            for (int ai = 0; ai < static_cast<int>(q.anchors.size()) && ai < 4; ++ai) {
                const double d = stack_distance(s, q, q.anchors[ai]);
                if (d < best.dist) best = {si, ai, d};
            }
            if (best.anchor >= 0) prefs[i].push_back(best);
        }
        std::stable_sort(prefs[i].begin(), prefs[i].end(), [](const Pref& a, const Pref& b) { return a.dist < b.dist; });
    }
    for (int round = 0; round < rounds; ++round) {
        std::vector<std::vector<Item>> items(S);
        for (size_t i = 0; i < pending.size(); ++i)
            if (!board.placed(pending[i]) && round < static_cast<int>(prefs[i].size()))
                items[prefs[i][round].stack].push_back({pending[i], prefs[i][round].anchor});
        for (int si = 0; si < S; ++si) {
            auto& its = items[si];
            if (its.empty()) continue;
            // Bound the solve: about 1.5x what the side could hold, most important first
            // (they arrive in (priority, id) order).
            double mean = 0;
            for (const auto& it : its) mean += along_extent(p.stacks[si], p.requests[it.req]) + p.cl.gap;
            mean /= static_cast<double>(its.size());
            const size_t cap = static_cast<size_t>(std::ceil(1.5 * (p.stacks[si].hi - p.stacks[si].lo) / mean)) + 1;
            if (its.size() > cap) its.resize(cap);
            StackSolver(p, board, si, its, evals).run();
        }
    }
}

/// Groups requests whose first anchors lie within `d` of each other (single linkage).
/// Cells of side d/sqrt(2) join everything inside them at once; neighbouring cells are
/// joined on the first close pair, so dense pages stay near-linear.
std::vector<std::vector<int>> clusters_of(const Problem& p, const std::vector<int>& reqs, double d) {
    const int m = static_cast<int>(reqs.size());
    std::vector<int> parent(m);
    for (int i = 0; i < m; ++i) parent[i] = i;
    auto find = [&](int x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    };
    auto unite = [&](int a, int b) {
        a = find(a);
        b = find(b);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
    };
    Box ext;
    for (int r : reqs) ext.expand(p.requests[r].anchors[0]);
    const double cell = d / std::sqrt(2.0);
    const int nx = std::max(1, static_cast<int>(ext.width() / cell) + 1);
    const int ny = std::max(1, static_cast<int>(ext.height() / cell) + 1);
    std::vector<std::vector<int>> cells(static_cast<size_t>(nx) * ny);
    auto at = [&](int i) { return p.requests[reqs[i]].anchors[0]; };
    for (int i = 0; i < m; ++i) {
        const XY a = at(i);
        const int cx = std::min(nx - 1, static_cast<int>((a.x - ext.minx) / cell));
        const int cy = std::min(ny - 1, static_cast<int>((a.y - ext.miny) / cell));
        auto& c = cells[static_cast<size_t>(cy) * nx + cx];
        if (!c.empty()) unite(c.front(), i);
        c.push_back(i);
    }
    for (int cy = 0; cy < ny; ++cy)
        for (int cx = 0; cx < nx; ++cx) {
            const auto& c1 = cells[static_cast<size_t>(cy) * nx + cx];
            if (c1.empty()) continue;
            for (int dy = 0; dy <= 2; ++dy)
                for (int dx = -2; dx <= 2; ++dx) {
                    if (dy == 0 && dx <= 0) continue;  // each pair of cells once
                    const int ox = cx + dx, oy = cy + dy;
                    if (ox < 0 || ox >= nx || oy >= ny) continue;
                    const auto& c2 = cells[static_cast<size_t>(oy) * nx + ox];
                    if (c2.empty() || find(c1.front()) == find(c2.front())) continue;
                    bool joined = false;
                    for (int i : c1) {
                        for (int j : c2)
                            if (std::hypot(at(i).x - at(j).x, at(i).y - at(j).y) <= d) {
                                unite(i, j);
                                joined = true;
                                break;
                            }
                        if (joined) break;
                    }
                }
        }
    std::vector<std::vector<int>> groups(m);
    for (int i = 0; i < m; ++i) groups[find(i)].push_back(reqs[i]);  // keeps (priority, id) order
    std::vector<std::vector<int>> out;
    for (auto& g : groups)
        if (!g.empty()) out.push_back(std::move(g));
    std::sort(out.begin(), out.end(), [&](const auto& x, const auto& y) { return p.rank[x[0]] < p.rank[y[0]]; });
    return out;
}

}  // namespace

void solve_margins(const Problem& p, const CandidateSet& cs, Board& board) {
    const int S = static_cast<int>(p.stacks.size());
    if (S == 0) return;
    const int n = static_cast<int>(p.requests.size());

    // 1. Re-lay each stack the global solve filled, in anchor order at minimum length.
    for (int si = 0; si < S; ++si) {
        std::vector<Item> items;
        std::vector<Cand> old;
        for (int r : p.order)
            if (board.placed(r) && board.held(r).tier == 1 && board.held(r).stack == si) {
                items.push_back({r, board.held(r).anchor});
                old.push_back(board.held(r));
            }
        if (items.empty()) continue;
        for (const Cand& c : old) board.remove(c.req);
        StackSolver solver(p, board, si, items);
        const std::vector<int> placed = solver.run();
        if (placed.size() < items.size()) {  // keep what the global solve had
            for (int r : placed) board.remove(r);
            for (const Cand& c : old) board.place(c);
        }
    }

    // 2. Stack what is still out.
    long evals = 0;
    stack_pending(p, board, p.order, kRounds, &evals);

    // 3. Crowds: the requests still out, with the in-map balloons around them, go to the
    //    stacks together (their in-map balloons no longer block the leaders), the rest
    //    back into the map; kept only when fewer (weighted) requests stay out.
    std::vector<int> out;
    for (int r : p.order) {
        const auto& q = p.requests[r];
        if (!board.placed(r) && !q.anchors.empty() && q.width_mm > 0 && q.height_mm > 0) out.push_back(r);
    }
    if (out.empty()) return;
    const double d = std::max(20.0, p.options.max_leader_mm);
    // Work budget (item x position evaluations), derived from the time budget like the
    // annealer's: deterministic, never the clock.
    const long budget = static_cast<long>(std::max(0.0, p.options.time_budget_ms) * kEvalsPerMs);
    evals = 0;
    for (const auto& cluster : clusters_of(p, out, d)) {
        if (evals > budget) break;
        Box reach;
        for (int r : cluster) reach.expand(p.requests[r].anchors[0]);
        reach = reach.grown(d);
        std::vector<uint8_t> member(n, 0);
        for (int r : cluster) member[r] = 1;
        std::vector<int> group;
        std::vector<Cand> snapshot;
        for (int r : p.order) {
            bool take = member[r] && !board.placed(r);
            if (!take && board.placed(r) && board.held(r).tier == 0) {
                const XY a = p.requests[r].anchors[board.held(r).anchor];
                if (reach.contains(a))
                    for (int u : cluster) {
                        const XY b = p.requests[u].anchors[0];
                        if (std::hypot(a.x - b.x, a.y - b.y) <= d) {
                            take = true;
                            break;
                        }
                    }
            }
            if (!take) continue;
            group.push_back(r);
            if (board.placed(r)) snapshot.push_back(board.held(r));
        }
        auto weighted_out = [&] {
            double w = 0;
            for (int r : group)
                if (!board.placed(r)) w += p.penalty[r];
            return w;
        };
        const double before = weighted_out();
        for (const Cand& c : snapshot) board.remove(c.req);
        stack_pending(p, board, group, kCrowdRounds, &evals);
        for (int r : group)
            if (!board.placed(r))
                for (int k = cs.begin[r]; k < std::min(cs.begin[r + 1], cs.begin[r] + kCrowdScan); ++k)
                    if (cs.cands[k].tier == 0 && board.free_for(cs.cands[k])) {
                        board.place(cs.cands[k]);
                        break;
                    }
        if (weighted_out() < before - 1e-9) continue;
        for (int r : group) board.remove(r);  // no better: put the group back as it was
        for (const Cand& c : snapshot) board.place(c);
    }
}

}  // namespace ipmap::place::detail
