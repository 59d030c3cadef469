#pragma once
// Map furniture: title, scale bar, north arrow, inset, source line (page millimetres).
#include <string>
#include <vector>

#include "config/style_sheet.hpp"
#include "core/scene.hpp"
#include "layout/page_frame.hpp"

namespace ipmap {

/// A scale bar for a map in metres: a nice length (1, 2, 2.5, 5 × 10^k m) no longer than
/// max_width_mm, in 4 alternating segments. Returns its box; appends items.
Box scale_bar(XY bottom_left, const PaperTransform& t, double max_width_mm, const StyleSheet& style,
              std::vector<SceneItem>& out);

/// The length in metres a scale bar shows for `mm_per_metre` and `max_width_mm`.
double nice_scale_length_m(double mm_per_metre, double max_width_mm);

/// A north arrow pointing at true north (`rotation_deg` clockwise from page up).
Box north_arrow(XY center, double height_mm, double rotation_deg, const StyleSheet& style, std::vector<SceneItem>& out);

/// The overview inset: `land` (map CRS) fitted into `box`, the sheet extent outlined in red.
void inset_map(const Box& box, const std::vector<Polygon>& land, const Box& land_extent, const Box& sheet_extent,
               const StyleSheet& style, const ClassStyle& land_style, std::vector<SceneItem>& out);

/// A white panel with a thin frame (legend, inset, list background).
void panel(const Box& box, std::vector<SceneItem>& out, double frame_mm = 0.3);

/// Box in a corner of `frame`, inset by `gap_mm`.
Box corner_box(const Box& frame, const std::string& corner, double w, double h, double gap_mm);

}  // namespace ipmap
