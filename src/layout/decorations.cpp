#include "layout/decorations.hpp"

#include <cmath>
#include <string>

#include "layout/symbolize.hpp"

namespace ipmap {

namespace {

const Rgba kInk{0.15, 0.15, 0.15, 1};

PathItem rect_path(const Box& b) {
    PathItem p;
    p.closed = true;
    p.parts = {{{b.minx, b.miny}, {b.maxx, b.miny}, {b.maxx, b.maxy}, {b.minx, b.maxy}}};
    return p;
}

std::string km_label(double metres) {
    double km = metres / 1000.0;
    char buf[32];
    if (km >= 1) {
        if (std::abs(km - std::round(km)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", km);
        else std::snprintf(buf, sizeof buf, "%.1f", km);
    } else {
        std::snprintf(buf, sizeof buf, "%.0f", metres);
    }
    return buf;
}

}  // namespace

Box corner_box(const Box& frame, const std::string& corner, double w, double h, double gap) {
    bool left = corner.find("left") != std::string::npos;
    bool top = corner.find("top") != std::string::npos;
    double x0 = left ? frame.minx + gap : frame.maxx - gap - w;
    double y0 = top ? frame.miny + gap : frame.maxy - gap - h;
    return Box{x0, y0, x0 + w, y0 + h};
}

void panel(const Box& box, std::vector<SceneItem>& out, double frame_mm) {
    PathItem p = rect_path(box);
    p.fill = Fill{Rgba{1, 1, 1, 0.94}};
    p.strokes.push_back(Stroke{Rgba{0.35, 0.35, 0.35, 1}, frame_mm, {}, false});
    out.emplace_back(std::move(p));
}

double nice_scale_length_m(double mm_per_metre, double max_width_mm) {
    double max_m = max_width_mm / mm_per_metre;
    double p = std::pow(10.0, std::floor(std::log10(max_m)));
    double best = p;
    for (double f : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (f * p <= max_m) best = f * p;
    return best;
}

Box scale_bar(XY bl, const PaperTransform& t, double max_width_mm, const StyleSheet& style, std::vector<SceneItem>& out) {
    double len_m = nice_scale_length_m(t.mm_per_unit, max_width_mm);
    double len_mm = len_m * t.mm_per_unit;
    const double bar_h = 1.6;
    double y1 = bl.y, y0 = bl.y - bar_h;
    const int n = 4;
    for (int i = 0; i < n; ++i) {
        double x0 = bl.x + len_mm * i / n, x1 = bl.x + len_mm * (i + 1) / n;
        PathItem seg = rect_path(Box{x0, y0, x1, y1});
        seg.fill = Fill{i % 2 == 0 ? kInk : Rgba{1, 1, 1, 1}};
        seg.strokes.push_back(Stroke{kInk, 0.2, {}, false});
        out.emplace_back(std::move(seg));
    }
    TextStyle ts = style.legend_text;
    ts.size_pt = 6.5;
    ts.halo = Rgba{1, 1, 1, 1};
    ts.halo_mm = 0.4;
    for (int i : {0, 2, 4}) {
        double m = len_m * i / n;
        std::string s = km_label(m);
        if (i == 4) s += len_m >= 1000 ? " km" : " m";
        out.emplace_back(TextItem{s, {bl.x + len_mm * i / n, y0 - 0.6}, HAlign::Center, VAlign::Bottom, 0, ts});
    }
    return Box{bl.x - 3, y0 - 4.5, bl.x + len_mm + 6, y1};
}

Box north_arrow(XY c, double h, double rot, const StyleSheet& style, std::vector<SceneItem>& out) {
    double a = rot * M_PI / 180.0;
    auto R = [&](double x, double y) {  // rotate about c, y down
        return XY{c.x + x * std::cos(a) - y * std::sin(a), c.y + x * std::sin(a) + y * std::cos(a)};
    };
    double w = h * 0.32;
    PathItem left, right;
    left.closed = right.closed = true;
    left.parts = {{R(0, -h / 2), R(-w, h / 2), R(0, h * 0.28)}};
    right.parts = {{R(0, -h / 2), R(w, h / 2), R(0, h * 0.28)}};
    left.fill = Fill{kInk};
    right.fill = Fill{Rgba{1, 1, 1, 1}};
    left.strokes.push_back(Stroke{kInk, 0.25, {}, false});
    right.strokes.push_back(Stroke{kInk, 0.25, {}, false});
    out.emplace_back(std::move(left));
    out.emplace_back(std::move(right));
    TextStyle ts = style.legend_title;
    ts.size_pt = 9;
    ts.halo = Rgba{1, 1, 1, 1};
    ts.halo_mm = 0.5;
    XY n = R(0, -h / 2 - 0.8);
    out.emplace_back(TextItem{"N", n, HAlign::Center, VAlign::Bottom, 0, ts});
    return Box{c.x - w - 1.5, c.y - h / 2 - 5.5, c.x + w + 1.5, c.y + h / 2 + 0.8};
}

void inset_map(const Box& box, const std::vector<Polygon>& land, const Box& land_extent, const Box& sheet_extent,
               const StyleSheet& style, const ClassStyle& land_style, std::vector<SceneItem>& out) {
    panel(box, out);
    PathItem sea = rect_path(box.grown(-0.6));
    sea.fill = Fill{style.sea};
    out.emplace_back(std::move(sea));
    Box inner = box.grown(-2.0);
    PaperTransform t = fit_extent(land_extent, 2, inner);
    out.emplace_back(ClipBegin{box.grown(-0.6)});
    Geometry g;
    for (const auto& poly : land) {
        Polygon pp;
        for (const auto& r : poly.rings) {
            Path pr;
            pr.reserve(r.size());
            for (const auto& p : r) pr.push_back(t.to_page(p));
            pp.rings.push_back(std::move(pr));
        }
        g.polygons.push_back(std::move(pp));
    }
    symbolize_feature(g, land_style, out);
    XY a = t.to_page({sheet_extent.minx, sheet_extent.maxy});
    XY b = t.to_page({sheet_extent.maxx, sheet_extent.miny});
    Box r = Box::of(a.x, a.y, b.x, b.y);
    if (r.width() < 2) r = r.grown((2 - r.width()) / 2);
    PathItem sheet = rect_path(r);
    sheet.fill = Fill{Rgba{0.85, 0.1, 0.1, 0.18}};
    sheet.strokes.push_back(Stroke{Rgba{0.85, 0.1, 0.1, 1}, 0.5, {}, false});
    out.emplace_back(std::move(sheet));
    out.emplace_back(ClipEnd{});
}

}  // namespace ipmap
