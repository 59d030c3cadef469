#include <catch2/catch.hpp>

#include <algorithm>

#include "render/write_sheet.hpp"
#include "render_support.hpp"
#include "text/measure.hpp"

using namespace ipmap;
using namespace render_test;

namespace {

constexpr double kDpi = 254;        // 10 pixels per millimetre
constexpr double kPxPerMm = kDpi / 25.4;

Image render(const Scene& s, const std::string& name) {
    const ScratchDir dir("draw-" + name);
    const auto png = dir / "out.png";
    write_png(s, png.string(), kDpi);
    return load_png(png);
}

struct PxBox {
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
    bool empty() const { return x1 < 0; }
    // Millimetre bounds of the pixels' outer edges.
    double minx() const { return x0 / kPxPerMm; }
    double miny() const { return y0 / kPxPerMm; }
    double maxx() const { return (x1 + 1) / kPxPerMm; }
    double maxy() const { return (y1 + 1) / kPxPerMm; }
};

template <class Pred>
PxBox bbox_of(const Image& img, Pred pred) {
    PxBox b;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x)
            if (pred(img.at(x, y))) {
                b.x0 = std::min(b.x0, x); b.y0 = std::min(b.y0, y);
                b.x1 = std::max(b.x1, x); b.y1 = std::max(b.y1, y);
            }
    return b;
}

bool is_dark(Rgb c) { return c.r < 160 && c.g < 160 && c.b < 160; }
bool is_reddish(Rgb c) { return c.r > 150 && c.g < 150 && c.b < 150; }

}  // namespace

TEST_CASE("text ink lies inside the measured box at its anchor for every alignment",
          "[render][text]") {
    const std::string text = "後志地域 Ag 令和6年度";
    TextStyle style;
    style.size_pt = 12;
    const double max_w_cases[] = {0, 22};  // single line, and wrapped into several lines
    for (double max_w : max_w_cases) {
        const TextSize size = measure_text(text, style, max_w);
        REQUIRE(size.lines >= (max_w > 0 ? 2 : 1));
        for (HAlign ha : {HAlign::Left, HAlign::Center, HAlign::Right}) {
            for (VAlign va : {VAlign::Top, VAlign::Middle, VAlign::Bottom}) {
                Scene s;
                s.width_mm = 100;
                s.height_mm = 60;
                const XY at{50, 30};
                s.items.push_back(TextItem{text, at, ha, va, max_w, style});
                const Image img = render(s, "anchor");
                const double fx = ha == HAlign::Left ? 0 : ha == HAlign::Center ? 0.5 : 1;
                const double fy = va == VAlign::Top ? 0 : va == VAlign::Middle ? 0.5 : 1;
                const Box box = Box::of(at.x - fx * size.width_mm, at.y - fy * size.height_mm,
                                        at.x + (1 - fx) * size.width_mm, at.y + (1 - fy) * size.height_mm);
                const PxBox ink = bbox_of(img, is_dark);
                INFO("max_w " << max_w << " halign " << int(ha) << " valign " << int(va));
                INFO("box " << box.minx << "," << box.miny << " - " << box.maxx << "," << box.maxy);
                INFO("ink " << ink.minx() << "," << ink.miny() << " - " << ink.maxx() << "," << ink.maxy());
                REQUIRE_FALSE(ink.empty());
                const double tol = 0.15;  // antialiasing: 1.5 px
                CHECK(ink.minx() >= box.minx - tol);
                CHECK(ink.maxx() <= box.maxx + tol);
                CHECK(ink.miny() >= box.miny - tol);
                CHECK(ink.maxy() <= box.maxy + tol);
                // ...and fills most of it: the box is not far off the drawn text.
                CHECK(ink.maxx() - ink.minx() > 0.85 * size.width_mm);
                CHECK(ink.maxy() - ink.miny() > 0.5 * size.height_mm);
            }
        }
    }
}

TEST_CASE("a text halo surrounds the glyphs by halo_mm", "[render][text]") {
    Scene s;
    s.width_mm = 60;
    s.height_mm = 30;
    s.paper = {0, 0, 1, 1};  // blue paper, white halo, black text
    TextItem t{"倶知安", {30, 15}, HAlign::Center, VAlign::Middle, 0, TextStyle{}};
    t.style.size_pt = 14;
    t.style.halo = Rgba{1, 1, 1, 1};
    t.style.halo_mm = 0.8;
    s.items.push_back(t);
    const Image img = render(s, "halo");
    const PxBox ink = bbox_of(img, is_dark);
    const PxBox halo = bbox_of(img, [](Rgb c) { return c.r > 200 && c.g > 200; });
    REQUIRE_FALSE(ink.empty());
    REQUIRE_FALSE(halo.empty());
    CHECK(ink.minx() - halo.minx() == Approx(0.8).margin(0.2));
    CHECK(halo.maxy() - ink.maxy() == Approx(0.8).margin(0.2));
}

TEST_CASE("hatch fills stay inside their polygon and leave holes empty", "[render][fill]") {
    for (FillPattern pat : {FillPattern::Solid, FillPattern::Hatch, FillPattern::CrossHatch, FillPattern::Dots}) {
        Scene s;
        s.width_mm = 60;
        s.height_mm = 60;
        PathItem p;
        p.closed = true;
        p.parts = {{{10, 10}, {50, 10}, {50, 50}, {10, 50}}, {{20, 20}, {40, 20}, {40, 40}, {20, 40}}};
        p.fill = Fill{{1, 0, 0, 1}, pat, 1.5, 0.3, 45};
        s.items.push_back(p);
        const Image img = render(s, "hatch");
        INFO("pattern " << int(pat));
        const PxBox red = bbox_of(img, is_reddish);
        REQUIRE_FALSE(red.empty());
        CHECK(red.minx() >= 10 - 0.1);
        CHECK(red.maxx() <= 50 + 0.1);
        CHECK(red.miny() >= 10 - 0.1);
        CHECK(red.maxy() <= 50 + 0.1);
        // Nothing in the hole (even-odd), coverage in the ring fits the pattern.
        int ring = 0, ring_red = 0, hole_red = 0;
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x) {
                const double mx = (x + 0.5) / kPxPerMm, my = (y + 0.5) / kPxPerMm;
                const bool in_outer = mx > 10.2 && mx < 49.8 && my > 10.2 && my < 49.8;
                const bool in_hole = mx > 20.2 && mx < 39.8 && my > 20.2 && my < 39.8;
                const bool near_hole = mx > 19.8 && mx < 40.2 && my > 19.8 && my < 40.2;
                const bool r = !is_white(img.at(x, y));
                if (in_hole) hole_red += r;
                else if (in_outer && !near_hole) { ++ring; ring_red += r; }
            }
        CHECK(hole_red == 0);
        const double coverage = double(ring_red) / ring;
        if (pat == FillPattern::Solid) CHECK(coverage > 0.99);
        else {
            CHECK(coverage > 0.05);
            CHECK(coverage < 0.6);
        }
    }
}

TEST_CASE("clips are rectangles, nest, and end at ClipEnd", "[render][clip]") {
    Scene s;
    s.width_mm = 60;
    s.height_mm = 60;
    PathItem full;
    full.closed = true;
    full.parts = {{{0, 0}, {60, 0}, {60, 60}, {0, 60}}};
    full.fill = Fill{{0, 0, 0, 1}};
    s.items.push_back(ClipBegin{Box::of(0, 0, 30, 60)});
    s.items.push_back(ClipBegin{Box::of(20, 0, 60, 30)});
    s.items.push_back(full);  // only x 20..30, y 0..30
    s.items.push_back(ClipEnd{});
    PathItem line;
    line.parts = {{{0, 45}, {60, 45}}};
    line.strokes = {Stroke{{0, 0, 0, 1}, 2, {}, false}};
    s.items.push_back(line);  // only x 0..30
    s.items.push_back(ClipEnd{});
    s.items.push_back(SymbolItem{{45, 45}, SymbolShape::Square, 4, Fill{{0, 0, 0, 1}}, std::nullopt});
    const Image img = render(s, "clip");
    CHECK(is_dark(img.at_mm(25, 10, kPxPerMm)));
    CHECK(is_white(img.at_mm(10, 10, kPxPerMm)));
    CHECK(is_white(img.at_mm(40, 10, kPxPerMm)));
    CHECK(is_white(img.at_mm(25, 35, kPxPerMm)));
    CHECK(is_dark(img.at_mm(10, 45, kPxPerMm)));
    CHECK(is_white(img.at_mm(35, 45, kPxPerMm)));
    CHECK(is_dark(img.at_mm(45, 45, kPxPerMm)));  // drawn after both clips ended
}

TEST_CASE("dashed strokes leave gaps and later strokes paint over earlier ones", "[render][stroke]") {
    Scene s;
    s.width_mm = 60;
    s.height_mm = 20;
    PathItem p;
    p.parts = {{{5, 10}, {55, 10}}};
    p.strokes = {Stroke{{0, 0, 0, 1}, 2, {}, false}, Stroke{{1, 0, 0, 1}, 1, {4, 2}, false}};
    s.items.push_back(p);
    const Image img = render(s, "dash");
    // Dash period 6 mm from x = 5: red on 5..9, black gap 9..11, red again 11..15.
    CHECK(is_reddish(img.at_mm(7, 10, kPxPerMm)));
    CHECK(is_dark(img.at_mm(10, 10, kPxPerMm)));
    CHECK(is_reddish(img.at_mm(13, 10, kPxPerMm)));
    CHECK(is_dark(img.at_mm(7, 10.8, kPxPerMm)));  // casing shows beside the core
    CHECK(is_white(img.at_mm(3, 10, kPxPerMm)));   // butt caps end at the path ends
}

TEST_CASE("symbols are centred on their point and sized by size_mm", "[render][symbol]") {
    for (SymbolShape shape : {SymbolShape::Circle, SymbolShape::Square, SymbolShape::Triangle,
                              SymbolShape::Diamond, SymbolShape::Star, SymbolShape::Cross,
                              SymbolShape::TriangleDown, SymbolShape::Pentagon, SymbolShape::Hexagon,
                              SymbolShape::Saltire}) {
        Scene s;
        s.width_mm = 20;
        s.height_mm = 20;
        s.items.push_back(SymbolItem{{10, 10}, shape, 8, Fill{{0, 0, 0, 1}}, std::nullopt});
        const Image img = render(s, "symbol");
        INFO("shape " << int(shape));
        const PxBox ink = bbox_of(img, is_dark);
        REQUIRE_FALSE(ink.empty());
        CHECK(ink.maxx() - ink.minx() <= 8.2);
        CHECK(ink.maxy() - ink.miny() <= 8.2);
        CHECK(ink.maxx() - ink.minx() >= 6.5);
        CHECK((ink.minx() + ink.maxx()) / 2 == Approx(10).margin(0.2));
        if (shape != SymbolShape::Triangle && shape != SymbolShape::Star && shape != SymbolShape::TriangleDown &&
            shape != SymbolShape::Pentagon)
            CHECK((ink.miny() + ink.maxy()) / 2 == Approx(10).margin(0.2));
    }
    // Hollow: stroke only leaves the centre unpainted.
    Scene s;
    s.width_mm = 20;
    s.height_mm = 20;
    s.items.push_back(SymbolItem{{10, 10}, SymbolShape::Circle, 8, std::nullopt, Stroke{{0, 0, 0, 1}, 0.5, {}, true}});
    const Image img = render(s, "hollow");
    CHECK(is_white(img.at_mm(10, 10, kPxPerMm)));
    CHECK(is_dark(img.at_mm(14, 10, kPxPerMm)));
}
