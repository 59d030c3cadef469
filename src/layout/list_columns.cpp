#include "layout/list_columns.hpp"

#include <algorithm>

namespace ipmap {

ListColumns pack_list(const std::vector<double>& heights, double max_height, int max_columns, double gap) {
    ListColumns out;
    double y = 0;
    for (std::size_t i = 0; i < heights.size(); ++i) {
        double h = heights[i];
        bool fits = !out.columns.empty() && (out.columns.back().empty() || y + h <= max_height);
        if (!fits) {
            if (static_cast<int>(out.columns.size()) >= max_columns) {
                for (std::size_t k = i; k < heights.size(); ++k) out.overflow.push_back(k);
                break;
            }
            out.columns.emplace_back();
            y = 0;
        }
        out.columns.back().push_back(i);
        y += h + gap;
        out.height_mm = std::max(out.height_mm, y - gap);
    }
    return out;
}

}  // namespace ipmap
