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
//
// solve_margins() re-lays the stacks the global solve filled and stacks what is still
// out where the leaders are clear. reserve_margins() then solves tiers 1 and 2 jointly:
// a request still out may take a stack slot whose leader runs through in-map balloons
// (each costs part of a penalty in the programme, so a slot that would evict two is not
// worth it), those balloons are evicted, and a resumed annealing re-seats them around
// the reserved leaders; a round stands only when fewer (weighted) requests stay out.
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
constexpr double kEvalsPerMs = 2000.0;
constexpr double kWindow = 1.2;      ///< positions within this x the anchor's distance...
constexpr double kMinWindow = 30.0;  ///< ...or this many mm along the side
constexpr int kMaxDamage = 6;        ///< in-map balloons one stack position may evict
constexpr double kDamage = 0.5;      ///< reserve: share of a request's penalty per in-map balloon evicted
constexpr int kReserveRounds = 2;
constexpr int kReserveStacks = 2;   ///< reserve: each request tries its nearest stacks, this many
constexpr long kReserveIters = 40;   ///< reserve: annealing iterations per request and round...
constexpr long kReserveMaxIters = 20000;  ///< ...at most, and at most this many per ms of the time
constexpr double kReserveItersPerMs = 10.0;  ///< budget (a fixed rate: the clock decides nothing)

struct Item {
    int req;
    int anchor;
};

class StackSolver {
public:
    /// damage = 0: every position must be free of everything on the board. damage > 0:
    /// in-map balloons in the way of a position (kMaxDamage at most) count as damage, this
    /// fraction of their penalty each, and are evicted when the position is taken.
    StackSolver(const Problem& p, Board& b, int stack, std::vector<Item> items, long* evals = nullptr,
                double damage = 0)
        : p_(p), b_(b), si_(stack), s_(p.stacks[stack]), items_(std::move(items)), evals_(evals), damage_(damage) {}

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
            c.cost = p_.options.weights.leader_length * c.leader.length() + p_.statics->cover_cost(c.box);
            if (damage_ > 0) {
                if (!b_.conflicts(c, hits_, kMaxDamage) || !all_in_map(hits_)) continue;
                for (int o : hits_) b_.remove(o);
            } else if (!b_.free_for(c)) {
                continue;
            }
            b_.place(c);
            placed.push_back(c.req);
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
            if (!s_.container.contains(c.box) || !stack_faces_anchor(s_, c)) continue;
            double harm = 0;
            if (damage_ > 0) {
                if (!b_.conflicts(c, hits_, kMaxDamage) || !all_in_map(hits_)) continue;
                for (int o : hits_) harm += p_.penalty[o];
            } else if (!b_.box_free(c.box, c.req)) {
                continue;
            }
            if (!p_.statics->hard_ok(c.box, c.leader, c.req, s_.container)) continue;
            if (damage_ <= 0 && !b_.free_for(c)) continue;
            cost_[static_cast<size_t>(i) * (L_ + 1) + k] = w.leader_length * c.leader.length() +
                                                            p_.statics->cover_cost(c.box) +
                                                            kSkip / 1000.0 * damage_ * harm;
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

    bool all_in_map(const std::vector<int>& hits) const {
        for (int o : hits)
            if (b_.held(o).tier != 0) return false;
        return true;
    }

    const Problem& p_;
    Board& b_;
    int si_;
    const Stack& s_;
    std::vector<Item> items_;
    int L_ = 0;
    std::vector<double> cost_;
    long* evals_;
    double damage_;
    std::vector<int> hits_;
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
/// stacks in turn, `rounds` rounds. With damage > 0 (see StackSolver) the stacks that take
/// new items are re-laid with the balloons they already hold, and in-map balloons in the
/// way are evicted.
void stack_pending(const Problem& p, Board& board, const std::vector<int>& requests, int rounds, long* evals,
                   double damage = 0) {
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
    const int n = static_cast<int>(p.requests.size());
    for (int round = 0; round < rounds; ++round) {
        std::vector<std::vector<Item>> items(S);
        for (size_t i = 0; i < pending.size(); ++i)
            if (!board.placed(pending[i]) && round < static_cast<int>(prefs[i].size()))
                items[prefs[i][round].stack].push_back({pending[i], prefs[i][round].anchor});
        for (int si = 0; si < S; ++si) {
            auto& its = items[si];
            if (its.empty()) continue;
            if (damage > 0) {
                // Re-lay the stack with what it holds (those first), so new and old items
                // interleave in anchor order.
                std::vector<Item> held;
                for (int r = 0; r < n; ++r)
                    if (board.placed(r) && board.held(r).tier == 1 && board.held(r).stack == si)
                        held.push_back({r, board.held(r).anchor});
                std::sort(held.begin(), held.end(),
                          [&](const Item& a, const Item& b) { return p.rank[a.req] < p.rank[b.req]; });
                for (const Item& it : held) board.remove(it.req);
                its.insert(its.begin(), held.begin(), held.end());
            }
            // Bound the solve: about 1.5x what the side could hold, most important first
            // (they arrive in (priority, id) order).
            double mean = 0;
            for (const auto& it : its) mean += along_extent(p.stacks[si], p.requests[it.req]) + p.cl.gap;
            mean /= static_cast<double>(its.size());
            const size_t cap = static_cast<size_t>(std::ceil(1.5 * (p.stacks[si].hi - p.stacks[si].lo) / mean)) + 1;
            if (its.size() > cap) its.resize(cap);
            StackSolver(p, board, si, its, evals, damage).run();
        }
    }
}

}  // namespace

void solve_margins(const Problem& p, Board& board) {
    const int S = static_cast<int>(p.stacks.size());
    if (S == 0) return;

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
}

void reserve_margins(const Problem& p, const CandidateSet& cs, Board& board) {
    const int S = static_cast<int>(p.stacks.size());
    if (S == 0) return;
    const int n = static_cast<int>(p.requests.size());
    auto out_list = [&] {
        std::vector<int> out;
        for (int r : p.order) {
            const auto& q = p.requests[r];
            if (!board.placed(r) && !q.anchors.empty() && q.width_mm > 0 && q.height_mm > 0) out.push_back(r);
        }
        return out;
    };
    auto weighted_out = [&] {
        double w = 0;
        for (int r : out_list()) w += p.penalty[r];
        return w;
    };
    const long budget = static_cast<long>(std::max(0.0, p.options.time_budget_ms) * kEvalsPerMs);
    long evals = 0;
    for (int round = 0; round < kReserveRounds; ++round) {
        const std::vector<int> out = out_list();
        if (out.empty() || evals > budget) break;
        std::vector<Cand> snapshot;
        for (int r = 0; r < n; ++r)
            if (board.placed(r)) snapshot.push_back(board.held(r));
        const double before = weighted_out();
        stack_pending(p, board, out, std::min(S, kReserveStacks), &evals, kDamage);
        const long iters = std::min({kReserveIters * n, kReserveMaxIters,
                                     static_cast<long>(std::max(0.0, p.options.time_budget_ms) * kReserveItersPerMs)});
        improve(p, cs, board, iters, p.options.seed + 7919u * (round + 1));
        const double after = weighted_out();
        if (after < before - 1e-9) continue;
        for (int r = 0; r < n; ++r) board.remove(r);
        for (const Cand& c : snapshot) board.place(c);
        break;
    }
}

}  // namespace ipmap::place::detail
