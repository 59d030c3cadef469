#include "render/draw_items.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <type_traits>
#include <variant>

#include <pango/pangocairo.h>

#include "text/pango_layout.hpp"

namespace ipmap::render_detail {
namespace {

// Guards against absurd patterns (e.g. spacing 1e-6 mm over a whole sheet): beyond these
// counts a patterned fill degrades to a solid one instead of emitting millions of paths.
constexpr double kMaxHatchLines = 100000;
constexpr double kMaxDots = 1000000;

void set_source(cairo_t* cr, const Rgba& c) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a); }

bool finite(XY p) { return std::isfinite(p.x) && std::isfinite(p.y); }

/// The region a patterned fill must cover: the path's fill extents within the clip.
bool pattern_extents(cairo_t* cr, double& x0, double& y0, double& x1, double& y1) {
    cairo_fill_extents(cr, &x0, &y0, &x1, &y1);
    double cx0, cy0, cx1, cy1;
    cairo_clip_extents(cr, &cx0, &cy0, &cx1, &cy1);
    x0 = std::max(x0, cx0); y0 = std::max(y0, cy0);
    x1 = std::min(x1, cx1); y1 = std::min(y1, cy1);
    return x0 < x1 && y0 < y1;
}

/// Parallel lines at `angle_deg` (counter-clockwise on paper from the +x axis), `spacing`
/// apart, anchored at the page origin so hatches of neighbouring polygons line up.
/// Returns false when the count would exceed kMaxHatchLines.
bool add_hatch_lines(cairo_t* cr, double angle_deg, double spacing, double x0, double y0,
                     double x1, double y1) {
    const double a = angle_deg * std::numbers::pi / 180.0;
    const double dx = std::cos(a), dy = -std::sin(a);  // along the line (y grows down)
    const double nx = -dy, ny = dx;                     // normal
    double dmin = INFINITY, dmax = -INFINITY, tmin = INFINITY, tmax = -INFINITY;
    for (double px : {x0, x1}) {
        for (double py : {y0, y1}) {
            const double d = px * nx + py * ny, t = px * dx + py * dy;
            dmin = std::min(dmin, d); dmax = std::max(dmax, d);
            tmin = std::min(tmin, t); tmax = std::max(tmax, t);
        }
    }
    const double kmin = std::ceil(dmin / spacing), kmax = std::floor(dmax / spacing);
    if (kmax - kmin > kMaxHatchLines) return false;
    for (double k = kmin; k <= kmax; k += 1) {
        const double d = k * spacing;
        cairo_move_to(cr, nx * d + dx * tmin, ny * d + dy * tmin);
        cairo_line_to(cr, nx * d + dx * tmax, ny * d + dy * tmax);
    }
    return true;
}

/// Draws the pattern of `fill` inside the current clip. Returns false to ask for a solid fill.
bool paint_pattern(cairo_t* cr, const Fill& fill, double x0, double y0, double x1, double y1) {
    const double s = fill.spacing_mm;
    const double w = fill.line_width_mm;
    if (!(std::isfinite(s) && s > 0 && std::isfinite(w) && w > 0 && std::isfinite(fill.angle_deg)))
        return false;
    cairo_new_path(cr);
    if (fill.pattern == FillPattern::Dots) {
        const double imin = std::ceil((x0 - w) / s), imax = std::floor((x1 + w) / s);
        const double jmin = std::ceil((y0 - w) / s), jmax = std::floor((y1 + w) / s);
        if ((imax - imin + 1) * (jmax - jmin + 1) > kMaxDots) return false;
        for (double j = jmin; j <= jmax; j += 1) {
            for (double i = imin; i <= imax; i += 1) {
                cairo_new_sub_path(cr);
                cairo_arc(cr, i * s, j * s, w, 0, 2 * std::numbers::pi);
            }
        }
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
        cairo_fill(cr);
        return true;
    }
    // Lines run past the extents by their width so butt ends never show inside the clip.
    x0 -= w; y0 -= w; x1 += w; y1 += w;
    if (!add_hatch_lines(cr, fill.angle_deg, s, x0, y0, x1, y1)) return false;
    if (fill.pattern == FillPattern::CrossHatch &&
        !add_hatch_lines(cr, fill.angle_deg + 90, s, x0, y0, x1, y1))
        return false;
    cairo_set_line_width(cr, w);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_dash(cr, nullptr, 0, 0);
    cairo_stroke(cr);
    return true;
}

void apply_stroke(cairo_t* cr, const Stroke& st) {
    if (!(std::isfinite(st.width_mm) && st.width_mm > 0)) return;
    set_source(cr, st.color);
    cairo_set_line_width(cr, st.width_mm);
    cairo_set_line_cap(cr, st.round ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr, st.round ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER);
    // cairo puts the context in an error state for negative or all-zero dashes: draw solid.
    bool dash_ok = !st.dash_mm.empty();
    double total = 0;
    for (double d : st.dash_mm) {
        if (!(std::isfinite(d) && d >= 0)) dash_ok = false;
        else total += d;
    }
    if (dash_ok && total > 0)
        cairo_set_dash(cr, st.dash_mm.data(), static_cast<int>(st.dash_mm.size()), 0);
    else
        cairo_set_dash(cr, nullptr, 0, 0);
    cairo_stroke_preserve(cr);
}

void symbol_path(cairo_t* cr, SymbolShape shape, double cx, double cy, double s) {
    const double r = s / 2;
    const double pi = std::numbers::pi;
    switch (shape) {
        case SymbolShape::Circle:
            cairo_new_sub_path(cr);
            cairo_arc(cr, cx, cy, r, 0, 2 * pi);
            break;
        case SymbolShape::Square:
            cairo_rectangle(cr, cx - r, cy - r, s, s);
            break;
        case SymbolShape::Triangle: {
            // Equilateral with side s, apex up, centred on its centroid.
            const double h = s * std::sqrt(3.0) / 2;
            cairo_move_to(cr, cx, cy - 2 * h / 3);
            cairo_line_to(cr, cx + r, cy + h / 3);
            cairo_line_to(cr, cx - r, cy + h / 3);
            cairo_close_path(cr);
            break;
        }
        case SymbolShape::Diamond:
            cairo_move_to(cr, cx, cy - r);
            cairo_line_to(cr, cx + r, cy);
            cairo_line_to(cr, cx, cy + r);
            cairo_line_to(cr, cx - r, cy);
            cairo_close_path(cr);
            break;
        case SymbolShape::Star: {
            // Regular five-pointed star: inner radius r * sin(18°) / sin(126°) ≈ 0.382 r.
            const double ri = r * std::sin(pi / 10) / std::sin(7 * pi / 10);
            for (int i = 0; i < 10; ++i) {
                const double a = -pi / 2 + i * pi / 5;
                const double rr = (i % 2 == 0) ? r : ri;
                if (i == 0) cairo_move_to(cr, cx + rr * std::cos(a), cy + rr * std::sin(a));
                else cairo_line_to(cr, cx + rr * std::cos(a), cy + rr * std::sin(a));
            }
            cairo_close_path(cr);
            break;
        }
        case SymbolShape::Cross: {
            // Plus sign with arms s/5 thick, as an outline so fill and stroke work as for
            // the other shapes.
            const double a = s / 10;
            const double pts[12][2] = {{-a, -r}, {a, -r}, {a, -a}, {r, -a}, {r, a}, {a, a},
                                       {a, r}, {-a, r}, {-a, a}, {-r, a}, {-r, -a}, {-a, -a}};
            cairo_move_to(cr, cx + pts[0][0], cy + pts[0][1]);
            for (int i = 1; i < 12; ++i) cairo_line_to(cr, cx + pts[i][0], cy + pts[i][1]);
            cairo_close_path(cr);
            break;
        }
        case SymbolShape::TriangleDown: {
            // The triangle turned apex down, centred on its centroid.
            const double h = s * std::sqrt(3.0) / 2;
            cairo_move_to(cr, cx, cy + 2 * h / 3);
            cairo_line_to(cr, cx + r, cy - h / 3);
            cairo_line_to(cr, cx - r, cy - h / 3);
            cairo_close_path(cr);
            break;
        }
        case SymbolShape::Pentagon:
        case SymbolShape::Hexagon: {
            // Regular polygon inscribed in the s-wide circle, a vertex (pentagon) or an
            // edge (hexagon) on top.
            const int n = shape == SymbolShape::Pentagon ? 5 : 6;
            const double start = shape == SymbolShape::Pentagon ? -pi / 2 : 0;
            for (int i = 0; i < n; ++i) {
                const double a = start + 2 * pi * i / n;
                if (i == 0) cairo_move_to(cr, cx + r * std::cos(a), cy + r * std::sin(a));
                else cairo_line_to(cr, cx + r * std::cos(a), cy + r * std::sin(a));
            }
            cairo_close_path(cr);
            break;
        }
        case SymbolShape::Saltire: {
            // The plus sign turned 45 degrees (×).
            const double a = s / 10, c = std::sqrt(0.5);
            const double pts[12][2] = {{-a, -r}, {a, -r}, {a, -a}, {r, -a}, {r, a}, {a, a},
                                       {a, r}, {-a, r}, {-a, a}, {-r, a}, {-r, -a}, {-a, -a}};
            for (int i = 0; i < 12; ++i) {
                const double x = (pts[i][0] - pts[i][1]) * c, y = (pts[i][0] + pts[i][1]) * c;
                if (i == 0) cairo_move_to(cr, cx + x, cy + y);
                else cairo_line_to(cr, cx + x, cy + y);
            }
            cairo_close_path(cr);
            break;
        }
    }
}

/// The hollow cross: two bars as lines, so a stroke-only cross reads as "+" not as an outline.
void cross_lines(cairo_t* cr, double cx, double cy, double s) {
    const double r = s / 2;
    cairo_move_to(cr, cx - r, cy);
    cairo_line_to(cr, cx + r, cy);
    cairo_move_to(cr, cx, cy - r);
    cairo_line_to(cr, cx, cy + r);
}

void clip_begin(cairo_t* cr, const Box& box) {
    cairo_save(cr);
    cairo_new_path(cr);
    if (box.empty() || !std::isfinite(box.minx) || !std::isfinite(box.maxx) ||
        !std::isfinite(box.miny) || !std::isfinite(box.maxy))
        cairo_rectangle(cr, 0, 0, 0, 0);  // clips everything away
    else
        cairo_rectangle(cr, box.minx, box.miny, box.width(), box.height());
    cairo_clip(cr);
}

}  // namespace

void fill_preserve(cairo_t* cr, const Fill& fill) {
    cairo_save(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    set_source(cr, fill.color);
    bool solid = fill.pattern == FillPattern::Solid;
    if (!solid) {
        double x0, y0, x1, y1;
        if (pattern_extents(cr, x0, y0, x1, y1)) {
            cairo_path_t* path = cairo_copy_path(cr);
            cairo_save(cr);
            cairo_clip(cr);  // vector clip: hatches stay lines in the PDF
            solid = !paint_pattern(cr, fill, x0, y0, x1, y1);
            cairo_restore(cr);
            cairo_new_path(cr);
            cairo_append_path(cr, path);
            cairo_path_destroy(path);
        }
    }
    if (solid) cairo_fill_preserve(cr);
    cairo_restore(cr);
}

void draw_path(cairo_t* cr, const PathItem& item) {
    cairo_save(cr);
    cairo_new_path(cr);
    bool any = false;
    for (const Path& part : item.parts) {
        bool started = false;
        for (const XY& p : part) {
            if (!finite(p)) continue;
            if (!started) cairo_move_to(cr, p.x, p.y);
            else cairo_line_to(cr, p.x, p.y);
            started = true;
        }
        if (started && item.closed) cairo_close_path(cr);
        any = any || started;
    }
    if (any) {
        if (item.closed && item.fill) fill_preserve(cr, *item.fill);
        for (const Stroke& st : item.strokes) apply_stroke(cr, st);
    }
    cairo_new_path(cr);
    cairo_restore(cr);
}

void draw_symbol(cairo_t* cr, const SymbolItem& item) {
    const double s = item.size_mm;
    if (!(std::isfinite(s) && s > 0) || !finite(item.at)) return;
    cairo_save(cr);
    cairo_new_path(cr);
    if (item.shape == SymbolShape::Cross && !item.fill)
        cross_lines(cr, item.at.x, item.at.y, s);
    else
        symbol_path(cr, item.shape, item.at.x, item.at.y, s);
    if (item.fill) fill_preserve(cr, *item.fill);
    if (item.stroke) apply_stroke(cr, *item.stroke);
    cairo_new_path(cr);
    cairo_restore(cr);
}

void draw_text(cairo_t* cr, const TextItem& item) {
    using namespace text_detail;
    if (!drawable(item.text, item.style) || !finite(item.at)) return;
    LayoutPtr layout = make_layout(item.text, item.style, item.max_width_mm, item.halign);
    const LogicalBox box = logical_box(layout.get());
    const double fx = item.halign == HAlign::Left ? 0.0 : item.halign == HAlign::Center ? 0.5 : 1.0;
    const double fy = item.valign == VAlign::Top ? 0.0 : item.valign == VAlign::Middle ? 0.5 : 1.0;
    // Put the block's logical box (what measure_text reports) at the anchor.
    const double ox = item.at.x - box.width_mm * fx - box.x_mm;
    const double oy = item.at.y - box.height_mm * fy - box.y_mm;

    cairo_save(cr);
    cairo_new_path(cr);
    const TextStyle& st = item.style;
    if (st.halo && std::isfinite(st.halo_mm) && st.halo_mm > 0) {
        cairo_save(cr);
        cairo_translate(cr, ox, oy);
        cairo_scale(cr, kMmPerPt, kMmPerPt);
        cairo_move_to(cr, 0, 0);
        pango_cairo_layout_path(cr, layout.get());
        cairo_restore(cr);  // the path stays; the line width is in millimetres again
        set_source(cr, *st.halo);
        cairo_set_line_width(cr, 2 * st.halo_mm);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_dash(cr, nullptr, 0, 0);
        cairo_stroke(cr);
    }
    set_source(cr, st.color);
    cairo_translate(cr, ox, oy);
    cairo_scale(cr, kMmPerPt, kMmPerPt);
    cairo_move_to(cr, 0, 0);
    pango_cairo_show_layout(cr, layout.get());
    cairo_new_path(cr);
    cairo_restore(cr);
}

void draw_scene(cairo_t* cr, const Scene& scene) {
    cairo_save(cr);
    if (scene.paper.a > 0) {
        set_source(cr, scene.paper);
        cairo_paint(cr);
    }
    int depth = 0;
    for (const SceneItem& item : scene.items) {
        std::visit(
            [&](const auto& it) {
                using T = std::decay_t<decltype(it)>;
                if constexpr (std::is_same_v<T, PathItem>) {
                    draw_path(cr, it);
                } else if constexpr (std::is_same_v<T, SymbolItem>) {
                    draw_symbol(cr, it);
                } else if constexpr (std::is_same_v<T, TextItem>) {
                    draw_text(cr, it);
                } else if constexpr (std::is_same_v<T, ClipBegin>) {
                    clip_begin(cr, it.box);
                    ++depth;
                } else if constexpr (std::is_same_v<T, ClipEnd>) {
                    if (depth > 0) {  // an unmatched ClipEnd is ignored
                        cairo_restore(cr);
                        --depth;
                    }
                }
            },
            item);
    }
    for (; depth > 0; --depth) cairo_restore(cr);
    cairo_restore(cr);
}

}  // namespace ipmap::render_detail
