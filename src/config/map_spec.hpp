#pragma once
// A map file (maps/*.toml): the sheet, its layers, style and callouts, as plain data.
#include <optional>
#include <string>
#include <vector>

#include "classify/fiscal_year.hpp"
#include "config/layer_spec.hpp"
#include "config/style_sheet.hpp"
#include "core/geometry.hpp"

namespace ipmap {

struct PageSpec {
    std::string size = "A3";        ///< A0..A4
    bool landscape = true;
    double width_mm = 420, height_mm = 297;
    double margin_top_mm = 10, margin_right_mm = 10, margin_bottom_mm = 10, margin_left_mm = 10;
};

struct ExtentSpec {
    std::string layer;              ///< fit to this layer's features (default: municipality layer)
    std::string filter;             ///< only features whose attr matches "field=value"
    double padding_percent = 3;
    std::optional<Box> bbox;        ///< explicit extent instead, in bbox_crs
    std::string bbox_crs = "EPSG:6668";
};

/// The map's [callout] table; its selection (`show`) is the default for every works layer.
struct CalloutSpec : CalloutSelection {
    std::string template_text = "{name}[\n{start_fy}着手][、{fiscal_year}{status}][（進捗率{progress}％）][\n{fy_work}]";
    double max_width_mm = 60;
    double too_small_mm = 1.5;
    bool bracket_all_municipalities = false;  ///< several municipalities: a leader to each (where clear)
};

struct InsetSpec {
    bool enabled = true;
    std::string layer;              ///< layer id drawn in the inset (e.g. Hokkaido outline)
    std::string corner = "top-left";
    double width_mm = 72, height_mm = 56;
};

struct LegendSpec {
    std::string corner = "bottom-left";
};

struct AtlasSpec {
    std::string layer;              ///< coverage layer id (default: municipality layer)
    std::string id_field = "code";
    std::string name_field = "name";
    double padding_percent = 12;
    std::string title = "{name}　インフラ整備進捗図";
};

struct MapSpec {
    std::string file;               ///< the map .toml
    std::string name = "map";       ///< output file stem
    std::string title;
    std::string subtitle;           ///< template: {fiscal_year}
    std::string source_note = "出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成";
    std::string credits;
    std::optional<int> fiscal_year;
    WarekiOptions wareki;
    std::string crs = "EPSG:6679";  ///< or "auto" (atlas: plane rectangular zone per sheet)
    PageSpec page;
    ExtentSpec extent;
    std::vector<LayerSpec> layers;  ///< draw order, bottom first
    std::string municipality_layer; ///< layer whose features anchor works by code and are labelled
    InsetSpec inset;
    LegendSpec legend;
    CalloutSpec callout;
    AtlasSpec atlas;
    StyleSheet style;

    const LayerSpec* find_layer(const std::string& id) const {
        for (const auto& l : layers) if (l.id == id) return &l;
        return nullptr;
    }
};

/// Loads a map file and the layer and style files it names (paths relative to the
/// file that names them). Throws ConfigError naming file, line and key.
MapSpec load_map(const std::string& path);

/// Loads one layer definition. Throws ConfigError.
LayerSpec load_layer_spec(const std::string& path);

/// Loads a style file. Throws ConfigError.
StyleSheet load_style(const std::string& path);

/// Page size in mm for "A0".."A4" (portrait); throws std::invalid_argument otherwise.
std::pair<double, double> paper_size_mm(const std::string& name);

}  // namespace ipmap
