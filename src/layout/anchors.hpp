#pragma once
// Where on a feature a label or a callout leader attaches (page millimetres).
#include <vector>

#include "core/geometry.hpp"

namespace ipmap {

/// Centre of the largest circle inside the largest polygon part within `clip` (GEOS
/// MaximumInscribedCircle: the pole of inaccessibility); an empty vector when no part
/// is inside `clip`. One entry per polygon part, largest first, at most `max_parts`.
/// Boxes in `exclude` are cut out of the polygons first (e.g. panels over the map).
std::vector<XY> polygon_anchors(const std::vector<Polygon>& polygons, const Box& clip, std::size_t max_parts = 3,
                                const std::vector<Box>& exclude = {});

/// Points at 1/2, 1/4 and 3/4 of the length of the longest run of each line inside `clip`
/// (longest line first). Empty when no line enters `clip`.
std::vector<XY> line_anchors(const std::vector<Path>& lines, const Box& clip, std::size_t max_points = 4);

/// All anchors of a geometry inside `clip`: points, then lines, then polygons.
std::vector<XY> geometry_anchors(const Geometry& g, const Box& clip);

/// The parts of a polygon inside `box` (GEOS ClipByRect): what a sheet draws of a large
/// neighbouring municipality, so the PDF holds only what can be seen.
std::vector<Polygon> clip_polygon(const Polygon& polygon, const Box& box);

/// The runs of a line inside `box`.
std::vector<Path> clip_path(const Path& line, const Box& box);

/// Area of `polygons` inside `box` (mm² on the page).
double covered_area(const std::vector<Polygon>& polygons, const Box& box);

/// Length of `lines` inside `clip` (Liang-Barsky clipping per segment).
double clipped_length(const std::vector<Path>& lines, const Box& clip);

}  // namespace ipmap
