#include "layout/symbolize.hpp"

namespace ipmap {

namespace {

Rgba with_alpha(Rgba c, double a) {
    c.a = a;
    return c;
}

Rgba darker(Rgba c, double f) { return Rgba{c.r * f, c.g * f, c.b * f, c.a}; }

}  // namespace

GeometryKind geometry_kind(const Geometry& g) {
    if (!g.polygons.empty()) return GeometryKind::Polygon;
    if (!g.lines.empty()) return GeometryKind::Line;
    if (!g.points.empty()) return GeometryKind::Point;
    return GeometryKind::None;
}

void symbolize_feature(const Geometry& g, const ClassStyle& style, std::vector<SceneItem>& out) {
    if (!g.polygons.empty()) {
        PathItem item;
        item.closed = true;
        for (const auto& poly : g.polygons)
            for (const auto& r : poly.rings) item.parts.push_back(r);
        item.fill = style.fill;
        if (style.stroke) item.strokes.push_back(*style.stroke);
        out.emplace_back(std::move(item));
    }
    if (!g.lines.empty() && style.stroke) {
        PathItem item;
        item.parts = g.lines;
        item.strokes.push_back(*style.stroke);
        out.emplace_back(std::move(item));
    }
}

void symbol_items(XY at, const WorkStyle& style, std::vector<SceneItem>& out) {
    SymbolItem s;
    s.at = at;
    s.shape = style.symbol;
    s.size_mm = style.symbol_size_mm;
    Stroke outline{style.casing_color ? *style.casing_color : darker(style.color, 0.6), 0.3, {}, false};
    if (style.symbol_hollow) {
        s.fill = Fill{Rgba{1, 1, 1, 1}};
        outline.color = style.color;
        outline.width_mm = style.symbol_size_mm * 0.16;
    } else {
        s.fill = Fill{style.color};
    }
    s.stroke = outline;
    out.emplace_back(s);
    if (style.symbol_dot) {
        SymbolItem dot;
        dot.at = at;
        dot.shape = SymbolShape::Circle;
        dot.size_mm = style.symbol_size_mm * 0.32;
        dot.fill = Fill{style.color};
        out.emplace_back(dot);
    }
}

void symbolize_work(const Geometry& g, const WorkStyle& style, std::vector<SceneItem>& out) {
    for (const auto& poly : g.polygons) {
        PathItem item;
        item.closed = true;
        item.parts = poly.rings;
        if (style.fill_pattern != "none") {
            Fill f{with_alpha(style.color, style.fill_opacity)};
            if (style.fill_pattern == "hatch") {
                f = Fill{with_alpha(style.color, 0.9), FillPattern::Hatch, 1.2, 0.3, 45};
            } else if (style.fill_pattern == "crosshatch") {
                f = Fill{with_alpha(style.color, 0.9), FillPattern::CrossHatch, 1.4, 0.25, 45};
            } else if (style.fill_pattern == "dots") {
                f = Fill{with_alpha(style.color, 0.9), FillPattern::Dots, 1.2, 0.25, 0};
            }
            item.fill = f;
        }
        item.strokes.push_back(Stroke{style.color, std::max(0.35, style.line_width_mm * 0.45), style.dash_mm, false});
        out.emplace_back(std::move(item));
    }
    if (!g.lines.empty()) {
        if (style.casing_color && style.casing_width_mm > 0) {
            PathItem casing;
            casing.parts = g.lines;
            casing.strokes.push_back(Stroke{*style.casing_color, style.line_width_mm + 2 * style.casing_width_mm, style.dash_mm, false});
            out.emplace_back(std::move(casing));
        }
        PathItem core;
        core.parts = g.lines;
        core.strokes.push_back(Stroke{style.color, style.line_width_mm, style.dash_mm, false});
        out.emplace_back(std::move(core));
    }
    for (const auto& p : g.points) symbol_items(p, style, out);
}

}  // namespace ipmap
