#pragma once
// The numbered list (callouts that found no room on the map) packed into columns.
#include <cstddef>
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

}  // namespace ipmap
