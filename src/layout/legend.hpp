#pragma once
// A legend generated from what the sheet actually shows.
#include <set>
#include <string>
#include <vector>

#include "config/style_sheet.hpp"
#include "core/scene.hpp"

namespace ipmap {

/// The style keys a sheet used, collected while drawing works.
struct LegendUse {
    std::set<Owner> owners;
    std::set<Status> statuses;
    std::set<GeometryKind> kinds;
    std::set<std::string> point_categories;  ///< categories drawn as point symbols
    bool callouts = false;
    bool listed = false;
    bool projects = false;                   ///< ①②③ marks appear in callouts
    bool municipal_boundaries = true;
};

struct Legend {
    double width_mm = 0, height_mm = 0;
    /// Appends the legend with its top-left corner at `origin`.
    void draw(XY origin, std::vector<SceneItem>& out) const;

    struct Row {
        std::string label;
        std::vector<SceneItem> swatch;  ///< relative to the row's swatch origin (0,0) = top-left
        bool heading = false;
        double height_mm = 0;
    };
    std::vector<Row> rows;
    TextStyle heading_style, text_style;
    double swatch_w = 11, pad = 2.5;
};

Legend build_legend(const LegendUse& use, const StyleSheet& style, const std::string& fiscal_year_label);

}  // namespace ipmap
