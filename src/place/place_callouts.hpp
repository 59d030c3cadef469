#pragma once
#include "place/callout_types.hpp"
#include "place/hard_box_index.hpp"

namespace ipmap::place {

/// Places every request: in the map near its anchor, else in a margin stack, else in the
/// numbered list. Hard constraints: inside `printable`, clear of the boxes in `hard`
/// (keep-outs and labels), no balloon overlaps another, no leader crosses another leader
/// or passes through a balloon or hard box. `hard` is the sheet's collision index, the
/// one the labels were placed with (place_labels below); the final audit checks against
/// context.keep_out and context.labels, so those list the same boxes. Deterministic.
/// Thread-safe (no shared state; `hard` is only read).
PlacementResult place_callouts(const std::vector<CalloutRequest>& requests,
                               const PlacementContext& context, const HardBoxIndex& hard,
                               const PlacementOptions& options = {});

/// The same, against a HardBoxIndex built from context.keep_out and context.labels.
PlacementResult place_callouts(const std::vector<CalloutRequest>& requests,
                               const PlacementContext& context,
                               const PlacementOptions& options = {});

/// Greedy label placement in priority order: each label takes its first candidate inside
/// `printable` that overlaps no box in `hard`, which then holds it too.
LabelPlacement place_labels(const std::vector<LabelRequest>& requests,
                            const PlacementContext& context, HardBoxIndex& hard);

/// The same, against a HardBoxIndex built from context.keep_out and context.labels.
LabelPlacement place_labels(const std::vector<LabelRequest>& requests,
                            const PlacementContext& context);

/// Counts overlaps between boxes and crossings between leaders / leaders through boxes,
/// from the geometry alone (used by tests and the report).
PlacementStats audit(const std::vector<PlacedCallout>& callouts, const PlacementContext& context);

}  // namespace ipmap::place
