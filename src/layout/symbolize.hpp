#pragma once
// Features and works as scene items, with their resolved styles (page millimetres).
#include <vector>

#include "config/style_sheet.hpp"
#include "core/scene.hpp"

namespace ipmap {

/// Items for a base-map feature of a style class (fill and outline).
void symbolize_feature(const Geometry& page_geometry, const ClassStyle& style, std::vector<SceneItem>& out);

/// Items for a work: polygons (fill pattern + outline), lines (casing + dashed core),
/// points (symbol; hollow / centre dot by status). `force_symbol_at` draws the work as a
/// point symbol there instead (a work too small to see at the sheet's scale).
void symbolize_work(const Geometry& page_geometry, const WorkStyle& style, std::vector<SceneItem>& out);

/// A point symbol of a work style at `at` (also used by the legend).
void symbol_items(XY at, const WorkStyle& style, std::vector<SceneItem>& out);

/// The kind used for styling: the highest dimension present.
GeometryKind geometry_kind(const Geometry& g);

}  // namespace ipmap
