#pragma once
// Composes one sheet: map, works, labels, callouts, legend and furniture, as a Scene.
#include <vector>

#include "core/diagnostics.hpp"
#include "core/scene.hpp"
#include "layout/list_markers.hpp"
#include "layout/page_frame.hpp"
#include "layout/sheet_input.hpp"
#include "place/callout_types.hpp"

namespace ipmap {

struct SheetLayout {
    Scene scene;
    std::vector<Scene> continuation_pages;    ///< the numbered list's overflow (PDF pages 2.., STEM-2.png ..)
    std::vector<WorkFate> fates;              ///< one per input work, in input order
    std::vector<std::string> callout_ids;     ///< ids of works with a callout, request order
    std::vector<std::vector<XY>> callout_anchors;  ///< per callout, the anchors offered to the
                                              ///< engine, preferred (most free space) first
    place::PlacementResult placement;         ///< callouts, same order as callout_ids; stats.solve_ms
                                              ///< is the total of every solve the sheet needed
    place::PlacementOptions placement_options;  ///< as passed to the engine ([callout.weights])
    std::vector<Box> soft_boxes;              ///< what the final solve was asked not to cover
    std::vector<double> solve_ms;             ///< each callout solve (more than one when a list panel
                                              ///< is reserved); placement.stats.solve_ms is their sum
    PaperTransform transform;
    int labels_placed = 0;
    int labels_moved_to_callouts = 0;
    std::vector<ListMarker> markers;          ///< numbered markers of the listed callouts, by number
    MarkerAudit marker_audit;                 ///< the markers measured against the final page
    double marker_radius_mm = MarkerOptions{}.diameter_mm / 2;  ///< radius of the markers' circles
    std::vector<Diagnostic> warnings;         ///< e.g. a marker that found no free spot
};

/// Pure function of its input (deterministic); thread-safe.
SheetLayout compose_sheet(const SheetInput& input);

}  // namespace ipmap
