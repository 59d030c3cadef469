#include "layout/compose_sheet.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "classify/callout_text.hpp"
#include "layout/anchors.hpp"
#include "layout/callout_select.hpp"
#include "layout/decorations.hpp"
#include "layout/legend.hpp"
#include "layout/list_columns.hpp"
#include "layout/list_markers.hpp"
#include "layout/narrow_shape.hpp"
#include "layout/symbolize.hpp"
#include "place/place_callouts.hpp"
#include "text/measure.hpp"

namespace ipmap {

namespace {

/// Geometry on the page. Parts outside `cull` (map units) are dropped and parts across its
/// edge are clipped to it, so that a sheet draws — and its PDF holds — only what is seen.
Geometry to_page(const Geometry& g, const PaperTransform& t, const Box& cull) {
    Geometry out;
    auto page_path = [&](const Path& p) {
        Path q;
        q.reserve(p.size());
        for (const auto& v : p) q.push_back(t.to_page(v));
        return q;
    };
    for (const auto& p : g.points) out.points.push_back(t.to_page(p));
    for (const auto& l : g.lines) {
        Box b;
        for (const auto& p : l) b.expand(p);
        if (cull.contains(b)) out.lines.push_back(page_path(l));
        else if (b.overlaps(cull) || b.width() == 0 || b.height() == 0)
            for (const auto& run : clip_path(l, cull)) out.lines.push_back(page_path(run));
    }
    for (const auto& poly : g.polygons) {
        if (poly.rings.empty()) continue;
        Box b;
        for (const auto& p : poly.rings[0]) b.expand(p);
        std::vector<Polygon> parts;
        if (cull.contains(b)) parts.push_back(poly);
        else if (b.overlaps(cull)) parts = clip_polygon(poly, cull);
        for (const auto& part : parts) {
            Polygon pp;
            for (const auto& r : part.rings) pp.rings.push_back(page_path(r));
            out.polygons.push_back(std::move(pp));
        }
    }
    return out;
}

bool visible_on(const Geometry& page, const Box& frame) {
    for (const auto& p : page.points)
        if (frame.contains(p)) return true;
    if (clipped_length(page.lines, frame) > 0) return true;
    for (const auto& poly : page.polygons) {
        if (poly.rings.empty()) continue;
        if (clipped_length({poly.rings[0]}, frame) > 0) return true;
        Box b;
        for (const auto& p : poly.rings[0]) b.expand(p);
        if (b.contains(frame)) return true;
    }
    return false;
}

Box text_box(XY at, HAlign h, VAlign v, TextSize s) {
    double x = h == HAlign::Left ? at.x : h == HAlign::Center ? at.x - s.width_mm / 2 : at.x - s.width_mm;
    double y = v == VAlign::Top ? at.y : v == VAlign::Middle ? at.y - s.height_mm / 2 : at.y - s.height_mm;
    return Box{x, y, x + s.width_mm, y + s.height_mm};
}

/// Label candidates around a point symbol of radius r: right, left, above, below, diagonals.
std::vector<Box> point_label_candidates(XY p, double r, TextSize s) {
    double g = r + 0.7;
    return {
        text_box({p.x + g, p.y}, HAlign::Left, VAlign::Middle, s),
        text_box({p.x - g, p.y}, HAlign::Right, VAlign::Middle, s),
        text_box({p.x, p.y - g}, HAlign::Center, VAlign::Bottom, s),
        text_box({p.x, p.y + g}, HAlign::Center, VAlign::Top, s),
        text_box({p.x + g * 0.8, p.y - g * 0.8}, HAlign::Left, VAlign::Bottom, s),
        text_box({p.x - g * 0.8, p.y - g * 0.8}, HAlign::Right, VAlign::Bottom, s),
        text_box({p.x + g * 0.8, p.y + g * 0.8}, HAlign::Left, VAlign::Top, s),
        text_box({p.x - g * 0.8, p.y + g * 0.8}, HAlign::Right, VAlign::Top, s),
    };
}

PathItem rect_path(const Box& b) {
    PathItem p;
    p.closed = true;
    p.parts = {{{b.minx, b.miny}, {b.maxx, b.miny}, {b.maxx, b.maxy}, {b.minx, b.maxy}}};
    return p;
}

struct WorkDraw {
    const ClassifiedWork* cw;
    Geometry page;
    WorkStyle style;
    GeometryKind kind;
    bool visible = false;
    bool collapsed = false;  ///< too small: drawn as a symbol
    bool callout = false;
    bool callout_suppressed = false;  ///< a style rule says callout = false
    std::string callout_reason;
    const std::string* template_text = nullptr;  ///< the layer's callout template, else the map's
    std::vector<XY> anchors;        ///< callout anchors, preferred first
    std::vector<XY> label_anchors;  ///< name-label spots (the anchors before ranking by free space)
    std::vector<std::string> anchor_codes;  ///< no geometry: the municipality of each anchor
};

/// Candidate anchors per work before ranking by free space (the engine tries 4).
constexpr std::size_t kLineAnchorPoints = 6;
constexpr std::size_t kPolygonAnchorParts = 6;

int kind_order(GeometryKind k) {
    switch (k) {
        case GeometryKind::Polygon: return 0;
        case GeometryKind::Line: return 1;
        case GeometryKind::Point: return 2;
        case GeometryKind::None: return 3;
    }
    return 3;
}

}  // namespace

SheetLayout compose_sheet(const SheetInput& in) {
    const MapSpec& map = *in.map;
    const StyleSheet& style = map.style;
    SheetLayout out;
    Scene& scene = out.scene;
    scene.width_mm = map.page.width_mm;
    scene.height_mm = map.page.height_mm;
    scene.paper = style.paper;
    scene.title = in.title;
    auto& items = scene.items;

    const TextSize title_size = measure_text(in.title, style.title);
    PageFrame pf = compute_page_frame(map.page, title_size.height_mm + 3, 6.5);
    const Box frame = pf.map_frame;
    PaperTransform t = fit_extent(in.extent, in.padding_percent, frame);
    out.transform = t;
    // Clip a little outside the neatline so that clipped edges never show inside it.
    const Box cull = t.extent.grown(std::max(t.extent.width(), t.extent.height()) * 0.01);
    const WarekiOptions& wk = map.wareki;
    const std::string fy_label = format_wareki(in.fiscal_year, wk);

    // --- Base map -----------------------------------------------------------------------
    items.emplace_back(ClipBegin{frame});
    {
        PathItem sea = rect_path(frame);
        sea.fill = Fill{style.sea};
        items.emplace_back(std::move(sea));
    }
    std::vector<Polygon> land;
    std::vector<Polygon> focus_polygons;  // atlas: the sheet's own municipality (page)
    std::map<std::string, std::vector<XY>> municipality_anchor;  // code -> anchors (page)
    std::map<std::string, std::string> municipality_name;
    struct NameLabel {
        std::string text;
        TextStyle style;
        std::vector<Box> candidates;
        std::vector<Polygon> polygons;  ///< for a new anchor when panels cover the usual one
        TextSize size;
        std::string code;
    };
    std::vector<NameLabel> name_labels;
    // Names of every municipality of the layer, not only of those drawn on this page: a work
    // that spans several sheets says the same thing ({municipalities}) on each.
    if (in.municipalities)
        for (const auto& f : in.municipalities->features) {
            std::string& name = municipality_name[f.attr("code")];
            if (name.empty()) name = f.attr("name");
        }
    for (const BaseLayer* layer : in.layers) {
        auto cls_it = style.classes.find(layer->spec->style);
        if (cls_it == style.classes.end()) continue;
        const bool is_muni = layer == in.municipalities;
        // Atlas sheets: the sheet's municipality stands out, its neighbours are dimmed.
        auto municipality_class = [&](const std::string& code) -> const ClassStyle& {
            if (in.focus_code.empty()) return cls_it->second;
            auto it = style.classes.find(code == in.focus_code ? "municipality_focus" : "municipality_dim");
            return it == style.classes.end() ? cls_it->second : it->second;
        };
        // Group features by code so that multi-feature municipalities get one label.
        std::map<std::string, Geometry> by_code;
        std::vector<std::string> order;
        for (const auto& f : layer->features) {
            Geometry g = to_page(f.geometry, t, cull);
            if (g.empty()) continue;
            const ClassStyle* cls = is_muni ? &municipality_class(f.attr("code")) : &cls_it->second;
            symbolize_feature(g, *cls, items);
            for (const auto& p : g.polygons) land.push_back(p);
            if (is_muni && !in.focus_code.empty() && f.attr("code") == in.focus_code)
                for (const auto& p : g.polygons) focus_polygons.push_back(p);
            if (is_muni) {
                std::string code = f.attr("code");
                if (!by_code.count(code)) order.push_back(code);
                auto& acc = by_code[code];
                for (auto& p : g.polygons) acc.polygons.push_back(p);
            }
        }
        if (is_muni) {
            for (const auto& code : order) {
                auto anchors = polygon_anchors(by_code[code].polygons, frame, 3);
                if (anchors.empty()) continue;
                municipality_anchor[code] = anchors;
                const ClassStyle& cls = municipality_class(code);
                if (cls.label_field.empty()) continue;
                std::string text = municipality_name[code];
                if (text.empty()) continue;
                TextSize s = measure_text(text, cls.label);
                XY a = anchors.front();
                name_labels.push_back({text, cls.label,
                                       {text_box(a, HAlign::Center, VAlign::Middle, s),
                                        text_box({a.x, a.y - s.height_mm}, HAlign::Center, VAlign::Middle, s),
                                        text_box({a.x, a.y + s.height_mm}, HAlign::Center, VAlign::Middle, s),
                                        text_box({a.x - s.width_mm / 2, a.y}, HAlign::Center, VAlign::Middle, s),
                                        text_box({a.x + s.width_mm / 2, a.y}, HAlign::Center, VAlign::Middle, s)},
                                       by_code[code].polygons, s, code});
            }
        }
    }

    // --- Works --------------------------------------------------------------------------
    LegendUse use;
    std::vector<WorkDraw> draws;
    draws.reserve(in.works.size());
    for (const ClassifiedWork* cw : in.works) {
        WorkDraw d;
        d.cw = cw;
        d.page = to_page(cw->work.geometry, t, cull);
        d.kind = geometry_kind(cw->work.geometry);
        d.style = style.resolve(cw->work, cw->status, d.kind);
        const CalloutSpec& cs = map.callout;
        // Which works get a callout: a style rule's `callout = ...` > the works layer's
        // [callout] show > the map's (README: Configuration).
        const LayerSpec* layer = cw->work.layer_id.empty() ? nullptr : map.find_layer(cw->work.layer_id);
        const CalloutSelection& sel = layer && layer->callout_show ? *layer->callout_show : cs;
        d.template_text = layer && !layer->callout_template.empty() ? &layer->callout_template : &cs.template_text;
        if (d.kind == GeometryKind::None) {
            // On an atlas sheet, a work of several municipalities hangs on the sheet's own.
            std::vector<std::string> codes = cw->work.municipalities;
            if (!in.focus_code.empty())
                std::stable_partition(codes.begin(), codes.end(), [&](const std::string& c) { return c == in.focus_code; });
            for (const auto& code : codes) {
                auto it = municipality_anchor.find(code);
                if (it == municipality_anchor.end()) continue;
                d.anchors.push_back(it->second.front());
                d.anchor_codes.push_back(code);
                if (!cs.bracket_all_municipalities) break;
            }
            if (!d.anchors.empty()) {
                d.callout = true;
                d.callout_reason = "no geometry: callout at its municipality";
            }
        } else {
            d.visible = visible_on(d.page, frame);
            if (d.visible) {
                Box b = d.page.bounds();
                if (d.kind != GeometryKind::Point && b.width() < cs.too_small_mm && b.height() < cs.too_small_mm) {
                    d.collapsed = true;
                    XY c = b.center();
                    d.page = Geometry{};
                    d.page.points.push_back(c);
                }
                // More candidate spots than the engine takes: they are ranked by the free
                // space around them below, once every work and panel is known.
                d.anchors = geometry_anchors(d.page, frame, kLineAnchorPoints, kPolygonAnchorParts);
                if (d.collapsed && sel.for_too_small) {
                    d.callout = true;
                    d.callout_reason = "too small to see at this scale";
                } else if ((cw->status == Status::InProgress && sel.for_in_progress) ||
                           (cw->status == Status::Planned && sel.for_planned) ||
                           (cw->status == Status::Completed && sel.for_completed)) {
                    d.callout = true;
                    d.callout_reason = std::string("status this year: ") + to_string(cw->status);
                } else if (sel.for_has_info &&
                           callout_shows_info(CalloutTemplate{*d.template_text, wk}, cw->work, in.fiscal_year, cw->status)) {
                    d.callout = true;
                    d.callout_reason = "its callout has information to show";
                }
                if (const StyleRule* rule = style.callout_rule(cw->work, cw->status, d.kind)) {
                    const std::string where = "style rule at " + style.file + ":" + std::to_string(rule->line);
                    if (*rule->callout) {
                        if (!d.callout) d.callout_reason = where + ": callout = true";
                        d.callout = true;
                    } else {
                        d.callout = false;
                        d.callout_suppressed = true;
                        d.callout_reason.clear();
                    }
                }
                if (d.anchors.empty()) d.callout = false;
            }
        }
        draws.push_back(std::move(d));
    }
    // Draw order: areas, then lines, then points; completed beneath current works.
    std::vector<std::size_t> order(draws.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto& da = draws[a];
        const auto& db = draws[b];
        GeometryKind ka = da.collapsed ? GeometryKind::Point : da.kind, kb = db.collapsed ? GeometryKind::Point : db.kind;
        if (kind_order(ka) != kind_order(kb)) return kind_order(ka) < kind_order(kb);
        return static_cast<int>(da.cw->status) < static_cast<int>(db.cw->status);
    });
    std::vector<Path> feature_lines;
    std::vector<Polygon> feature_areas;
    for (std::size_t i : order) {
        const WorkDraw& d = draws[i];
        if (!d.visible) continue;
        symbolize_work(d.page, d.style, items);
        use.owners.insert(d.cw->work.owner);
        use.statuses.insert(d.cw->status);
        GeometryKind k = d.collapsed ? GeometryKind::Point : d.kind;
        use.kinds.insert(k);
        if (k == GeometryKind::Point) use.point_categories.insert(d.cw->work.category.empty() ? "その他" : d.cw->work.category);
        for (const auto& l : d.page.lines) feature_lines.push_back(l);
        for (const auto& p : d.page.polygons) feature_areas.push_back(p);
        for (const auto& p : d.page.points) {
            double r = d.style.symbol_size_mm / 2;
            feature_areas.push_back(Polygon{{{{p.x - r, p.y - r}, {p.x + r, p.y - r}, {p.x + r, p.y + r}, {p.x - r, p.y + r}}}});
        }
    }

    // --- Furniture boxes (keep-out for labels and callouts) ------------------------------
    const double gap = 3.0;
    std::vector<Box> keep_out;
    // Legend size depends on what is shown; callouts and list are decided below, so size
    // it generously first (both rows present) and keep the box fixed.
    use.callouts = true;
    use.listed = true;
    use.projects = map.callout.template_text.find("{projects}") != std::string::npos;
    for (const LayerSpec& l : map.layers)
        if (l.callout_template.find("{projects}") != std::string::npos) use.projects = true;
    Legend legend = build_legend(use, style, fy_label);
    const double bar_max = std::min(60.0, frame.width() / 6);
    const bool has_inset = map.inset.enabled && in.inset;
    std::string inset_corner = map.inset.corner, legend_corner = map.legend.corner, furniture_corner;
    static const std::vector<std::string> corners{"bottom-right", "top-right", "bottom-left", "top-left"};
    for (const auto& c : corners)
        if (c != legend_corner && !(has_inset && c == inset_corner)) {
            furniture_corner = c;
            break;
        }
    if (!in.focus_code.empty()) {
        // Atlas sheets: the panels go to the corners where they hide least of the sheet's
        // own municipality and works (the configured corners win ties).
        auto hidden = [&](const std::string& corner, double w, double h) {
            Box b = corner_box(frame, corner, w, h, gap);
            return covered_area(focus_polygons, b) + 2.0 * clipped_length(feature_lines, b) + covered_area(feature_areas, b);
        };
        double best = std::numeric_limits<double>::infinity();
        for (const auto& ci : corners)
            for (const auto& cl : corners)
                for (const auto& cf : corners) {
                    if (cl == cf || (has_inset && (ci == cl || ci == cf))) continue;
                    double cost = hidden(cl, legend.width_mm, legend.height_mm) + hidden(cf, bar_max + 22, 20) +
                                  (has_inset ? hidden(ci, map.inset.width_mm, map.inset.height_mm) : 0);
                    cost += 1e-3 * ((cl != map.legend.corner) + (has_inset && ci != map.inset.corner));
                    if (cost < best) {
                        best = cost;
                        legend_corner = cl;
                        furniture_corner = cf;
                        if (has_inset) inset_corner = ci;
                    }
                    if (!has_inset) break;
                }
    }
    Box inset_box;
    if (has_inset) {
        inset_box = corner_box(frame, inset_corner, map.inset.width_mm, map.inset.height_mm, gap);
        keep_out.push_back(inset_box);
    }
    Box furniture = corner_box(frame, furniture_corner, bar_max + 22, 20, gap);
    keep_out.push_back(furniture);
    keep_out.push_back(pf.title_band);
    keep_out.push_back(pf.footer);
    Box legend_box = corner_box(frame, legend_corner, legend.width_mm, legend.height_mm, gap);
    keep_out.push_back(legend_box);

    // --- Anchors nearest free space ------------------------------------------------------
    // A feature with several candidate anchors (parts of a multi-part feature, spots along
    // a line, the points of a multi-point) offers first the one with the most free space
    // around it: least other works, panels, municipality names and land within
    // kFreeRadiusMm, costed with the placement weights. The engine tries anchors in order.
    {
        constexpr double kFreeRadiusMm = 15, kFreeCellMm = 2, kHardCost = 1.0, kTieStep = 0.02;
        auto weight = [&](const char* k, double def) {
            auto it = style.callout_weights.find(k);
            return it == style.callout_weights.end() ? def : it->second;
        };
        const place::PlacementWeights defaults;
        const double w_line = weight("cover_features", defaults.cover_features);
        const double w_area = weight("cover_feature_area", defaults.cover_feature_area);
        const double w_land = weight("cover_land", defaults.cover_land);
        FreeSpaceGrid grid;
        for (WorkDraw& d : draws) {
            if (!d.visible || d.collapsed || d.kind == GeometryKind::None || d.anchors.size() < 2) continue;
            if (grid.empty()) {
                grid = FreeSpaceGrid(frame, kFreeCellMm, kHardCost);
                for (const Polygon& p : land) grid.add_polygon(p, w_land);
                for (const Path& l : feature_lines) grid.add_line(l, w_line);
                for (const Polygon& p : feature_areas) grid.add_polygon(p, w_area);
                for (const Box& b : keep_out) grid.add_box(b, kHardCost);
                for (const NameLabel& nl : name_labels)
                    if (!nl.candidates.empty()) grid.add_box(nl.candidates.front(), kHardCost);
                grid.finish();
            }
            Geometry own;
            own.lines = d.page.lines;
            own.polygons = d.page.polygons;
            const double r = d.style.symbol_size_mm / 2;
            for (const XY& p : d.page.points)
                own.polygons.push_back(Polygon{{{{p.x - r, p.y - r}, {p.x + r, p.y - r}, {p.x + r, p.y + r}, {p.x - r, p.y + r}}}});
            d.label_anchors = d.anchors;
            rank_anchors_by_free_space(d.anchors, grid, own, w_line, w_area, kFreeRadiusMm, kTieStep);
        }
    }

    // --- Labels -------------------------------------------------------------------------
    std::vector<place::LabelRequest> label_requests;
    struct LabelInfo { std::string text; TextStyle style; std::size_t work = SIZE_MAX; };
    std::vector<LabelInfo> label_info;
    for (std::size_t i = 0; i < name_labels.size(); ++i) {
        label_requests.push_back({"muni:" + name_labels[i].text, 0, name_labels[i].candidates, true});
        label_info.push_back({name_labels[i].text, name_labels[i].style});
    }
    for (std::size_t i = 0; i < draws.size(); ++i) {
        const WorkDraw& d = draws[i];
        if (!d.visible || d.callout || d.anchors.empty()) continue;
        const std::string& text = d.cw->work.name;
        TextSize s = measure_text(text, style.work_label);
        std::vector<Box> cand;
        for (const XY& a : d.label_anchors.empty() ? d.anchors : d.label_anchors) {
            double r = d.kind == GeometryKind::Point || d.collapsed ? d.style.symbol_size_mm / 2 : d.style.line_width_mm / 2 + 0.3;
            for (const Box& b : point_label_candidates(a, r, s)) cand.push_back(b);
        }
        label_requests.push_back({d.cw->work.id, 1, cand, false});
        label_info.push_back({text, style.work_label, i});
    }
    place::PlacementContext ctx;
    ctx.page = pf.page;
    ctx.printable = pf.printable;
    ctx.map_frame = frame;
    // On an atlas sheet the dimmed neighbours are the sheet's background, as the sea is:
    // balloons had better cover them than the municipality the sheet is about.
    ctx.land = focus_polygons.empty() ? land : focus_polygons;
    ctx.feature_lines = feature_lines;
    ctx.feature_areas = feature_areas;

    // Around a municipality name, the part of the map a balloon had better leave free
    // (cover_soft per mm² of it that a balloon covers).
    constexpr double kNameMarginMm = 1.5;
    // How far beside its municipality's name the leader of a work without geometry starts.
    constexpr double kNameAnchorOffsetMm = 0.8;
    // [callout.weights] cover_focus when the style leaves it out: atlas sheets measured with
    // 0.08 (cover_land) hid about five times as much of their municipality under balloons.
    constexpr double kCoverFocusDefault = 0.2;
    place::PlacementOptions popt;
    auto w = [&](const char* k, double def) {
        auto it = style.callout_weights.find(k);
        return it == style.callout_weights.end() ? def : it->second;
    };
    popt.weights.cover_features = w("cover_features", popt.weights.cover_features);
    popt.weights.cover_feature_area = w("cover_feature_area", popt.weights.cover_feature_area);
    popt.weights.cover_land = w("cover_land", popt.weights.cover_land);
    // On an atlas sheet the land the engine is given is the sheet's municipality (above).
    if (!focus_polygons.empty()) popt.weights.cover_land = w("cover_focus", kCoverFocusDefault);
    popt.weights.cover_soft = w("cover_soft", popt.weights.cover_soft);
    popt.weights.leader_length = w("leader_length", popt.weights.leader_length);
    popt.weights.anchor_distance = w("anchor_distance", popt.weights.anchor_distance);
    popt.weights.leader_angle = w("leader_angle", popt.weights.leader_angle);
    out.placement_options = popt;

    // Callout texts and sizes do not depend on placement: compute them once.
    const double pad = style.callout_padding_mm;
    std::vector<std::string> callout_text(draws.size());
    std::vector<TextSize> callout_size(draws.size());
    // Other shapes of a callout's text, narrower: each line wrapped at a little over half
    // its width (the style's max_width_mm bounds every shape). The engine may take one
    // where the first does not fit; balloons are drawn with the wrap of the shape chosen.
    std::vector<std::vector<WrappedShape>> callout_other_shapes(draws.size());
    auto ensure_callout_text = [&](std::size_t i) {
        if (!callout_text[i].empty()) return;
        const WorkDraw& d = draws[i];
        CalloutFields fields;
        fields.fiscal_year = in.fiscal_year;
        fields.status = d.cw->status;
        for (const auto& code : d.cw->work.municipalities)
            if (auto it = municipality_name.find(code); it != municipality_name.end()) fields.municipality_names.push_back(it->second);
        callout_text[i] = format_callout(CalloutTemplate{*d.template_text, wk}, d.cw->work, fields);
        callout_size[i] = measure_text(callout_text[i], style.callout_text, map.callout.max_width_mm - 2 * pad);
        if (auto narrow = narrower_shape(callout_text[i], style.callout_text, callout_size[i].width_mm))
            callout_other_shapes[i].push_back(*narrow);
    };

    // Labels first (names are hard obstacles for balloons), then callouts. When something
    // goes to the numbered list, a list panel is reserved and both are solved again, so
    // that the panel covers neither a label nor a balloon.
    struct CalloutInfo { std::size_t work; std::string text; };
    std::vector<CalloutInfo> callout_info;
    std::vector<place::CalloutRequest> requests;
    std::vector<TextItem> label_items;
    const std::vector<bool> callout_by_rule = [&] {
        std::vector<bool> v;
        for (const auto& d : draws) v.push_back(d.callout);
        return v;
    }();
    const std::vector<std::string> reason_by_rule = [&] {
        std::vector<std::string> v;
        for (const auto& d : draws) v.push_back(d.callout_reason);
        return v;
    }();
    std::map<std::string, std::size_t> name_label_of;  // municipality code -> name_labels index, when placed
    std::map<std::size_t, Box> placed_name;            // name_labels index -> its placed box
    auto solve = [&](const Box& reserved) {
        ctx.keep_out = keep_out;
        if (!reserved.empty()) ctx.keep_out.push_back(reserved);
        ctx.labels.clear();
        ctx.soft_boxes.clear();
        for (std::size_t i = 0; i < draws.size(); ++i) {
            draws[i].callout = callout_by_rule[i];
            draws[i].callout_reason = reason_by_rule[i];
        }
        out.labels_placed = out.labels_moved_to_callouts = 0;
        label_items.clear();
        // A municipality whose usual label spots are all under a panel gets a spot in the
        // part of it that is still visible.
        for (std::size_t i = 0; i < name_labels.size(); ++i) {
            const NameLabel& nl = name_labels[i];
            label_requests[i].candidates = nl.candidates;
            bool all_covered = std::all_of(nl.candidates.begin(), nl.candidates.end(), [&](const Box& b) {
                return std::any_of(ctx.keep_out.begin(), ctx.keep_out.end(), [&](const Box& k) { return k.overlaps(b); });
            });
            if (!all_covered) continue;
            std::vector<Box> grown;
            for (const Box& k : ctx.keep_out) grown.push_back(Box{k.minx - nl.size.width_mm / 2 - 0.5, k.miny - nl.size.height_mm / 2 - 0.5,
                                                                   k.maxx + nl.size.width_mm / 2 + 0.5, k.maxy + nl.size.height_mm / 2 + 0.5});
            for (const XY& a : polygon_anchors(nl.polygons, frame, 1, grown))
                label_requests[i].candidates.insert(label_requests[i].candidates.begin(), text_box(a, HAlign::Center, VAlign::Middle, nl.size));
        }
        // The sheet's one collision index: the keep-outs, then each label as it is accepted;
        // the callouts are solved against the same object.
        place::HardBoxIndex hard(ctx);
        place::LabelPlacement lp = place::place_labels(label_requests, ctx, hard);
        std::vector<Box> label_boxes;
        name_label_of.clear();
        placed_name.clear();
        for (std::size_t i = 0; i < label_requests.size(); ++i) {
            int c = lp.chosen[i];
            const LabelInfo& li = label_info[i];
            if (c < 0) {
                if (li.work != SIZE_MAX && !draws[li.work].callout_suppressed) {
                    draws[li.work].callout = true;
                    draws[li.work].callout_reason = "name label did not fit: callout instead";
                    ++out.labels_moved_to_callouts;
                }
                continue;
            }
            const Box& b = label_requests[i].candidates[c];
            label_boxes.push_back(b);
            // Municipality names are hard obstacles (no balloon or leader covers one); the
            // space around them is soft, so that balloons keep clear of a name when they can.
            if (i < name_labels.size()) {
                ctx.soft_boxes.push_back(b.grown(kNameMarginMm));
                name_label_of[name_labels[i].code] = i;
                placed_name[i] = b;
            }
            label_items.push_back(TextItem{li.text, {b.minx, b.miny}, HAlign::Left, VAlign::Top, 0, li.style});
            ++out.labels_placed;
        }
        ctx.labels = label_boxes;  // what the audit and the list markers check against
        callout_info.clear();
        requests.clear();
        out.callout_ids.clear();
        out.callout_anchors.clear();
        // Leaders keep off labels (municipality names and work names). A placed label is a
        // hard box for every leader except one that starts under it (its feature lies there,
        // so its leader has to leave it): such anchors are moved off the labels.
        auto clear_spot = [&](XY p) {
            const auto holds = [&](const Box& b) { return b.contains(p); };
            return std::none_of(label_boxes.begin(), label_boxes.end(),
                                [&](const Box& b) { return b.grown(kNameAnchorOffsetMm / 2).contains(p); }) &&
                   std::none_of(ctx.keep_out.begin(), ctx.keep_out.end(), holds);
        };
        auto callout_anchors = [&](const WorkDraw& d) {
            if (d.kind != GeometryKind::None)
                return anchors_clear_of_labels(d.page, d.anchors, label_boxes, kNameAnchorOffsetMm / 2, frame);
            std::vector<XY> anchors;
            // Without geometry: the anchor was the municipality's label spot. With a bracket,
            // one anchor per municipality (the report names the ones no leader reaches).
            const bool one_each = map.callout.bracket_all_municipalities;
            for (std::size_t k = 0; k < d.anchors.size(); ++k) {
                std::vector<XY> beside;
                if (k < d.anchor_codes.size())
                    if (auto it = name_label_of.find(d.anchor_codes[k]); it != name_label_of.end()) {
                        const NameLabel& nl = name_labels[it->second];
                        for (const XY& p : anchors_beside_label(placed_name.at(it->second), kNameAnchorOffsetMm,
                                                                nl.polygons, frame))
                            if (clear_spot(p)) beside.push_back(p);
                    }
                if (beside.empty()) beside.push_back(d.anchors[k]);
                // Every spot offered is kept free of balloons, so offer few: two (below and
                // above the name when both are clear) placed as many balloons on the sample
                // sheet as the label spot did, all four two fewer.
                beside.resize(std::min<std::size_t>(beside.size(), one_each ? 1 : 2));
                anchors.insert(anchors.end(), beside.begin(), beside.end());
            }
            return anchors;
        };
        for (std::size_t i = 0; i < draws.size(); ++i) {
            const WorkDraw& d = draws[i];
            if (!d.callout) continue;
            ensure_callout_text(i);
            int priority = d.kind == GeometryKind::None ? 0 : d.cw->status == Status::InProgress ? 1 : 2;
            place::CalloutRequest req{d.cw->work.id, priority, callout_anchors(d), callout_size[i].width_mm + 2 * pad,
                                      callout_size[i].height_mm + 2 * pad};
            for (const WrappedShape& o : callout_other_shapes[i])
                req.other_sizes.push_back({o.size.width_mm + 2 * pad, o.size.height_mm + 2 * pad});
            // Several municipalities, bracketed: a leader to each of them.
            req.lead_to_all = map.callout.bracket_all_municipalities && d.kind == GeometryKind::None &&
                              d.anchors.size() > 1;
            out.callout_anchors.push_back(req.anchors);
            requests.push_back(std::move(req));
            callout_info.push_back({i, callout_text[i]});
            out.callout_ids.push_back(d.cw->work.id);
        }
        out.placement = place::place_callouts(requests, ctx, hard, popt);
        out.solve_ms.push_back(out.placement.stats.solve_ms);
    };

    Box list_box;
    std::vector<std::string> list_lines;
    std::vector<double> list_heights;
    ListColumns list_cols;
    TextStyle list_style = style.callout_text;
    const double list_width = std::min(110.0, frame.width() / 3);
    const double list_gap = 0.8;
    const std::string list_title = "一覧（番号は地図中の位置）";
    const TextSize list_head = measure_text(list_title, style.legend_title);
    solve(list_box);
    std::string list_corner;
    for (const std::string c : {"top-right", "bottom-right", "top-left", "bottom-left"})
        if (c != legend_corner && c != furniture_corner && !(has_inset && c == inset_corner)) {
            list_corner = c;
            break;
        }
    // The panel holds at most about a third of the frame's width; what does not fit goes on
    // a continuation page, so nothing is lost and the map is not buried under its own list.
    const int max_list_columns = std::max(1, static_cast<int>(frame.width() * 0.34 / (list_width + 3)));
    // What a list panel at b would hide of the works: mm of their lines, mm2 of their areas
    // and point symbols, and kAnchorHidden for each anchor (the spot a leader or numbered
    // marker starts from). A panel may graze up to kHiddenTolerance of them.
    constexpr double kAnchorHidden = 10, kHiddenTolerance = 2;
    auto works_under = [&](const Box& b) {
        double hidden = clipped_length(feature_lines, b) + covered_area(feature_areas, b);
        for (const auto& q : requests)
            for (const XY& a : q.anchors)
                if (b.contains(a)) hidden += kAnchorHidden;
        return hidden;
    };
    // A list panel's height: its heading, its columns and padding, and a line for the note
    // that the list goes on (「N 件の続きは次頁」).
    constexpr double kListPadMm = 6, kListMoreNoteMm = 4;
    auto list_panel_height = [&](const ListColumns& lc) {
        return lc.height_mm + list_head.height_mm + kListPadMm + (lc.overflow.empty() ? 0 : kListMoreNoteMm);
    };
    auto list_panel = [&] {
        list_lines.clear();
        list_heights.clear();
        double wmax = 0;
        for (std::size_t k = 0; k < requests.size(); ++k) {
            const auto& pc = out.placement.callouts[k];
            if (pc.tier != place::Tier::List) continue;
            std::string line = std::to_string(pc.list_number) + ". " + callout_info[k].text;
            for (auto& ch : line) if (ch == '\n') ch = ' ';
            TextSize s = measure_text(line, list_style, list_width);
            wmax = std::max(wmax, s.width_mm);
            list_lines.push_back(line);
            list_heights.push_back(s.height_mm);
        }
        auto box_of = [&](const ListColumns& lc) {
            const double cols = static_cast<double>(lc.columns.size());
            const double lw = std::max(cols * (std::max(wmax, 20.0) + 3) + 2, list_head.width_mm + 5);
            return corner_box(frame, list_corner, lw, list_panel_height(lc), gap);
        };
        // The columns are as tall as the frame allows, or as tall as they can be without
        // the panel burying works below its corner (a harbour): the entries beyond go on a
        // continuation page.
        const double full_h = frame.height() - 2 * gap - list_head.height_mm - 8;
        list_cols = pack_list_within(list_heights, full_h, max_list_columns, list_gap,
                                     [&](const ListColumns& lc) { return works_under(box_of(lc)); }, kHiddenTolerance);
        return box_of(list_cols);
    };
    // The panel only grows, and is bounded by the frame, so this settles in a few rounds.
    for (int round = 0; round < 12 && out.placement.stats.listed > 0 && !list_corner.empty(); ++round) {
        Box want = list_panel();
        if (!list_box.empty() && list_box.grown(1e-6).contains(want)) break;
        // Grow only: a panel that shrinks could uncover nothing and would oscillate. The
        // union of a wide and a tall panel also holds the corner between them: where that
        // would hide works, the new panel replaces the old one.
        if (!list_box.empty()) {
            Box grown = want;
            grown.expand(list_box);
            if (works_under(grown) <= works_under(want)) want = grown;
        }
        list_box = want;
        solve(list_box);
    }
    if (out.placement.stats.listed > 0) {
        list_panel();
        // The reserved panel may be taller than this last packing (it only grows): its
        // columns take what fits in it before anything goes on to the next page.
        if (!list_cols.overflow.empty() && !list_box.empty()) {
            const double room = list_box.height() - list_head.height_mm - kListPadMm - kListMoreNoteMm;
            const ListColumns lc = pack_list(list_heights, room, max_list_columns, list_gap);
            if (lc.overflow.size() < list_cols.overflow.size()) list_cols = lc;
        }
    } else {
        list_lines.clear();
    }
    // Every solve counts: reserving the list panel may have needed several.
    out.placement.stats.solve_ms = 0;
    for (double ms : out.solve_ms) out.placement.stats.solve_ms += ms;
    out.soft_boxes = ctx.soft_boxes;

    // --- Draw labels, then callouts (on top of works) --------------------------------------
    for (auto& li : label_items) items.emplace_back(std::move(li));
    use.callouts = false;
    use.listed = false;
    // Numbered markers of the listed callouts: laid out against everything placement left on
    // the page (balloons, leaders, labels, panels) and against each other.
    const MarkerOptions marker_opt;
    MarkerObstacles marker_obs;
    marker_obs.frame = frame;
    marker_obs.labels = ctx.labels;
    marker_obs.keep_out = ctx.keep_out;
    for (const auto& pc : out.placement.callouts) {
        if (pc.tier == place::Tier::List) continue;
        if (!pc.box.empty()) marker_obs.balloons.push_back(pc.box);
        if (pc.leader.size() >= 2) marker_obs.leaders.push_back(pc.leader);
        for (const auto& l : pc.more_leaders) marker_obs.leaders.push_back(l);
    }
    // The marker of a work without geometry points at its municipality's name from beside
    // it, as its leader would have: each listed work of a municipality takes the next side,
    // the sides with the most room first, so that the markers of one town do not queue at
    // one spot hemmed in by its name.
    std::map<std::string, std::size_t> sides_taken;  // municipality code -> markers beside its name so far
    auto marker_beside_name = [&](const WorkDraw& d, std::size_t k) -> MarkerRequest {
        const XY fallback = out.placement.callouts[k].anchor;
        MarkerRequest mr{out.placement.callouts[k].list_number, fallback, {}};
        const auto& offered = requests[k].anchors;
        const auto j = static_cast<std::size_t>(std::find(offered.begin(), offered.end(), fallback) - offered.begin());
        const std::size_t c = map.callout.bracket_all_municipalities && j < d.anchor_codes.size() ? j : 0;
        if (c >= d.anchor_codes.size()) return mr;
        const auto it = name_label_of.find(d.anchor_codes[c]);
        if (it == name_label_of.end()) return mr;
        const auto sides = sides_of_name_by_room(placed_name.at(it->second), kNameAnchorOffsetMm,
                                                 name_labels[it->second].polygons, frame, marker_obs);
        if (sides.empty()) return mr;
        // Its side first, then the others in order of room, where its side is full.
        const std::size_t first = sides_taken[d.anchor_codes[c]]++ % sides.size();
        mr.anchor = sides[first];
        for (std::size_t s = 1; s < sides.size(); ++s) mr.alternatives.push_back(sides[(first + s) % sides.size()]);
        return mr;
    };
    std::vector<MarkerRequest> marker_requests;
    std::vector<std::size_t> marker_callout;  // marker -> callout index
    for (std::size_t k = 0; k < requests.size(); ++k) {
        const auto& pc = out.placement.callouts[k];
        if (pc.tier != place::Tier::List) continue;
        const WorkDraw& d = draws[callout_info[k].work];
        marker_requests.push_back(d.kind == GeometryKind::None ? marker_beside_name(d, k) : MarkerRequest{pc.list_number, pc.anchor, {}});
        marker_callout.push_back(k);
    }
    {
        // In list-number order, so that the lower numbers keep their anchors.
        std::vector<std::size_t> by_number(marker_requests.size());
        for (std::size_t m = 0; m < by_number.size(); ++m) by_number[m] = m;
        std::stable_sort(by_number.begin(), by_number.end(),
                         [&](std::size_t x, std::size_t y) { return marker_requests[x].number < marker_requests[y].number; });
        std::vector<MarkerRequest> sorted_requests;
        std::vector<std::size_t> sorted_callout;
        for (std::size_t m : by_number) {
            sorted_requests.push_back(marker_requests[m]);
            sorted_callout.push_back(marker_callout[m]);
        }
        marker_requests = std::move(sorted_requests);
        marker_callout = std::move(sorted_callout);
    }
    out.markers = layout_list_markers(marker_requests, marker_obs, marker_opt);
    out.marker_audit = audit_list_markers(out.markers, marker_obs, marker_opt);
    out.marker_radius_mm = marker_opt.diameter_mm / 2;
    std::vector<SceneItem> markers;
    {
        const double r = marker_opt.diameter_mm / 2;
        TextStyle ts = style.callout_text;
        ts.size_pt = 5.5;
        ts.bold = true;
        // Ticks and anchor dots first, so that no tick is drawn over a marker's number.
        for (const ListMarker& m : out.markers) {
            Path tick = m.tick(r);
            if (tick.size() < 2) continue;
            PathItem line;
            line.parts = {tick};
            line.strokes.push_back(Stroke{Rgba{1, 1, 1, 0.9}, 0.35, {}, true});
            line.strokes.push_back(Stroke{style.leader_color, 0.18, {}, true});
            markers.emplace_back(std::move(line));
            markers.emplace_back(SymbolItem{m.anchor, SymbolShape::Circle, 0.7, Fill{style.leader_color}, std::nullopt});
        }
        for (const ListMarker& m : out.markers) {
            use.listed = true;
            markers.emplace_back(SymbolItem{m.at, SymbolShape::Circle, marker_opt.diameter_mm, Fill{Rgba{1, 1, 1, 1}},
                                            Stroke{style.leader_color, 0.3, {}, false}});
            markers.emplace_back(TextItem{std::to_string(m.number), m.at, HAlign::Center, VAlign::Middle, 0, ts});
            if (m.conflict) {
                const std::string& id = draws[callout_info[marker_callout[&m - out.markers.data()]].work].cw->work.id;
                out.warnings.push_back({Severity::Warning, "layout", "", "", id, -1, "", std::to_string(m.number),
                                        "numbered marker " + std::to_string(m.number) +
                                            " has no free spot within " + std::to_string(static_cast<int>(marker_opt.max_shift_mm)) +
                                            " mm of its anchor",
                                        "kept at its anchor, where it touches another marker, a balloon, a leader, a label or a panel"});
            }
        }
    }
    for (std::size_t k = 0; k < requests.size(); ++k) {
        const auto& pc = out.placement.callouts[k];
        if (pc.tier == place::Tier::List) continue;
        use.callouts = true;
        auto draw_leader = [&](const Path& l) {
            if (l.size() < 2) return;
            PathItem leader;
            leader.parts = {l};
            leader.strokes.push_back(Stroke{Rgba{1, 1, 1, 0.9}, style.leader_width_mm + 0.5, {}, true});
            leader.strokes.push_back(Stroke{style.leader_color, style.leader_width_mm, {}, true});
            items.emplace_back(std::move(leader));
            items.emplace_back(SymbolItem{l.front(), SymbolShape::Circle, 0.9, Fill{style.leader_color}, std::nullopt});
        };
        draw_leader(pc.leader);
        for (const auto& l : pc.more_leaders) draw_leader(l);
        if (pc.leader.size() < 2)
            items.emplace_back(SymbolItem{pc.anchor, SymbolShape::Circle, 0.9, Fill{style.leader_color}, std::nullopt});
    }
    // Balloons over all leaders.
    for (std::size_t k = 0; k < requests.size(); ++k) {
        const auto& pc = out.placement.callouts[k];
        if (pc.tier == place::Tier::List || pc.box.empty()) continue;
        PathItem balloon = rect_path(pc.box);
        balloon.fill = Fill{style.callout_fill};
        balloon.strokes.push_back(Stroke{style.callout_border, style.callout_border_mm, {}, false});
        items.emplace_back(std::move(balloon));
        const auto& other = callout_other_shapes[callout_info[k].work];
        const double wrap = pc.shape > 0 && static_cast<std::size_t>(pc.shape) <= other.size()
                                ? other[static_cast<std::size_t>(pc.shape) - 1].wrap_mm
                                : map.callout.max_width_mm - 2 * pad;
        items.emplace_back(TextItem{callout_info[k].text, {pc.box.minx + pad, pc.box.miny + pad}, HAlign::Left,
                                    VAlign::Top, wrap, style.callout_text});
    }
    for (auto& m : markers) items.push_back(std::move(m));
    items.emplace_back(ClipEnd{});

    // Neatline.
    {
        PathItem neat = rect_path(frame);
        neat.strokes.push_back(Stroke{style.frame, 0.5, {}, false});
        items.emplace_back(std::move(neat));
    }

    // --- Panels ---------------------------------------------------------------------------
    if (map.inset.enabled && in.inset) {  // without land to show (an empty inset layer), no inset
        std::vector<Polygon> inset_land;
        Box inset_ext = in.inset_extent;
        for (const auto& f : in.inset->features)
            for (const auto& p : f.geometry.polygons) inset_land.push_back(p);
        if (inset_ext.empty())
            for (const auto& f : in.inset->features) inset_ext.expand(f.geometry.bounds());
        const ClassStyle* ls = nullptr;
        if (auto it = style.classes.find(in.inset->spec->style); it != style.classes.end()) ls = &it->second;
        ClassStyle fallback;
        fallback.fill = Fill{Rgba{0.88, 0.87, 0.84, 1}};
        if (!inset_ext.empty()) inset_map(inset_box, inset_land, inset_ext, t.extent, style, ls ? *ls : fallback, items);
    }
    // Rebuild the legend from what was actually drawn; it is never larger than the
    // box reserved above, so it stays clear of every callout.
    legend = build_legend(use, style, fy_label);
    legend_box = corner_box(frame, legend_corner, legend.width_mm, legend.height_mm, gap);
    panel(legend_box, items);
    legend.draw({legend_box.minx, legend_box.miny}, items);
    {
        Box sb_area = furniture;
        panel(sb_area, items, 0.2);
        XY bl{sb_area.minx + 4, sb_area.maxy - 5.5};
        scale_bar(bl, t, bar_max, style, items);
        north_arrow({sb_area.maxx - 8, sb_area.miny + 10}, 12, in.true_north_deg, style, items);
        TextStyle ts = style.note_text;
        ts.size_pt = 6;
        char buf[64];
        std::snprintf(buf, sizeof buf, "縮尺 1:%s", [&] {
            long long d = std::llround(t.scale_denominator() / 1000.0) * 1000;
            std::string s = std::to_string(d), r;
            for (std::size_t i = 0; i < s.size(); ++i) {
                if (i && (s.size() - i) % 3 == 0) r += ',';
                r += s[i];
            }
            return r;
        }().c_str());
        items.emplace_back(TextItem{buf, {sb_area.minx + 4, sb_area.miny + 2}, HAlign::Left, VAlign::Top, 0, ts});
    }
    if (!list_lines.empty()) {
        // Drawn as tall as its entries: the box reserved for it only grew while the solve
        // settled, and may hold more room than the entries that fit in it.
        const double content_h = list_panel_height(list_cols);
        if (content_h < list_box.height()) list_box = corner_box(frame, list_corner, list_box.width(), content_h, gap);
        panel(list_box, items);
        items.emplace_back(ClipBegin{list_box});
        items.emplace_back(TextItem{list_title, {list_box.minx + 2.5, list_box.miny + 2}, HAlign::Left, VAlign::Top, 0, style.legend_title});
        double top = list_box.miny + 2 + list_head.height_mm + 1.5;
        double col_w = list_cols.columns.empty() ? 0 : (list_box.width() - 2) / static_cast<double>(list_cols.columns.size());
        for (std::size_t c = 0; c < list_cols.columns.size(); ++c) {
            double y = top;
            for (std::size_t k : list_cols.columns[c]) {
                items.emplace_back(TextItem{list_lines[k], {list_box.minx + 2.5 + c * col_w, y}, HAlign::Left, VAlign::Top,
                                            list_width, list_style});
                y += list_heights[k] + list_gap;
            }
        }
        if (!list_cols.overflow.empty())
            items.emplace_back(TextItem{"（" + std::to_string(list_cols.overflow.size()) + " 件の続きは次頁）",
                                        {list_box.maxx - 2.5, list_box.maxy - 1.5}, HAlign::Right, VAlign::Bottom, 0, list_style});
        items.emplace_back(ClipEnd{});
    }
    // Continuation pages: the rest of the list, in columns over the whole printable area.
    for (std::size_t next = 0; next < list_cols.overflow.size();) {
        Scene page;
        page.width_mm = scene.width_mm;
        page.height_mm = scene.height_mm;
        page.paper = scene.paper;
        page.title = in.title;
        std::string head = in.title + "　一覧（続き）";
        page.items.emplace_back(TextItem{head, {pf.printable.minx, pf.printable.miny}, HAlign::Left, VAlign::Top, 0, style.subtitle});
        double top = pf.printable.miny + measure_text(head, style.subtitle).height_mm + 4;
        std::vector<double> heights;
        for (std::size_t k = next; k < list_cols.overflow.size(); ++k) heights.push_back(list_heights[list_cols.overflow[k]]);
        int cols = std::max(1, static_cast<int>(pf.printable.width() / (list_width + 4)));
        ListColumns pc = pack_list(heights, pf.printable.maxy - top, cols, list_gap);
        double col_w = pf.printable.width() / cols;
        std::size_t placed = 0;
        for (std::size_t c = 0; c < pc.columns.size(); ++c) {
            double y = top;
            for (std::size_t k : pc.columns[c]) {
                std::size_t entry = list_cols.overflow[next + k];
                page.items.emplace_back(TextItem{list_lines[entry], {pf.printable.minx + c * col_w, y}, HAlign::Left, VAlign::Top,
                                                 list_width, list_style});
                y += list_heights[entry] + list_gap;
                ++placed;
            }
        }
        out.continuation_pages.push_back(std::move(page));
        next += std::max<std::size_t>(placed, 1);
    }

    // --- Title and footer -------------------------------------------------------------------
    items.emplace_back(TextItem{in.title, {pf.title_band.minx, pf.title_band.miny}, HAlign::Left, VAlign::Top, 0, style.title});
    items.emplace_back(TextItem{in.subtitle, {pf.title_band.maxx, pf.title_band.miny + title_size.height_mm}, HAlign::Right,
                                VAlign::Bottom, 0, style.subtitle});
    std::string foot = map.source_note;
    if (!map.credits.empty()) foot += "　" + map.credits;
    items.emplace_back(TextItem{foot, {pf.footer.minx, pf.footer.maxy}, HAlign::Left, VAlign::Bottom, 0, style.note_text});
    if (!in.crs_label.empty())
        items.emplace_back(TextItem{in.crs_label, {pf.footer.maxx, pf.footer.maxy}, HAlign::Right, VAlign::Bottom, 0, style.note_text});

    // --- Fates ----------------------------------------------------------------------------
    std::map<std::string, std::size_t> callout_index;
    for (std::size_t k = 0; k < callout_info.size(); ++k) callout_index[draws[callout_info[k].work].cw->work.id] = k;
    for (const WorkDraw& d : draws) {
        WorkFate f;
        f.id = d.cw->work.id;
        f.name = d.cw->work.name;
        f.status = to_string(d.cw->status);
        f.status_derived = d.cw->status_derived;
        auto ci = d.callout ? callout_index.find(f.id) : callout_index.end();
        bool has_callout = ci != callout_index.end();
        if (has_callout) {
            f.callout_text = callout_info[ci->second].text;
            for (int a : out.placement.callouts[ci->second].unreached)
                if (a >= 0 && static_cast<std::size_t>(a) < d.anchor_codes.size())
                    f.unreached_municipalities.push_back(d.anchor_codes[a]);
        }
        if (d.visible && has_callout) {
            f.fate = "drawn+callout";
            f.reason = d.callout_reason;
        } else if (d.visible) {
            f.fate = "drawn";
        } else if (has_callout) {
            f.fate = "callout";
            f.reason = d.callout_reason;
        } else {
            f.fate = "not_shown";
            if (d.kind == GeometryKind::None)
                f.reason = d.cw->work.municipalities.empty()
                               ? "no geometry and no municipality code: cannot be located"
                               : "no geometry and its municipality is not on this sheet";
            else
                f.reason = "outside the sheet's extent";
        }
        out.fates.push_back(std::move(f));
    }
    return out;
}

}  // namespace ipmap
