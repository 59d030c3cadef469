#pragma once
// The numbered list (callouts that found no room on the map) packed into columns.
#include <cstddef>
#include <functional>
#include <vector>

namespace ipmap {

struct ListColumns {
    std::vector<std::vector<std::size_t>> columns;  ///< entry indices, top to bottom
    std::vector<std::size_t> overflow;              ///< entries that did not fit (next page)
    double height_mm = 0;                           ///< tallest column
};

/// Packs entries of the given heights, in order, into at most `max_columns` columns no
/// taller than `max_height_mm` (`gap_mm` between entries). An entry taller than a whole
/// column still gets a column of its own. Pure.
ListColumns pack_list(const std::vector<double>& heights, double max_height_mm, int max_columns, double gap_mm);

/// Packs as pack_list does at `max_height_mm`; when the panel that packing needs
/// (`hidden_under(packing)`, the amount of map it would hide) is over `tolerance`, packs
/// into shorter and shorter columns — the entries beyond go to `overflow` — and takes the
/// tallest packing within the tolerance. When even one entry a column hides too much, the
/// first packing stands.
ListColumns pack_list_within(const std::vector<double>& heights, double max_height_mm, int max_columns, double gap_mm,
                             const std::function<double(const ListColumns&)>& hidden_under, double tolerance);

}  // namespace ipmap
