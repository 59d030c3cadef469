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

ListColumns pack_list_within(const std::vector<double>& heights, double max_height, int max_columns, double gap,
                             const std::function<double(const ListColumns&)>& hidden_under, double tolerance) {
    constexpr double kStepMm = 1;
    const ListColumns first = pack_list(heights, max_height, max_columns, gap);
    if (hidden_under(first) <= tolerance) return first;
    std::size_t last_overflow = first.overflow.size();
    for (double h = first.height_mm - kStepMm; h > 0; h -= kStepMm) {
        ListColumns lc = pack_list(heights, h, max_columns, gap);
        if (lc.columns.empty() || lc.columns.front().empty()) break;
        if (lc.overflow.size() == last_overflow) continue;  // the same entries as the last try
        last_overflow = lc.overflow.size();
        if (hidden_under(lc) <= tolerance) return lc;
        if (lc.columns.size() == static_cast<std::size_t>(max_columns) &&
            std::all_of(lc.columns.begin(), lc.columns.end(), [](const auto& c) { return c.size() <= 1; }))
            break;  // one entry a column and still over the tolerance
    }
    return first;
}

}  // namespace ipmap
