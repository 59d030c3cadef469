#pragma once
// Numbered list markers (tier 3): a callout that found no room on the map is drawn as a
// small numbered circle at its anchor, its text in the list panel. The markers are laid out
// after placement, against what placement left on the page, so that no marker hides another
// marker, a balloon, a label or a panel, and no leader runs through a marker's number.
#include <vector>

#include "core/geometry.hpp"

namespace ipmap {

/// What is already on the page, in page millimetres.
struct MarkerObstacles {
    Box frame;                  ///< markers stay inside the map's neatline
    std::vector<Box> balloons;  ///< placed callout balloons
    std::vector<Box> labels;    ///< municipality and work-name labels
    std::vector<Box> keep_out;  ///< title, legend, scale bar, inset, list panel, footer
    std::vector<Path> leaders;  ///< callout leaders (polylines)
};

struct MarkerOptions {
    double diameter_mm = 3.4;   ///< the circle drawn for a marker
    double clearance_mm = 0.3;  ///< free space kept around a marker
    double step_mm = 0.25;      ///< search grid: ring spacing and spacing along a ring
    double max_shift_mm = 8.0;  ///< how far a marker may move from its anchor
};

/// One marker to lay out: its list number and its callout's anchor, and other spots it may
/// point from instead, in order, where nothing is free within max_shift_mm of the anchor
/// (the other sides of a municipality's name, for a work without geometry).
struct MarkerRequest {
    int number = 0;
    XY anchor;
    std::vector<XY> alternatives;
};

struct ListMarker {
    int number = 0;
    XY anchor;           ///< the callout's anchor (or the alternative it points from)
    XY at;               ///< centre of the drawn circle
    bool moved = false;  ///< `at` is off the anchor: a tick joins the circle to the anchor
    bool conflict = false;  ///< no free spot within max_shift_mm: kept at the anchor (a warning)

    /// The tick drawn for a moved marker: anchor → the circle's edge. Empty when not moved.
    Path tick(double radius_mm) const;
};

/// Where the marker of a work without geometry may point at its municipality's placed name
/// `name`: the spots beside it (anchors_beside_label: `offset` mm below, above, right, left,
/// inside `polygons` and `clip`) that no panel or label holds, the ones with the most room
/// first — room being the distance to the nearest balloon, leader, other label or panel,
/// counted in steps of 0.5 mm (at most 100 mm) so that near-equal sides keep that order.
std::vector<XY> sides_of_name_by_room(const Box& name, double offset, const std::vector<Polygon>& polygons,
                                      const Box& clip, const MarkerObstacles& obstacles);

/// Lays the markers out in request order (give them in list-number order for a stable
/// result): each at its anchor when that spot is free, else at the nearest free spot on
/// rings of `step_mm` around it — clear of the obstacles, of the markers and ticks laid out
/// before it, of the other requests' anchors (a marker must not hide where another one
/// points) — with a tick from the anchor that runs through no balloon, label, panel or
/// other marker. When nothing is free within `max_shift_mm` of the anchor, the request's
/// alternatives are tried in turn; when nothing is free near any, the marker stays at its anchor
/// with `conflict` set. Pure and deterministic.
std::vector<ListMarker> layout_list_markers(const std::vector<MarkerRequest>& requests, const MarkerObstacles& obstacles,
                                            const MarkerOptions& options = {});

/// Measured from the geometry alone (markers' circles, ticks and the obstacles).
struct MarkerAudit {
    int markers = 0;
    int moved = 0;
    int same_point = 0;          ///< markers whose centre another marker shares
    int overlapping_pairs = 0;   ///< pairs of circles that overlap
    int on_balloons = 0;         ///< markers whose circle touches a balloon
    int crossed_by_leaders = 0;  ///< markers a leader (or another marker's tick) runs through
    int on_labels = 0;           ///< markers whose circle touches a label
    int on_keep_out = 0;         ///< markers under a panel or outside the frame
    int conflicts() const { return overlapping_pairs + on_balloons + crossed_by_leaders + on_labels + on_keep_out; }
};

MarkerAudit audit_list_markers(const std::vector<ListMarker>& markers, const MarkerObstacles& obstacles,
                               const MarkerOptions& options = {});

}  // namespace ipmap
