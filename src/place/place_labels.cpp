// place_labels: greedy in (priority, id) order; each label takes its first candidate box
// inside `printable` that overlaps no box of the sheet's HardBoxIndex (keep-outs, labels
// placed before, labels accepted before it) and goes into that index. Required labels
// fall back to their first candidate.
#include <algorithm>

#include "place/place_callouts.hpp"

namespace ipmap::place {

LabelPlacement place_labels(const std::vector<LabelRequest>& requests, const PlacementContext& context,
                            HardBoxIndex& hard) {
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

    auto fits = [&](const Box& b) { return !b.empty() && context.printable.contains(b) && !hard.overlaps(b); };
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
        if (pick >= 0) hard.insert(cands[pick]);
    }
    return out;
}

LabelPlacement place_labels(const std::vector<LabelRequest>& requests, const PlacementContext& context) {
    HardBoxIndex hard(context);
    return place_labels(requests, context, hard);
}

}  // namespace ipmap::place
