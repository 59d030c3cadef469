#pragma once
#include "place/callout_types.hpp"

namespace ipmap::place {

/// Places every request: in the map near its anchor, else in a margin stack, else in the
/// numbered list. Hard constraints: inside `printable`, clear of keep_out and labels,
/// no balloon overlaps another, no leader crosses another leader or passes through a
/// balloon or label. Deterministic. Thread-safe (no shared state).
PlacementResult place_callouts(const std::vector<CalloutRequest>& requests,
                               const PlacementContext& context,
                               const PlacementOptions& options = {});

/// Greedy label placement in priority order against the same obstacles.
LabelPlacement place_labels(const std::vector<LabelRequest>& requests,
                            const PlacementContext& context);

/// Counts overlaps between boxes and crossings between leaders / leaders through boxes,
/// from the geometry alone (used by tests and the report).
PlacementStats audit(const std::vector<PlacedCallout>& callouts, const PlacementContext& context);

}  // namespace ipmap::place
