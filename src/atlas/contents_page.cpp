#include "atlas/contents_page.hpp"

#include <algorithm>

namespace ipmap {

std::vector<Scene> contents_pages(const AtlasIndex& ix, double w, double h, const std::string& font) {
    const double margin = 15, row = 6.0, top = 34;
    std::vector<const SheetOutcome*> rows;
    for (const auto& s : ix.sheets)
        if (s.state != "failed") rows.push_back(&s);
    const int per_page = std::max(1, static_cast<int>((h - top - margin - 8) / row));
    const int pages = std::max(1, static_cast<int>((rows.size() + per_page - 1) / per_page));
    // Page of each sheet in the combined document: after the contents, a sheet whose
    // list continues takes two pages or more.
    std::vector<int> first_page;
    int next = pages + 1;
    for (const SheetOutcome* r : rows) {
        first_page.push_back(next);
        next += std::max(1, r->pages);
    }

    TextStyle title{font, 16, true, Rgba{0.1, 0.1, 0.1, 1}};
    TextStyle head{font, 8.5, true, Rgba{0.2, 0.2, 0.2, 1}};
    TextStyle text{font, 8.5, false, Rgba{0.1, 0.1, 0.1, 1}};
    std::vector<Scene> out;
    const double cols[] = {margin, margin + 14, margin + 34, w - margin - 70, w - margin - 48, w - margin - 24, w - margin};
    for (int p = 0; p < pages; ++p) {
        Scene s;
        s.width_mm = w;
        s.height_mm = h;
        s.title = "目次";
        s.items.emplace_back(TextItem{ix.title + "　目次", {margin, margin}, HAlign::Left, VAlign::Top, 0, title});
        s.items.emplace_back(TextItem{ix.fiscal_year_label + "　" + std::to_string(rows.size()) + " 図葉",
                                      {w - margin, margin + 2}, HAlign::Right, VAlign::Top, 0, text});
        double y = top;
        const char* heads[] = {"頁", "コード", "市町村", "事業", "吹き出し", "一覧"};
        HAlign al[] = {HAlign::Left, HAlign::Left, HAlign::Left, HAlign::Right, HAlign::Right, HAlign::Right};
        double xs[] = {cols[0], cols[1], cols[2], cols[4] - 4, cols[5] - 4, cols[6]};
        for (int c = 0; c < 6; ++c) s.items.emplace_back(TextItem{heads[c], {xs[c], y}, al[c], VAlign::Bottom, 0, head});
        PathItem rule;
        rule.parts = {{{margin, y + 1}, {w - margin, y + 1}}};
        rule.strokes.push_back(Stroke{Rgba{0.3, 0.3, 0.3, 1}, 0.3, {}, false});
        s.items.emplace_back(std::move(rule));
        y += 1 + row;
        for (int i = p * per_page; i < std::min<int>(rows.size(), (p + 1) * per_page); ++i) {
            const SheetOutcome& r = *rows[i];
            std::string cells[] = {std::to_string(first_page[i]), r.id, r.name, std::to_string(r.works),
                                   std::to_string(r.callouts), std::to_string(r.listed)};
            for (int c = 0; c < 6; ++c)
                s.items.emplace_back(TextItem{cells[c], {xs[c], y}, al[c], VAlign::Bottom, 0, text});
            y += row;
        }
        s.items.emplace_back(TextItem{std::to_string(p + 1) + " / " + std::to_string(pages), {w / 2, h - margin / 2},
                                      HAlign::Center, VAlign::Bottom, 0, text});
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace ipmap
