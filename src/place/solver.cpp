// The global solve over the candidates (tier 1 in the map, and tier 2 stack positions at
// an extra cost, so that a crowd can move to a stack when that places more).
//
// Objective: sum over requests of the chosen candidate's cost, or of the request's
// penalty when it is left out (penalties dwarf costs, so the count placed comes first,
// weighted by priority). The state is always feasible (no hard conflict).
//
// 1. Greedy in (priority, id) order: each request takes its cheapest free candidate.
// 2. Simulated annealing (fixed seed, iteration budget) whose move is a depth-1
//    ejection chain: give request r candidate c, evict the <= 2 requests c conflicts
//    with, re-seat each evicted request on its cheapest free candidate; accept by the
//    Metropolis rule on the objective change. Plateau moves (one in, one out) let the
//    search travel between equally full solutions. The best solution seen is kept.
//    When the greedy left more than a tenth out, the schedule starts hot (0.4 of a
//    penalty), so that a balloon is now and then given up for a better arrangement.
// 3. A last greedy fill for requests still out.
// improve() resumes the same annealing from whatever the board holds (at a lower
// starting temperature): requests on candidates of the set move, anything else (stack
// balloons laid out by the boundary solve, balloons found by gap filling) is pinned,
// never moved and never ejected.
// Every conflict test goes through the Board's dynamic grid (placed balloons and leader
// segments), never all pairs.
#include <algorithm>
#include <cmath>

#include "place/problem.hpp"

namespace ipmap::place::detail {
namespace {

// Iteration budget: derived from the request count, capped through the time budget by a
// fixed rate. The clock never decides anything, so runs are reproducible.
constexpr double kItersPerMs = 60.0;
constexpr long kItersPerRequest = 600;
constexpr int kMaxEject = 2;
constexpr int kRepairScan = 64;
constexpr double kT0 = 40.0, kT1 = 0.5;
constexpr double kT0Crowded = 400.0;  ///< starting temperature on a crowded page: 0.4 penalty
constexpr size_t kCrowdedShare = 10;  ///< crowded: more than 1/kCrowdedShare out after the greedy
constexpr double kTr0 = 10.0;  ///< starting temperature when resuming from a board

class Annealer {
public:
    Annealer(const Problem& p, const CandidateSet& cs, Board& b) : p_(p), cs_(cs), b_(b) {
        const int n = static_cast<int>(p.requests.size());
        cur_.assign(n, -1);
        best_.assign(n, -1);
        dirty_flag_.assign(n, 0);
        pos_.assign(n, -1);
    }

    /// Greedy start, then the full annealing schedule.
    long run() {
        greedy();
        start();
        const long n_active = static_cast<long>(active_.size());
        const long iters = std::min<long>(kItersPerRequest * n_active,
                                          static_cast<long>(std::max(0.0, p_.options.time_budget_ms) * kItersPerMs));
        // A crowded start (the greedy left more than a tenth out) anneals hot enough to
        // trade a placed balloon for a better arrangement now and then; a nearly complete
        // one only polishes.
        const bool crowded = unplaced_.size() * kCrowdedShare > active_.size();
        return anneal(iters, crowded ? kT0Crowded : kT0, kT1, p_.options.seed);
    }

    /// Resumes from what the board holds: requests on candidates of the set move freely,
    /// anything else on the board (stack balloons laid out by the boundary solve) is
    /// pinned: never moved and never ejected.
    long resume(long iters, unsigned seed) {
        const int n = static_cast<int>(p_.requests.size());
        pinned_.assign(n, 0);
        for (int r = 0; r < n; ++r) {
            if (!b_.placed(r)) continue;
            const int k = b_.held(r).idx;
            if (k >= cs_.begin[r] && k < cs_.begin[r + 1])
                cur_[r] = k;
            else
                pinned_[r] = 1;
        }
        start();
        return anneal(iters, kTr0, kT1, seed);
    }

private:
    bool pinned(int r) const { return !pinned_.empty() && pinned_[r] != 0; }

    void start() {
        for (int r : p_.order)
            if (count(r) > 0 && !pinned(r)) active_.push_back(r);
        for (int r : active_)
            if (cur_[r] < 0) add_unplaced(r);
        lists_ready_ = true;
        best_ = cur_;
        for (int d : dirty_) dirty_flag_[d] = 0;
        dirty_.clear();
        f_ = objective();
        best_f_ = f_;
    }

    long anneal(long iters, double t0, double t1, unsigned seed) {
        const long n_active = static_cast<long>(active_.size());
        if (n_active < 2) iters = 0;
        Rng rng(seed);
        long it = 0;
        // Once everything is in, stop when the cost has not improved for a while (a
        // function of the state, so still deterministic).
        const long patience = std::max<long>(5000, 50 * n_active);
        long last_best = 0;
        double seen_best = best_f_;
        for (; it < iters; ++it) {
            const double T = t0 * std::pow(t1 / t0, static_cast<double>(it) / static_cast<double>(iters));
            step(rng, T);
            if (best_f_ < seen_best) {
                seen_best = best_f_;
                last_best = it;
            } else if (unplaced_.empty() && it - last_best > patience) {
                break;
            }
        }
        restore_best();
        fill();
        return it;
    }

    int count(int r) const { return cs_.begin[r + 1] - cs_.begin[r]; }
    double cost_of(int r, int k) const { return k < 0 ? p_.penalty[r] : cs_.cands[k].cost; }

    double objective() const {
        double f = 0;
        for (int r : active_) f += cost_of(r, cur_[r]);
        return f;
    }

    void greedy() {
        for (int r : p_.order) {
            if (cur_[r] >= 0 || pinned(r)) continue;
            for (int k = cs_.begin[r]; k < cs_.begin[r + 1]; ++k)
                if (b_.free_for(cs_.cands[k])) {
                    set(r, k);
                    break;
                }
        }
    }

    void fill() {
        for (int r : p_.order)
            if (cur_[r] < 0 && !pinned(r)) seat(r, cs_.begin[r + 1] - cs_.begin[r]);
    }

    /// Puts r on its cheapest free candidate among the first `scan`; false when none.
    bool seat(int r, int scan) {
        const int end = std::min(cs_.begin[r + 1], cs_.begin[r] + scan);
        for (int k = cs_.begin[r]; k < end; ++k)
            if (b_.free_for(cs_.cands[k])) {
                set(r, k);
                return true;
            }
        return false;
    }

    /// Changes r's candidate (k = -1: take it out), keeping board, the out-list and the
    /// best-solution bookkeeping in step.
    void set(int r, int k) {
        if (cur_[r] == k) return;
        if (cur_[r] >= 0) b_.remove(r);
        if (k >= 0) b_.place(cs_.cands[k]);
        cur_[r] = k;
        if (!dirty_flag_[r]) {
            dirty_flag_[r] = 1;
            dirty_.push_back(r);
        }
        if (lists_ready_) {
            if (k >= 0 && pos_[r] >= 0)
                remove_unplaced(r);
            else if (k < 0 && pos_[r] < 0)
                add_unplaced(r);
        }
    }

    void add_unplaced(int r) {
        pos_[r] = static_cast<int>(unplaced_.size());
        unplaced_.push_back(r);
    }
    void remove_unplaced(int r) {
        const int i = pos_[r];
        const int last = unplaced_.back();
        unplaced_[i] = last;
        pos_[last] = i;
        unplaced_.pop_back();
        pos_[r] = -1;
    }

    void step(Rng& rng, double T) {
        int r;
        bool from_out = !unplaced_.empty() && rng.uniform() < 0.6;
        if (from_out)
            r = unplaced_[rng.below(static_cast<int>(unplaced_.size()))];
        else
            r = active_[rng.below(static_cast<int>(active_.size()))];
        const int m = count(r);
        int k;
        if (cur_[r] < 0) {
            k = cs_.begin[r] + rng.below(m);
        } else {
            if (m < 2) return;
            const double u = rng.uniform();
            k = cs_.begin[r] + std::min(m - 1, static_cast<int>(u * u * m));
            if (k == cur_[r]) return;
        }
        if (!b_.conflicts(cs_.cands[k], ejected_, kMaxEject)) return;
        for (int s : ejected_)
            if (pinned(s)) return;

        // Apply, remembering how to undo.
        undo_.clear();
        undo_.push_back({r, cur_[r]});
        double delta = cost_of(r, k) - cost_of(r, cur_[r]);
        std::vector<int> ev = ejected_;
        std::sort(ev.begin(), ev.end(), [&](int a, int b) {
            return p_.penalty[a] != p_.penalty[b] ? p_.penalty[a] > p_.penalty[b] : p_.rank[a] < p_.rank[b];
        });
        for (int s : ev) {
            undo_.push_back({s, cur_[s]});
            delta += p_.penalty[s] - cost_of(s, cur_[s]);
            set(s, -1);
        }
        set(r, k);
        for (int s : ev)
            if (seat(s, kRepairScan)) delta += cost_of(s, cur_[s]) - p_.penalty[s];

        if (delta <= 0 || rng.uniform() < std::exp(-delta / T)) {
            f_ += delta;
            if (f_ < best_f_ - 1e-9) {
                best_f_ = f_;
                for (int d : dirty_) {
                    best_[d] = cur_[d];
                    dirty_flag_[d] = 0;
                }
                dirty_.clear();
            }
            return;
        }
        // Undo: take out everything touched, then put the old candidates back.
        for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) set(it->first, -1);
        for (const auto& [q, old] : undo_)
            if (old >= 0) set(q, old);
    }

    void restore_best() {
        for (int d : dirty_)
            if (cur_[d] != best_[d]) set(d, -1);
        for (int d : dirty_)
            if (best_[d] >= 0 && cur_[d] != best_[d]) set(d, best_[d]);
        for (int d : dirty_) dirty_flag_[d] = 0;
        dirty_.clear();
    }

    const Problem& p_;
    const CandidateSet& cs_;
    Board& b_;
    std::vector<int> cur_, best_;
    std::vector<uint8_t> dirty_flag_;
    std::vector<int> dirty_;
    std::vector<int> active_, unplaced_, pos_;
    std::vector<uint8_t> pinned_;
    bool lists_ready_ = false;
    std::vector<int> ejected_;
    std::vector<std::pair<int, int>> undo_;
    double f_ = 0, best_f_ = 0;
};

}  // namespace

long solve_in_map(const Problem& p, const CandidateSet& cs, Board& board) {
    Annealer a(p, cs, board);
    return a.run();
}

long improve(const Problem& p, const CandidateSet& cs, Board& board, long iters, unsigned seed) {
    Annealer a(p, cs, board);
    return a.resume(iters, seed);
}

}  // namespace ipmap::place::detail
