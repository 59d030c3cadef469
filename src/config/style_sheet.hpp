#pragma once
// Cartography from styles/*.toml, resolved to drawing properties.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/scene.hpp"
#include "core/work.hpp"

namespace ipmap {

/// Style of a base-map class (context land, municipalities, inset land, ...).
struct ClassStyle {
    std::optional<Fill> fill;
    std::optional<Stroke> stroke;
    std::string label_field;  ///< canonical field to label with; empty = no labels
    TextStyle label;
};

/// Work style properties; every one optional so that layers of rules can override.
struct WorkStyleProps {
    std::optional<Rgba> color;
    std::optional<double> line_width_mm;
    std::optional<std::vector<double>> dash_mm;
    std::optional<Rgba> casing_color;
    std::optional<double> casing_width_mm;  ///< extra width on each side
    std::optional<std::string> fill_pattern; ///< solid, hatch, crosshatch, dots, none
    std::optional<double> fill_opacity;
    std::optional<SymbolShape> symbol;
    std::optional<double> symbol_size_mm;
    std::optional<bool> symbol_hollow;
    std::optional<bool> symbol_dot;          ///< centre dot (◉): tells in-progress apart in B/W
    std::optional<std::string> label;        ///< legend text for this key (owner/status/category)
};

/// A data-driven rule: applies its props when every `when` entry matches.
/// Keys: owner (national/hokkaido/other or 国/道), status (completed/in_progress/planned
/// or 完成/事業中/未着手), category, geometry (point/line/polygon/none), or a source column.
/// `callout = true/false` in a rule forces or suppresses a callout for the works it
/// matches; it wins over the works layer's and the map's [callout] show (the last matching
/// rule that sets it decides). Works without geometry keep their callout whatever a rule
/// says: it is the only way they are shown.
struct StyleRule {
    std::map<std::string, std::string> when;
    WorkStyleProps props;
    std::optional<bool> callout;
    int line = 0;
};

/// Fully resolved style of one work.
struct WorkStyle {
    Rgba color;
    double line_width_mm = 1.0;
    std::vector<double> dash_mm;
    std::optional<Rgba> casing_color;
    double casing_width_mm = 0;
    std::string fill_pattern = "solid";
    double fill_opacity = 0.5;
    SymbolShape symbol = SymbolShape::Circle;
    double symbol_size_mm = 3.0;
    bool symbol_hollow = false;
    bool symbol_dot = false;
};

enum class GeometryKind { None, Point, Line, Polygon };

struct StyleSheet {
    std::string file;
    std::string font = "Noto Sans, Noto Sans CJK JP";  ///< Pango family list (see styles/progress.toml)
    Rgba paper{1, 1, 1, 1};
    Rgba sea{0.85, 0.92, 0.96, 1};
    Rgba frame{0.2, 0.2, 0.2, 1};
    std::map<std::string, ClassStyle> classes;

    WorkStyleProps defaults;
    std::map<std::string, WorkStyleProps> by_owner;     ///< national / hokkaido / other
    std::map<std::string, WorkStyleProps> by_status;    ///< completed / in_progress / planned
    std::map<std::string, WorkStyleProps> by_category;  ///< 道路, 河川, ...
    std::vector<StyleRule> rules;

    TextStyle title, subtitle, work_label, callout_text, legend_title, legend_text, note_text;
    Rgba callout_fill{1, 1, 1, 0.95};
    Rgba callout_border{0.25, 0.25, 0.25, 1};
    double callout_border_mm = 0.25;
    double callout_padding_mm = 1.2;
    Rgba leader_color{0.25, 0.25, 0.25, 1};
    double leader_width_mm = 0.25;
    /// Placement cost weights by name ([callout.weights]: cover_features, cover_feature_area, cover_land,
    /// cover_focus, cover_soft, leader_length, anchor_distance, leader_angle).
    std::map<std::string, double> callout_weights;

    /// Applies defaults, owner, status, category, then rules in file order.
    WorkStyle resolve(const Work& work, Status status, GeometryKind kind) const;

    /// The last rule in file order that matches and sets `callout`; nullptr when none does.
    const StyleRule* callout_rule(const Work& work, Status status, GeometryKind kind) const;

    /// Legend label for an owner / status key, from the props' `label`, else a default.
    std::string owner_label(Owner owner) const;
    std::string status_label(Status status) const;
};

/// Parses "#rrggbb", "#rrggbbaa" or "#rgb". Throws std::invalid_argument.
Rgba parse_color(const std::string& text);
/// Parses circle, square, triangle, triangle_down, diamond, pentagon, hexagon, star, cross,
/// saltire. Throws std::invalid_argument.
SymbolShape parse_symbol(const std::string& text);

}  // namespace ipmap
