// place_labels: greedy in (priority, id) order; each label takes its first candidate box
// inside `printable` that overlaps no keep_out box, no already placed label and no label
// accepted before it. Required labels fall back to their first candidate.
#include <algorithm>
#include <cstdint>

#include "place/grid_index.hpp"
#include "place/place_callouts.hpp"

namespace ipmap::place {

LabelPlacement place_labels(const std::vector<LabelRequest>& requests, const PlacementContext& context) {
    const int n = static_cast<int>(requests.size());
    LabelPlacement out;
    out.chosen.assign(n, -1);

    std::vector<int> order(n);
    for (int i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        if (requests[a].priority != requests[b].priority) return requests[a].priority < requests[b].priority;
        if (requests[a].id != requests[b].id) return requests[a].id < requests[b].id;
        return a < b;
    });

    // Obstacles (keep_out, existing labels) and accepted labels share one grid; entries are
    // indices into `boxes`.
    std::vector<Box> boxes;
    Box extent = context.page;
    extent.expand(context.printable);
    double dim = 0;
    int cnt = 0;
    for (const auto& r : requests)
        for (const auto& b : r.candidates)
            if (!b.empty()) {
                extent.expand(b);
                dim += b.width() + b.height();
                ++cnt;
            }
    detail::GridIndex grid(extent, std::clamp(cnt ? dim / cnt : 10.0, 2.0, 50.0));
    auto add = [&](const Box& b) {
        grid.insert_box(static_cast<int>(boxes.size()), b);
        boxes.push_back(b);
    };
    for (const auto* list : {&context.keep_out, &context.labels})
        for (const Box& b : *list)
            if (!b.empty()) add(b);

    auto fits = [&](const Box& b) {
        if (b.empty() || !context.printable.contains(b)) return false;
        return grid.query(b, [&](int k) { return !boxes[k].overlaps(b); });
    };
    for (int r : order) {
        const auto& cands = requests[r].candidates;
        int pick = -1;
        for (int k = 0; k < static_cast<int>(cands.size()); ++k)
            if (fits(cands[k])) {
                pick = k;
                break;
            }
        if (pick < 0 && requests[r].required && !cands.empty()) pick = 0;
        out.chosen[r] = pick;
        if (pick >= 0 && !cands[pick].empty()) add(cands[pick]);
    }
    return out;
}

}  // namespace ipmap::place
