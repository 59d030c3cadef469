#pragma once
// Private to src/place: uniform grids in page millimetres.
//  - GridIndex: dynamic (insert / erase), holds owner ids of placed balloons and leader
//    segments, in the spirit of MapLibre's GridIndex (maplibre-native src/mbgl/util/grid_index.hpp).
//  - PointGrid: static anchor points with an early-exit "any point inside" query.
// (HardBoxIndex, hard_box_index.hpp, is the third: the sheet's hard boxes, on GridBase.)
// Queries may report an owner more than once; callers deduplicate with a stamp.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/geometry.hpp"
#include "place/geom.hpp"

namespace ipmap::place::detail {

class GridBase {
public:
    GridBase() = default;
    GridBase(const Box& extent, double cell, int max_cells_per_axis = 2048) : ext_(extent) {
        if (ext_.empty()) ext_ = Box::of(0, 0, 1, 1);
        cell_ = std::max(cell, 1e-3);
        cell_ = std::max({cell_, ext_.width() / max_cells_per_axis, ext_.height() / max_cells_per_axis});
        inv_ = 1.0 / cell_;
        nx_ = std::max(1, static_cast<int>(std::ceil(ext_.width() * inv_)));
        ny_ = std::max(1, static_cast<int>(std::ceil(ext_.height() * inv_)));
    }
    int nx() const { return nx_; }
    int ny() const { return ny_; }
    double cell() const { return cell_; }

protected:
    int cx(double x) const {
        const double v = (x - ext_.minx) * inv_;
        if (!(v > 0)) return 0;  // also NaN
        return std::min(nx_ - 1, static_cast<int>(v));
    }
    int cy(double y) const {
        const double v = (y - ext_.miny) * inv_;
        if (!(v > 0)) return 0;
        return std::min(ny_ - 1, static_cast<int>(v));
    }
    Box cell_box(int i, int j) const {
        return Box{ext_.minx + i * cell_, ext_.miny + j * cell_, ext_.minx + (i + 1) * cell_,
                   ext_.miny + (j + 1) * cell_};
    }
    /// Cell (i, j) grown by `pad`; a cell at the extent border also holds geometry beyond
    /// it, so its box is open on that side.
    Box reach_box(int i, int j, double pad) const {
        Box cb = cell_box(i, j).grown(pad);
        if (i == 0) cb.minx = -1e300;
        if (j == 0) cb.miny = -1e300;
        if (i == nx_ - 1) cb.maxx = 1e300;
        if (j == ny_ - 1) cb.maxy = 1e300;
        return cb;
    }
    /// Calls f(cell index) for every cell the closed box touches.
    template <class F> void for_box_cells(const Box& b, F&& f) const {
        if (b.empty()) return;
        const int i0 = cx(b.minx), i1 = cx(b.maxx), j0 = cy(b.miny), j1 = cy(b.maxy);
        for (int j = j0; j <= j1; ++j)
            for (int i = i0; i <= i1; ++i) f(j * nx_ + i);
    }
    /// Calls f(cell index) for every cell the closed segment passes through.
    template <class F> void for_segment_cells(XY a, XY b, F&& f) const {
        const int i0 = cx(std::min(a.x, b.x)), i1 = cx(std::max(a.x, b.x));
        const int j0 = cy(std::min(a.y, b.y)), j1 = cy(std::max(a.y, b.y));
        const bool single_row = (i0 == i1) || (j0 == j1);
        for (int j = j0; j <= j1; ++j)
            for (int i = i0; i <= i1; ++i) {
                if (!single_row) {
                    double t0, t1;
                    if (!clip_segment(a, b, reach_box(i, j, 1e-7), t0, t1)) continue;
                }
                f(j * nx_ + i);
            }
    }

    Box ext_;
    double cell_ = 1, inv_ = 1;
    int nx_ = 1, ny_ = 1;
};

class GridIndex : public GridBase {
public:
    GridIndex() = default;
    GridIndex(const Box& extent, double cell) : GridBase(extent, cell), cells_(static_cast<size_t>(nx_) * ny_) {}

    void insert_box(int owner, const Box& b) {
        for_box_cells(b, [&](int c) { cells_[c].push_back(owner); });
    }
    void erase_box(int owner, const Box& b) {
        for_box_cells(b, [&](int c) { erase_one(cells_[c], owner); });
    }
    void insert_segment(int owner, XY a, XY b) {
        for_segment_cells(a, b, [&](int c) { cells_[c].push_back(owner); });
    }
    void erase_segment(int owner, XY a, XY b) {
        for_segment_cells(a, b, [&](int c) { erase_one(cells_[c], owner); });
    }
    /// f(owner) -> bool: return false to stop. Returns false when stopped.
    template <class F> bool query(const Box& b, F&& f) const {
        if (b.empty()) return true;
        const int i0 = cx(b.minx), i1 = cx(b.maxx), j0 = cy(b.miny), j1 = cy(b.maxy);
        for (int j = j0; j <= j1; ++j)
            for (int i = i0; i <= i1; ++i)
                for (int owner : cells_[j * nx_ + i])
                    if (!f(owner)) return false;
        return true;
    }

    /// f(owner) -> bool for owners in cells within `pad` of the closed segment ab.
    template <class F> bool query_segment(XY a, XY b, double pad, F&& f) const {
        const Box env = seg_box(a, b).grown(pad);
        const int i0 = cx(env.minx), i1 = cx(env.maxx), j0 = cy(env.miny), j1 = cy(env.maxy);
        const bool all = (i1 - i0) <= 1 || (j1 - j0) <= 1;
        for (int j = j0; j <= j1; ++j)
            for (int i = i0; i <= i1; ++i) {
                if (!all) {
                    double t0, t1;
                    if (!clip_segment(a, b, reach_box(i, j, pad + 1e-7), t0, t1)) continue;
                }
                for (int owner : cells_[j * nx_ + i])
                    if (!f(owner)) return false;
            }
        return true;
    }

private:
    static void erase_one(std::vector<int>& v, int owner) {
        auto it = std::find(v.begin(), v.end(), owner);
        if (it != v.end()) v.erase(it);  // keeps order: results stay deterministic
    }
    std::vector<std::vector<int>> cells_;
};

/// Static points with owners; built once.
class PointGrid : public GridBase {
public:
    struct Item {
        XY p;
        int owner;
    };
    PointGrid() = default;
    PointGrid(const Box& extent, double cell, const std::vector<Item>& items) : GridBase(extent, cell) {
        std::vector<int> count(static_cast<size_t>(nx_) * ny_ + 1, 0);
        for (const auto& it : items) ++count[cy(it.p.y) * nx_ + cx(it.p.x) + 1];
        for (size_t i = 1; i < count.size(); ++i) count[i] += count[i - 1];
        start_ = count;
        items_.resize(items.size());
        for (const auto& it : items) items_[count[cy(it.p.y) * nx_ + cx(it.p.x)]++] = it;
    }
    /// True when pred(item) holds for some point strictly inside b.
    template <class F> bool any_inside(const Box& b, F&& pred) const {
        if (b.empty() || items_.empty()) return false;
        const int i0 = cx(b.minx), i1 = cx(b.maxx), j0 = cy(b.miny), j1 = cy(b.maxy);
        for (int j = j0; j <= j1; ++j)
            for (int i = i0; i <= i1; ++i) {
                const int c = j * nx_ + i;
                for (int k = start_[c]; k < start_[c + 1]; ++k) {
                    const auto& it = items_[k];
                    if (strictly_inside(it.p, b, 0.0) && pred(it)) return true;
                }
            }
        return false;
    }

private:
    std::vector<int> start_;
    std::vector<Item> items_;
};

}  // namespace ipmap::place::detail
