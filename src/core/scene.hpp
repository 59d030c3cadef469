#pragma once
// A sheet as drawing primitives in page millimetres (origin top-left, y down).
// The layout stage builds it; the render stage draws it with Cairo/Pango and knows
// nothing of works, styles or projections.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/geometry.hpp"

namespace ipmap {

struct Rgba {
    double r = 0, g = 0, b = 0, a = 1;
    friend bool operator==(const Rgba&, const Rgba&) = default;
};

struct Stroke {
    Rgba color;
    double width_mm = 0.25;
    std::vector<double> dash_mm;  ///< on/off lengths; empty = solid
    bool round = true;            ///< round caps and joins (else butt/miter)
};

enum class FillPattern { Solid, Hatch, CrossHatch, Dots };

struct Fill {
    Rgba color;
    FillPattern pattern = FillPattern::Solid;
    double spacing_mm = 1.5;     ///< hatch / dot spacing
    double line_width_mm = 0.3;  ///< hatch line width or dot radius
    double angle_deg = 45;       ///< hatch angle
};

/// Lines (closed=false) or polygons (closed=true; rings filled even-odd).
struct PathItem {
    std::vector<Path> parts;
    bool closed = false;
    std::optional<Fill> fill;
    std::vector<Stroke> strokes;  ///< painted in order: casing first, then core
};

/// Point symbols; each category of work can have its own (see styles/*.toml).
enum class SymbolShape { Circle, Square, Triangle, Diamond, Star, Cross, TriangleDown, Pentagon, Hexagon, Saltire };

struct SymbolItem {
    XY at;
    SymbolShape shape = SymbolShape::Circle;
    double size_mm = 3;             ///< outer diameter / side
    std::optional<Fill> fill;       ///< none = hollow
    std::optional<Stroke> stroke;
};

enum class HAlign { Left, Center, Right };
enum class VAlign { Top, Middle, Bottom };

struct TextStyle {
    std::string font = "Noto Sans, Noto Sans CJK JP";  ///< Pango family list
    double size_pt = 8;
    bool bold = false;
    Rgba color;
    std::optional<Rgba> halo;  ///< outline around glyphs for legibility on the map
    double halo_mm = 0.5;
    double line_spacing = 1.0; ///< Pango line-spacing factor (1.0 = font default)
};

/// Text laid out by Pango. With max_width_mm > 0 it wraps (Unicode line breaking,
/// which keeps 、。）」 off the start of a line); `at` is the anchor given by halign/valign
/// of the text block's bounding box.
struct TextItem {
    std::string text;
    XY at;
    HAlign halign = HAlign::Left;
    VAlign valign = VAlign::Top;
    double max_width_mm = 0;
    TextStyle style;
};

/// Restricts following items to a rectangle until the matching ClipEnd.
struct ClipBegin { Box box; };
struct ClipEnd {};

using SceneItem = std::variant<PathItem, SymbolItem, TextItem, ClipBegin, ClipEnd>;

struct Scene {
    double width_mm = 420;
    double height_mm = 297;
    Rgba paper{1, 1, 1, 1};
    std::string title;  ///< PDF metadata title
    std::vector<SceneItem> items;  ///< painter's order
};

}  // namespace ipmap
