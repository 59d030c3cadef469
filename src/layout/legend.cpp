#include "layout/legend.hpp"

#include <algorithm>
#include <variant>

#include "layout/symbolize.hpp"
#include "text/measure.hpp"

namespace ipmap {

namespace {

const Rgba kNeutral{0.3, 0.3, 0.3, 1};

void translate(SceneItem& item, XY d) {
    auto mv = [&](XY& p) { p.x += d.x; p.y += d.y; };
    std::visit([&](auto& it) {
        using T = std::decay_t<decltype(it)>;
        if constexpr (std::is_same_v<T, PathItem>) {
            for (auto& part : it.parts) for (auto& p : part) mv(p);
        } else if constexpr (std::is_same_v<T, SymbolItem> || std::is_same_v<T, TextItem>) {
            mv(it.at);
        } else if constexpr (std::is_same_v<T, ClipBegin>) {
            it.box.minx += d.x; it.box.maxx += d.x; it.box.miny += d.y; it.box.maxy += d.y;
        }
    }, item);
}

Work neutral_work(Owner owner, const std::string& category) {
    Work w;
    w.owner = owner;
    w.category = category;
    return w;
}

}  // namespace

void Legend::draw(XY origin, std::vector<SceneItem>& out) const {
    double y = origin.y + pad;
    for (const auto& row : rows) {
        if (row.heading) {
            out.emplace_back(TextItem{row.label, {origin.x + pad, y}, HAlign::Left, VAlign::Top, 0, heading_style});
        } else {
            for (auto item : row.swatch) {
                translate(item, {origin.x + pad, y});
                out.push_back(std::move(item));
            }
            out.emplace_back(TextItem{row.label, {origin.x + pad + swatch_w + 2, y + row.height_mm / 2},
                                      HAlign::Left, VAlign::Middle, 0, text_style});
        }
        y += row.height_mm;
    }
}

Legend build_legend(const LegendUse& use, const StyleSheet& style, const std::string& fy_label) {
    Legend L;
    L.heading_style = style.legend_title;
    L.text_style = style.legend_text;
    const double row_h = std::max(4.2, measure_text("国", style.legend_text).height_mm + 1.2);
    const double head_h = measure_text("凡例", style.legend_title).height_mm + 1.4;
    auto heading = [&](const std::string& s) { L.rows.push_back({s, {}, true, head_h}); };
    auto row = [&](const std::string& s, std::vector<SceneItem> sw) { L.rows.push_back({s, std::move(sw), false, row_h}); };
    const double mid = row_h / 2;

    heading("凡例");
    if (!use.owners.empty()) {
        heading("事業主体");
        for (Owner o : use.owners) {
            WorkStyle ws = style.resolve(neutral_work(o, ""), Status::Completed, GeometryKind::Line);
            std::vector<SceneItem> sw;
            Geometry g;
            g.lines.push_back({{0, mid}, {L.swatch_w, mid}});
            symbolize_work(g, ws, sw);
            row(style.owner_label(o), std::move(sw));
        }
    }
    if (!use.statuses.empty()) {
        heading("進捗状況（" + fy_label + "）");
        for (Status s : use.statuses) {
            WorkStyle ws = style.resolve(neutral_work(Owner::Other, ""), s, GeometryKind::Line);
            ws.color = kNeutral;
            ws.casing_color.reset();
            std::vector<SceneItem> sw;
            Geometry line;
            line.lines.push_back({{0, mid}, {5.0, mid}});
            symbolize_work(line, ws, sw);
            if (use.kinds.count(GeometryKind::Polygon)) {
                Geometry area;
                area.polygons.push_back(Polygon{{{{6.2, mid - 1.4}, {8.4, mid - 1.4}, {8.4, mid + 1.4}, {6.2, mid + 1.4}}}});
                symbolize_work(area, ws, sw);
            }
            WorkStyle ps = ws;
            ps.symbol = SymbolShape::Circle;
            ps.symbol_size_mm = 2.4;
            symbol_items({10.0, mid}, ps, sw);
            row(style.status_label(s), std::move(sw));
        }
    }
    if (!use.point_categories.empty()) {
        heading("事業区分（記号）");
        // The usual order of the register's categories; others follow by name, その他 last.
        static const std::vector<std::string> order{"道路", "橋梁", "河川", "砂防", "治山", "海岸", "港湾", "漁港",
                                                    "空港", "農業", "林道", "公園", "下水道"};
        auto rank = [&](const std::string& c) {
            auto it = std::find(order.begin(), order.end(), c);
            return c == "その他" ? static_cast<long>(order.size()) + 1 : it == order.end() ? static_cast<long>(order.size())
                                                                                         : it - order.begin();
        };
        std::vector<std::string> cats(use.point_categories.begin(), use.point_categories.end());
        std::stable_sort(cats.begin(), cats.end(), [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
        for (const auto& c : cats) {
            WorkStyle ws = style.resolve(neutral_work(Owner::Other, c), Status::Completed, GeometryKind::Point);
            ws.color = kNeutral;
            ws.casing_color.reset();
            std::vector<SceneItem> sw;
            symbol_items({3.0, mid}, ws, sw);
            row(c, std::move(sw));
        }
    }
    heading("その他");
    if (use.municipal_boundaries) {
        auto it = style.classes.find("municipality");
        std::vector<SceneItem> sw;
        if (it != style.classes.end() && it->second.stroke) {
            PathItem p;
            p.parts = {{{0, mid}, {L.swatch_w, mid}}};
            p.strokes.push_back(*it->second.stroke);
            sw.emplace_back(std::move(p));
        }
        row("市町村界", std::move(sw));
    }
    if (use.callouts) {
        std::vector<SceneItem> sw;
        PathItem leader;
        leader.parts = {{{0.6, mid + 1.2}, {4.0, mid - 0.2}}};
        leader.strokes.push_back(Stroke{style.leader_color, style.leader_width_mm, {}, true});
        sw.emplace_back(std::move(leader));
        sw.emplace_back(SymbolItem{{0.6, mid + 1.2}, SymbolShape::Circle, 0.9, Fill{style.leader_color}, std::nullopt});
        PathItem box;
        box.closed = true;
        box.parts = {{{4.0, mid - 1.6}, {L.swatch_w, mid - 1.6}, {L.swatch_w, mid + 1.2}, {4.0, mid + 1.2}}};
        box.fill = Fill{style.callout_fill};
        box.strokes.push_back(Stroke{style.callout_border, style.callout_border_mm, {}, false});
        sw.emplace_back(std::move(box));
        row("吹き出し：事業名・着手年度・進捗", std::move(sw));
    }
    if (use.listed) {
        std::vector<SceneItem> sw;
        sw.emplace_back(SymbolItem{{3.0, mid}, SymbolShape::Circle, 3.2, Fill{Rgba{1, 1, 1, 1}}, Stroke{kNeutral, 0.3, {}, false}});
        TextStyle ts = style.legend_text;
        ts.size_pt = 5.5;
        sw.emplace_back(TextItem{"1", {3.0, mid}, HAlign::Center, VAlign::Middle, 0, ts});
        row("番号：一覧表を参照", std::move(sw));
    }
    if (use.projects) {
        heading("対象プロジェクト");
        row("① 農林水産業の持続的発展・ブランド化推進", {});
        row("② 地域資源を活用した持続可能な観光地域づくり", {});
        row("③ 誰もが安全安心に暮らせる地域づくり", {});
    }

    double w = 0, h = 0;
    for (const auto& r : L.rows) {
        double tw = measure_text(r.label, r.heading ? L.heading_style : L.text_style).width_mm;
        w = std::max(w, r.heading ? tw : L.swatch_w + 2 + tw);
        h += r.height_mm;
    }
    L.width_mm = w + 2 * L.pad;
    L.height_mm = h + 2 * L.pad;
    return L;
}

}  // namespace ipmap
