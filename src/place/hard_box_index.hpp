#pragma once
// The sheet's one collision index: its hard boxes (keep-outs, then the labels as label
// placement accepts them) in a uniform grid. place_labels tests its candidates against it
// and inserts those it keeps; place_callouts then queries the same object for every hard
// check of balloons and leaders, so a callout can only be kept off a label that is in it.
// One per sheet solve, owned by the caller; nothing global. insert() is not synchronised,
// const queries may run concurrently.
#include <algorithm>
#include <vector>

#include "core/geometry.hpp"
#include "place/callout_types.hpp"
#include "place/grid_index.hpp"

namespace ipmap::place {

class HardBoxIndex : private detail::GridBase {
public:
    static constexpr double kCellMm = 10.0;

    /// Empty, over `extent` (boxes beyond it are held in the border cells).
    explicit HardBoxIndex(const Box& extent, double cell_mm = kCellMm);
    /// Over the context's page, printable area and map frame, holding its keep_out, then its labels.
    explicit HardBoxIndex(const PlacementContext& context);

    /// Adds a box; empty ones are ignored.
    void insert(const Box& b);
    /// The boxes held, in insertion order.
    const std::vector<Box>& boxes() const { return boxes_; }
    bool empty() const { return boxes_.empty(); }

    /// Calls f(box) -> bool once for every box whose closed extent meets q; f returns false
    /// to stop. Returns false when stopped.
    template <class F> bool query(const Box& q, F&& f) const {
        if (q.empty() || boxes_.empty()) return true;
        const int i0 = cx(q.minx), i1 = cx(q.maxx), j0 = cy(q.miny), j1 = cy(q.maxy);
        for (int j = j0; j <= j1; ++j)
            for (int i = i0; i <= i1; ++i)
                for (int k : cells_[j * nx_ + i]) {
                    const Box& b = boxes_[k];
                    if (b.minx > q.maxx || q.minx > b.maxx || b.miny > q.maxy || q.miny > b.maxy) continue;
                    // Once: in the cell that holds the low corner of b ∩ q.
                    if (cx(std::max(b.minx, q.minx)) != i || cy(std::max(b.miny, q.miny)) != j) continue;
                    if (!f(b)) return false;
                }
        return true;
    }

    /// True when the interior of some box overlaps that of b.
    bool overlaps(const Box& b) const {
        return !query(b, [&](const Box& h) { return !h.overlaps(b); });
    }

private:
    std::vector<Box> boxes_;
    std::vector<std::vector<int>> cells_;
};

}  // namespace ipmap::place
