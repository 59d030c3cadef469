#include <catch2/catch.hpp>

#include <cmath>

#include "render/write_sheet.hpp"
#include "render_support.hpp"
#include "text/measure.hpp"

// Writes a sheet with every primitive to <build>/tests/render_out/ (the test's working
// directory) for a person to look at: demo.png (150 dpi) and demo.pdf.

using namespace ipmap;
using namespace render_test;

namespace {

PathItem rect(double x0, double y0, double x1, double y1, std::optional<Fill> fill,
              std::vector<Stroke> strokes = {}) {
    PathItem p;
    p.closed = true;
    p.parts = {{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}};
    p.fill = fill;
    p.strokes = std::move(strokes);
    return p;
}

TextItem text(std::string s, XY at, double pt, HAlign ha = HAlign::Left, VAlign va = VAlign::Top) {
    TextItem t;
    t.text = std::move(s);
    t.at = at;
    t.halign = ha;
    t.valign = va;
    t.style.size_pt = pt;
    return t;
}

Scene demo_scene() {
    Scene s;  // A3 landscape
    s.title = "後志地域３プロジェクトを支えるインフラ整備進捗図";
    const Stroke thin{{0, 0, 0, 1}, 0.25, {}, false};

    // Title bar.
    s.items.push_back(rect(10, 10, 410, 28, Fill{{0.12, 0.25, 0.45, 1}}));
    TextItem title = text(s.title, {210, 19}, 20, HAlign::Center, VAlign::Middle);
    title.style.bold = true;
    title.style.color = {1, 1, 1, 1};
    s.items.push_back(title);
    s.items.push_back(text("令和6年度末時点", {405, 19}, 10, HAlign::Right, VAlign::Middle));
    std::get<TextItem>(s.items.back()).style.color = {1, 1, 1, 1};

    // Map frame, clipped: content overflowing the frame is cut.
    const Box frame = Box::of(10, 32, 300, 287);
    s.items.push_back(rect(frame.minx, frame.miny, frame.maxx, frame.maxy, Fill{{0.85, 0.93, 1, 1}}));
    s.items.push_back(ClipBegin{frame});
    // Land with a lake (even-odd hole).
    PathItem land;
    land.closed = true;
    land.parts = {{{-20, 60}, {150, 40}, {320, 70}, {320, 300}, {-20, 300}},
                  {{60, 150}, {110, 140}, {120, 190}, {70, 200}}};
    land.fill = Fill{{0.96, 0.95, 0.9, 1}};
    land.strokes = {Stroke{{0.4, 0.5, 0.6, 1}, 0.35, {}, true}};
    s.items.push_back(land);
    // Project areas with each fill pattern; the hatched one overflows the frame.
    s.items.push_back(rect(150, 90, 210, 140, Fill{{0.85, 0.2, 0.1, 1}, FillPattern::Hatch, 2, 0.35, 45},
                           {Stroke{{0.85, 0.2, 0.1, 1}, 0.5, {}, true}}));
    s.items.push_back(rect(220, 90, 330, 140, Fill{{0.1, 0.5, 0.2, 1}, FillPattern::CrossHatch, 2.5, 0.25, 30},
                           {Stroke{{0.1, 0.5, 0.2, 1}, 0.5, {}, true}}));
    s.items.push_back(rect(150, 160, 210, 210, Fill{{0.5, 0.1, 0.6, 1}, FillPattern::Dots, 2, 0.4, 0},
                           {Stroke{{0.5, 0.1, 0.6, 1}, 0.5, {2, 1}, false}}));
    s.items.push_back(rect(220, 160, 280, 210, Fill{{1, 0.8, 0.2, 0.7}}, {thin}));
    // Roads: expressway (casing + core), dashed planned section, railway.
    PathItem road;
    road.parts = {{{20, 250}, {80, 230}, {140, 235}, {200, 220}, {290, 240}}};
    road.strokes = {Stroke{{0.3, 0.1, 0.1, 1}, 2.2, {}, true}, Stroke{{0.95, 0.45, 0.2, 1}, 1.4, {}, true}};
    s.items.push_back(road);
    PathItem planned;
    planned.parts = {{{200, 220}, {240, 180}, {290, 170}}};
    planned.strokes = {Stroke{{0.95, 0.45, 0.2, 1}, 1.2, {3, 1.5}, false}};
    s.items.push_back(planned);
    PathItem rail;
    rail.parts = {{{20, 270}, {150, 262}, {290, 275}}};
    rail.strokes = {Stroke{{0, 0, 0, 1}, 1.0, {}, false}, Stroke{{1, 1, 1, 1}, 0.6, {4, 4}, false}};
    s.items.push_back(rail);
    // Labels with halo over the patterns.
    TextItem lbl = text("倶知安町", {180, 115}, 12, HAlign::Center, VAlign::Middle);
    lbl.style.bold = true;
    lbl.style.halo = Rgba{1, 1, 1, 1};
    lbl.style.halo_mm = 0.6;
    s.items.push_back(lbl);
    TextItem lbl2 = text("余市町（道路改良）", {275, 115}, 10, HAlign::Center, VAlign::Middle);
    lbl2.style.halo = Rgba{1, 1, 1, 1};
    s.items.push_back(lbl2);
    // A callout: wrapped Japanese text in a box with a leader line, placed from measure_text.
    const std::string note =
        "北海道新幹線（新函館北斗〜札幌）の倶知安駅周辺整備、後志自動車道の延伸、国道5号の改良を一体で進める。";
    TextStyle ns;
    ns.size_pt = 9;
    const double max_w = 60;
    const TextSize sz = measure_text(note, ns, max_w);
    const XY box_at{30, 80};
    const double pad = 1.5;
    PathItem leader;
    leader.parts = {{{box_at.x + sz.width_mm / 2, box_at.y + sz.height_mm + pad}, {180, 115}}};
    leader.strokes = {thin};
    s.items.push_back(leader);
    s.items.push_back(rect(box_at.x - pad, box_at.y - pad, box_at.x + sz.width_mm + pad,
                           box_at.y + sz.height_mm + pad, Fill{{1, 1, 1, 0.92}}, {thin}));
    TextItem callout = text(note, box_at, 9);
    callout.max_width_mm = max_w;
    callout.style = ns;
    s.items.push_back(callout);
    // Symbols.
    const SymbolShape shapes[] = {SymbolShape::Circle, SymbolShape::Square, SymbolShape::Triangle,
                                  SymbolShape::Diamond, SymbolShape::Star, SymbolShape::Cross};
    for (int i = 0; i < 6; ++i) {
        s.items.push_back(SymbolItem{{40.0 + 20 * i, 225}, shapes[i], 6, Fill{{0.9, 0.1, 0.1, 1}},
                                     Stroke{{0, 0, 0, 1}, 0.3, {}, true}});
        s.items.push_back(SymbolItem{{40.0 + 20 * i, 210}, shapes[i], 6, std::nullopt,
                                     Stroke{{0, 0, 0.6, 1}, 0.4, {}, true}});
    }
    s.items.push_back(ClipEnd{});
    s.items.push_back(rect(frame.minx, frame.miny, frame.maxx, frame.maxy, std::nullopt,
                           {Stroke{{0, 0, 0, 1}, 0.5, {}, false}}));

    // Legend with right, centre and left aligned multi-line text.
    s.items.push_back(rect(305, 32, 410, 287, Fill{{1, 1, 1, 1}}, {thin}));
    s.items.push_back(text("凡例", {357.5, 36}, 14, HAlign::Center));
    const char* entries[] = {"完成（令和6年度）", "事業中", "計画・調査中", "その他"};
    const FillPattern pats[] = {FillPattern::Solid, FillPattern::Hatch, FillPattern::CrossHatch, FillPattern::Dots};
    for (int i = 0; i < 4; ++i) {
        const double y = 50 + 12 * i;
        s.items.push_back(rect(310, y, 325, y + 8, Fill{{0.85, 0.2, 0.1, 1}, pats[i], 1.5, 0.3, 45}, {thin}));
        s.items.push_back(text(entries[i], {330, y + 4}, 10, HAlign::Left, VAlign::Middle));
    }
    TextItem ml = text("右寄せ\n複数行の\nテキスト", {405, 110}, 9, HAlign::Right);
    s.items.push_back(ml);
    TextItem mc = text("中央寄せ\n複数行のテキスト\n例", {357.5, 140}, 9, HAlign::Center);
    s.items.push_back(mc);
    TextItem wrapped = text("出典：国土地理院地図、北海道開発局資料をもとに作成。整備状況は令和7年3月31日現在。",
                            {310, 270}, 7, HAlign::Left, VAlign::Bottom);
    wrapped.max_width_mm = 95;
    s.items.push_back(wrapped);
    return s;
}

}  // namespace

TEST_CASE("demo sheet with every primitive is written for inspection", "[render][demo]") {
    const fs::path dir = fs::current_path() / "render_out";
    fs::create_directories(dir);
    const Scene s = demo_scene();
    write_png(s, (dir / "demo.png").string(), 150);
    write_pdf(s, (dir / "demo.pdf").string());
    CHECK(fs::file_size(dir / "demo.png") > 10000);
    CHECK(fs::file_size(dir / "demo.pdf") > 10000);
    const Image img = load_png(dir / "demo.png");
    CHECK(img.width == 2480);
    CHECK(img.height == 1754);
}
