#include "place/hard_box_index.hpp"

namespace ipmap::place {
namespace {

Box extent_of(const PlacementContext& c) {
    Box e = c.page;
    e.expand(c.printable);
    e.expand(c.map_frame);
    return e;
}

}  // namespace

HardBoxIndex::HardBoxIndex(const Box& extent, double cell_mm)
    : GridBase(extent, cell_mm), cells_(static_cast<size_t>(nx_) * ny_) {}

HardBoxIndex::HardBoxIndex(const PlacementContext& c) : HardBoxIndex(extent_of(c)) {
    for (const auto* list : {&c.keep_out, &c.labels})
        for (const Box& b : *list) insert(b);
}

void HardBoxIndex::insert(const Box& b) {
    if (b.empty()) return;
    const int k = static_cast<int>(boxes_.size());
    boxes_.push_back(b);
    for_box_cells(b, [&](int c) { cells_[c].push_back(k); });
}

}  // namespace ipmap::place
