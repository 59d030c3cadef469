#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <unistd.h>

#include "config/map_spec.hpp"
#include "layout/compose_sheet.hpp"
#include "layout/narrow_shape.hpp"
#include "text/measure.hpp"
#include "text/wrap_lines.hpp"
#include "sheet_fixture.hpp"

using namespace ipmap;
using namespace ipmap::test;

namespace {

/// A crowded sheet: one municipality, dozens of works without geometry (all anchored at the
/// same point, its label spot) and a tight cluster of point works, every one with a callout,
/// more than the map has room for.
SyntheticSheet crowded_sheet() {
    SyntheticSheet s;
    s.add_municipality("01001", "密集町", square(0, 0, 20000, 20000));
    // A town centre: a grid of 6 x 6 sites 700 m (about 9 mm) apart, three works registered at
    // each site, every one with a callout — more than the map has room for.
    int n = 0;
    for (int gx = 0; gx < 6; ++gx)
        for (int gy = 0; gy < 6; ++gy)
            for (int k = 0; k < 3; ++k) {
                Geometry g;
                g.points.push_back({9000 + 700.0 * gx, 9000 + 700.0 * gy});
                s.add_work("P-" + std::to_string(100 + n), "市街地の施設長寿命化修繕事業その" + std::to_string(n), {"01001"}, g);
                ++n;
            }
    return s;
}

}  // namespace

TEST_CASE("numbered markers overlap no other marker, no balloon and no leader (from the scene)", "[layout][markers]") {
    SyntheticSheet s = crowded_sheet();
    const SheetLayout out = compose_sheet(s.input(Box{0, 0, 20000, 20000}));
    const auto& st = out.placement.stats;
    INFO("in map " << st.placed_in_map << ", margin " << st.placed_in_margin << ", listed " << st.listed);
    // The case is crowded: many callouts go to the list, several of them from one anchor.
    REQUIRE(st.listed >= 20);
    int shared_anchor = 0;
    for (std::size_t i = 0; i < out.placement.callouts.size(); ++i)
        for (std::size_t j = i + 1; j < out.placement.callouts.size(); ++j) {
            const auto& a = out.placement.callouts[i];
            const auto& b = out.placement.callouts[j];
            shared_anchor += a.tier == place::Tier::List && b.tier == place::Tier::List && a.anchor == b.anchor;
        }
    REQUIRE(shared_anchor > 0);

    const SceneGeometry g = read_scene(out.scene, s.map.style);
    REQUIRE(static_cast<int>(g.markers.size()) == st.listed);  // one marker per listed callout
    const double r = g.marker_radius;
    REQUIRE(r > 1.0);
    int marker_pairs = 0, on_balloon = 0, crossed = 0;
    for (std::size_t i = 0; i < g.markers.size(); ++i) {
        const XY m = g.markers[i];
        for (std::size_t j = i + 1; j < g.markers.size(); ++j)
            marker_pairs += std::hypot(g.markers[j].x - m.x, g.markers[j].y - m.y) < 2 * r;
        on_balloon += std::any_of(g.balloons.begin(), g.balloons.end(), [&](const Box& b) { return distance(m, b) < r; });
        crossed += std::any_of(g.leaders.begin(), g.leaders.end(), [&](const Path& l) {
            for (std::size_t k = 0; k + 1 < l.size(); ++k)
                if (distance(m, l[k], l[k + 1]) < r) return true;
            return false;
        });
    }
    CHECK(marker_pairs == 0);
    CHECK(on_balloon == 0);
    CHECK(crossed == 0);
    CHECK(out.marker_audit.conflicts() == 0);
}

TEST_CASE("a work spanning several sheets says the same thing on each ({municipalities})", "[layout][atlas]") {
    SyntheticSheet s;
    s.map.callout.template_text = "{name}（{municipalities}）";
    // Four towns in a row, 10 km each; the work spans the first three.
    s.add_municipality("01001", "岩内町", square(0, 0, 10000, 10000));
    s.add_municipality("01002", "共和町", square(10000, 0, 20000, 10000));
    s.add_municipality("01003", "蘭越町", square(20000, 0, 30000, 10000));
    s.add_municipality("01004", "ニセコ町", square(30000, 0, 40000, 10000));
    s.add_work("D-001", "広域の維持管理事業", {"01001", "01002", "01003"});
    auto text_on = [&](const Box& extent, const std::string& focus) {
        const SheetLayout out = compose_sheet(s.input(extent, focus));
        REQUIRE(out.fates.size() == 1);
        CHECK(out.fates[0].fate == "callout");
        return out.fates[0].callout_text;
    };
    // The 岩内町 sheet shows 岩内町 and a little of 共和町; the 共和町 sheet also shows its two
    // neighbours; the 蘭越町 sheet shows neither 岩内町 nor 共和町 in full.
    const std::string a = text_on(Box{0, 0, 10000, 10000}, "01001");
    const std::string b = text_on(Box{10000, 0, 20000, 10000}, "01002");
    const std::string c = text_on(Box{20000, 0, 30000, 10000}, "01003");
    CHECK(a == "広域の維持管理事業（岩内町・共和町・蘭越町）");
    CHECK(b == a);
    CHECK(c == a);
}

namespace {

/// The project's style with one line replaced, loaded from a file.
StyleSheet style_with(const std::string& line, const std::string& replacement) {
    std::ifstream in(IPMAP_SOURCE_DIR "/styles/progress.toml", std::ios::binary);
    std::string text{std::istreambuf_iterator<char>(in), {}};
    const auto at = text.find(line);
    REQUIRE(at != std::string::npos);
    text.replace(at, line.size(), replacement);
    const auto path = std::filesystem::temp_directory_path() /
                      ("ipmap-style-" + std::to_string(::getpid()) + ".toml");
    std::ofstream(path, std::ios::binary) << text;
    StyleSheet s = load_style(path.string());
    std::filesystem::remove(path);
    return s;
}

/// The project's style with [callout.weights] cover_soft replaced.
StyleSheet style_with_cover_soft(const std::string& value) { return style_with("cover_soft = 0.05", "cover_soft = " + value); }

/// Towns whose names sit among works: balloons near the works compete for the space
/// around the names. (Balloons keep 1 mm off a name, a hard box, and the soft zone reaches
/// 1.5 mm: the areas it measures are small.)
SyntheticSheet towns_with_works() {
    SyntheticSheet s;
    const char* names[] = {"岩内町", "共和町", "蘭越町", "ニセコ町", "倶知安町", "京極町"};
    int n = 0;
    for (int k = 0; k < 6; ++k) {
        const double x = (k % 3) * 8000.0, y = (k / 3) * 8000.0;
        const std::string code = "0100" + std::to_string(k + 1);
        s.add_municipality(code, names[k], square(x, y, x + 8000, y + 8000));
        for (int j = 0; j < 12; ++j) {
            Geometry g;
            const double a = j * 0.9;
            g.points.push_back({x + 4000 + 300 * std::cos(a), y + 4000 + 220 * std::sin(a)});
            s.add_work("W-" + std::to_string(100 + n), std::string(names[k]) + "地区の施設修繕" + std::to_string(n), {code}, g);
            ++n;
        }
    }
    return s;
}

double covered(const place::PlacementResult& p, const std::vector<Box>& soft) {
    double area = 0;
    for (const auto& c : p.callouts) {
        if (c.box.empty()) continue;
        for (const Box& b : soft) {
            const double w = std::min(c.box.maxx, b.maxx) - std::max(c.box.minx, b.minx);
            const double h = std::min(c.box.maxy, b.maxy) - std::max(c.box.miny, b.miny);
            if (w > 0 && h > 0) area += w * h;
        }
    }
    return area;
}

}  // namespace

TEST_CASE("[callout.weights] cover_soft from the style file steers balloons off the names' surroundings", "[layout][weights]") {
    SyntheticSheet s = towns_with_works();
    const Box extent{0, 0, 24000, 16000};
    s.map.style = style_with_cover_soft("0");
    const SheetLayout free = compose_sheet(s.input(extent));
    s.map.style = style_with_cover_soft("5");
    const SheetLayout shy = compose_sheet(s.input(extent));
    // The weight from the file is the one the engine got.
    CHECK(free.placement_options.weights.cover_soft == 0);
    CHECK(shy.placement_options.weights.cover_soft == 5);
    CHECK(shy.placement_options.weights.leader_length == 1.0);
    // Every municipality name's surroundings are soft; the names themselves stay hard.
    REQUIRE(shy.soft_boxes.size() == 6);
    // ... and it changes the placement: balloons leave the space around the names.
    const double a0 = covered(free.placement, shy.soft_boxes), a1 = covered(shy.placement, shy.soft_boxes);
    INFO("soft area covered: " << a0 << " mm² at cover_soft 0, " << a1 << " mm² at 5");
    CHECK(a0 > 0);
    CHECK(a1 < a0);
    CHECK(free.placement.stats.overlaps == 0);
    CHECK(shy.placement.stats.overlaps == 0);
}

TEST_CASE("the reported solve time is the total of every solve, list-panel rounds included", "[layout][solve_ms]") {
    SyntheticSheet s = crowded_sheet();
    const SheetLayout out = compose_sheet(s.input(Box{0, 0, 20000, 20000}));
    REQUIRE(out.placement.stats.listed > 0);
    // A list panel is reserved, so the callouts were solved again at least once.
    REQUIRE(out.solve_ms.size() >= 2);
    double sum = 0;
    for (double ms : out.solve_ms) {
        CHECK(ms > 0);
        sum += ms;
    }
    CHECK(out.placement.stats.solve_ms == Approx(sum));
    CHECK(out.placement.stats.solve_ms > out.solve_ms.back());
}

TEST_CASE("on an atlas sheet balloons cover the dimmed neighbours rather than the sheet's municipality", "[layout][atlas]") {
    // A 3 x 3 block of towns, 6 km each; the sheet is about the middle one, whose works sit
    // near its edges.
    SyntheticSheet s;
    int k = 0;
    for (int gy = 0; gy < 3; ++gy)
        for (int gx = 0; gx < 3; ++gx, ++k) {
            const std::string code = "0100" + std::to_string(k + 1);
            s.add_municipality(code, "町" + std::to_string(k + 1), square(gx * 6000.0, gy * 6000.0, gx * 6000.0 + 6000, gy * 6000.0 + 6000));
        }
    const std::string focus = "01005";
    int n = 0;
    for (double t = 0; t < 2 * M_PI - 1e-9; t += M_PI / 6) {
        Geometry g;
        g.points.push_back({9000 + 2400 * std::cos(t), 9000 + 2400 * std::sin(t)});
        s.add_work("E-" + std::to_string(100 + n), "周縁部の施設修繕事業" + std::to_string(n), {focus}, g);
        ++n;
    }
    const Box extent{5000, 5000, 13000, 13000};
    auto focus_covered = [&](const std::string& focus_code) {
        const SheetLayout out = compose_sheet(s.input(extent, focus_code));
        const XY a = out.transform.to_page({6000, 12000}), b = out.transform.to_page({12000, 6000});
        const Box town = Box::of(a.x, a.y, b.x, b.y);
        double area = 0;
        int balloons = 0;
        for (const auto& c : out.placement.callouts) {
            if (c.box.empty()) continue;
            ++balloons;
            const double w = std::min(c.box.maxx, town.maxx) - std::max(c.box.minx, town.minx);
            const double h = std::min(c.box.maxy, town.maxy) - std::max(c.box.miny, town.miny);
            if (w > 0 && h > 0) area += w * h;
        }
        CHECK(balloons == n);
        return area;
    };
    const double plain = focus_covered("");       // every town is land alike
    const double atlas = focus_covered(focus);    // the neighbours are background
    INFO("balloon area over the sheet's town: " << plain << " mm2 without focus, " << atlas << " with");
    CHECK(atlas < 0.8 * plain);

    // [callout.weights] cover_focus weighs the sheet's own municipality (cover_land the
    // land of a sheet that is not an atlas sheet); the higher, the less of it is covered.
    CHECK(compose_sheet(s.input(extent)).placement_options.weights.cover_land == 0.08);
    CHECK(compose_sheet(s.input(extent, focus)).placement_options.weights.cover_land == 0.2);
    s.map.style = style_with("cover_focus = 0.2", "cover_focus = 0.08");
    CHECK(compose_sheet(s.input(extent, focus)).placement_options.weights.cover_land == 0.08);
    const double as_land = focus_covered(focus);
    s.map.style = style_with("cover_focus = 0.2", "");
    CHECK(compose_sheet(s.input(extent, focus)).placement_options.weights.cover_land == 0.2);  // the default
    INFO("at cover_focus 0.08: " << as_land << " mm2");
    CHECK(atlas < as_land);
}

namespace {

/// Length of the part of segment ab inside box b (Liang-Barsky).
double length_inside(XY a, XY b, const Box& box) {
    double t0 = 0, t1 = 1;
    if (!clip_segment(a, b, box, t0, t1)) return 0;
    return (t1 - t0) * std::hypot(b.x - a.x, b.y - a.y);
}

/// Every municipality name drawn on the scene, as the box its text takes on the page.
std::vector<std::pair<std::string, Box>> name_boxes(const Scene& scene, const SyntheticSheet& s) {
    std::vector<std::string> names;
    for (const auto& f : s.munis.features) names.push_back(f.attr("name"));
    std::vector<std::pair<std::string, Box>> out;
    for (const SceneItem& it : scene.items)
        if (const auto* t = std::get_if<TextItem>(&it))
            if (std::find(names.begin(), names.end(), t->text) != names.end()) {
                REQUIRE(t->halign == HAlign::Left);
                REQUIRE(t->valign == VAlign::Top);
                const TextSize sz = measure_text(t->text, t->style);
                out.push_back({t->text, Box::of(t->at.x, t->at.y, t->at.x + sz.width_mm, t->at.y + sz.height_mm)});
            }
    return out;
}

}  // namespace

TEST_CASE("no leader crosses a municipality name, not even that of a work without geometry", "[layout][names]") {
    // Works without geometry hang on their municipality, whose name sits at the same spot;
    // some works with geometry have a point right under a name.
    SyntheticSheet s;
    const char* names[] = {"泊村", "岩内町", "共和町", "神恵内村"};
    int n = 0;
    for (int k = 0; k < 4; ++k) {
        const double x = (k % 2) * 9000.0, y = (k / 2) * 9000.0;
        const std::string code = "0140" + std::to_string(k + 1);
        s.add_municipality(code, names[k], square(x, y, x + 9000, y + 9000));
        for (int j = 0; j < 3; ++j)
            s.add_work("N-" + std::to_string(100 + n++), std::string(names[k]) + "一円の維持管理" + std::to_string(j), {code});
        Geometry g;
        g.lines.push_back({{x + 1500, y + 4500}, {x + 7500, y + 4500}});  // through the town's middle
        s.add_work("L-" + std::to_string(100 + n++), std::string(names[k]) + "中央通 改良", {code}, g);
    }
    s.add_work("N-900", "二町にまたがる調査", {"01401", "01404"});
    const SheetLayout out = compose_sheet(s.input(Box{0, 0, 18000, 18000}));
    const auto& st = out.placement.stats;
    INFO("in map " << st.placed_in_map << ", margin " << st.placed_in_margin << ", listed " << st.listed);
    REQUIRE(st.placed_in_map + st.placed_in_margin >= 12);
    CHECK(st.overlaps == 0);
    CHECK(st.crossings == 0);

    const auto boxes = name_boxes(out.scene, s);
    REQUIRE(boxes.size() == 4);
    const SceneGeometry g = read_scene(out.scene, s.map.style);
    REQUIRE(g.leaders.size() >= 12);
    int through = 0;
    for (const Path& l : g.leaders)
        for (std::size_t i = 0; i + 1 < l.size(); ++i)
            for (const auto& [name, box] : boxes) {
                const double mm = length_inside(l[i], l[i + 1], box);
                if (mm > 0) {
                    UNSCOPED_INFO("a leader runs " << mm << " mm through " << name);
                    ++through;
                }
            }
    CHECK(through == 0);
    // The works without geometry still point at their municipality: each leader starts
    // next to its name, within a millimetre of the name's box.
    for (std::size_t k = 0; k < out.callout_ids.size(); ++k) {
        const std::string& id = out.callout_ids[k];
        const auto& pc = out.placement.callouts[k];
        if (id.rfind("N-", 0) != 0 || pc.tier == place::Tier::List) continue;
        double d = 1e9;
        for (const auto& nb : boxes) d = std::min(d, distance(pc.anchor, nb.second));
        INFO(id << " anchored at " << pc.anchor.x << ", " << pc.anchor.y);
        CHECK(d > 0);
        CHECK(d <= 1.0);
    }
}

TEST_CASE("a balloon in its narrower shape is drawn with the text wrapped as it was measured", "[layout][shapes]") {
    SyntheticSheet s = crowded_sheet();
    const SheetLayout out = compose_sheet(s.input(Box{0, 0, 20000, 20000}));
    const double pad = s.map.style.callout_padding_mm;
    int narrow = 0, checked = 0;
    for (std::size_t k = 0; k < out.placement.callouts.size(); ++k) {
        const auto& pc = out.placement.callouts[k];
        if (pc.tier == place::Tier::List) continue;
        narrow += pc.shape > 0;
        // The text drawn at the balloon's top-left corner, inside the padding.
        const TextItem* text = nullptr;
        for (const SceneItem& it : out.scene.items)
            if (const auto* t = std::get_if<TextItem>(&it))
                if (std::abs(t->at.x - (pc.box.minx + pad)) < 1e-9 && std::abs(t->at.y - (pc.box.miny + pad)) < 1e-9) text = t;
        REQUIRE(text != nullptr);
        const TextSize sz = measure_text(text->text, text->style, text->max_width_mm);
        INFO(pc.id << " shape " << pc.shape << ": box " << pc.box.width() << " x " << pc.box.height() << ", text "
                   << sz.width_mm << " x " << sz.height_mm << " wrapped at " << text->max_width_mm);
        CHECK(sz.width_mm + 2 * pad == Approx(pc.box.width()).margin(1e-6));
        CHECK(sz.height_mm + 2 * pad == Approx(pc.box.height()).margin(1e-6));
        ++checked;
    }
    INFO(checked << " balloons, " << narrow << " in their narrower shape");
    REQUIRE(checked >= 10);
    CHECK(narrow >= 1);
}

TEST_CASE("the numbered list's panel does not bury the works below its corner", "[layout][list]") {
    // The crowded town fills the list; a harbour of point works lies east of it in the
    // top-right of the map, below the corner where the list panel goes, ~25 mm under the top.
    SyntheticSheet s = crowded_sheet();
    for (int k = 0; k < 5; ++k) {
        Geometry g;
        g.points.push_back({20500 + 700.0 * k, 18100});
        s.add_work("H-" + std::to_string(k), "港湾の岸壁改良その" + std::to_string(k), {"01001"}, g);
    }
    const SheetLayout out = compose_sheet(s.input(Box{0, 0, 20000, 20000}));
    REQUIRE(out.placement.stats.listed >= 20);

    // The list panel as drawn: the white panel that holds the list's heading.
    const TextItem* heading = nullptr;
    for (const SceneItem& it : out.scene.items)
        if (const auto* t = std::get_if<TextItem>(&it))
            if (t->text.rfind("一覧", 0) == 0) heading = t;
    REQUIRE(heading != nullptr);
    Box panel;
    for (const SceneItem& it : out.scene.items)
        if (const auto* p = std::get_if<PathItem>(&it))
            if (p->closed && p->fill && p->fill->color == Rgba{1, 1, 1, 0.94} && p->parts.size() == 1) {
                Box b;
                for (const XY& v : p->parts[0]) b.expand(v);
                if (b.contains(heading->at)) panel = b;
            }
    REQUIRE(!panel.empty());

    // Every work's anchor and every numbered marker is clear of the panel, and what the
    // panel could not hold went on to a continuation page, numbered on.
    int harbour = 0, under = 0;
    for (const auto& pc : out.placement.callouts) {
        harbour += pc.id.rfind("H-", 0) == 0;
        under += panel.contains(pc.anchor);
    }
    REQUIRE(harbour == 5);
    const SceneGeometry g = read_scene(out.scene, s.map.style);
    for (const XY& m : g.markers) under += panel.contains(m);
    INFO("panel " << panel.minx << ", " << panel.miny << " - " << panel.maxx << ", " << panel.maxy);
    CHECK(under == 0);
    CHECK(!out.continuation_pages.empty());
}

TEST_CASE("a callout's narrower shape keeps a quantity with its unit (V=35千m3)", "[layout][shapes]") {
    // The sample sheet's harbour dredging (令和6年度), as the style draws callouts. Wrapped at
    // 0.55 of its width it broke as "V=35千" / "m3"; the narrower shape wraps a little wider
    // or narrower instead.
    const StyleSheet style = load_style(IPMAP_SOURCE_DIR "/styles/progress.toml");
    const std::string text = "①② 小樽港 港内泊地 浚渫\n令和4年度着手、令和6年度事業中（進捗率30％）\n泊地浚渫（-10m）V=35千m3";
    const double width = measure_text(text, style.callout_text, 58 - 2 * style.callout_padding_mm).width_mm;
    REQUIRE(breaks_a_quantity(wrapped_lines(text, style.callout_text, 0.55 * width)));
    const auto narrow = narrower_shape(text, style.callout_text, width);
    REQUIRE(narrow.has_value());
    const auto lines = wrapped_lines(text, style.callout_text, narrow->wrap_mm);
    INFO("width " << width << " mm, wrapped at " << narrow->wrap_mm << " mm into " << lines.size() << " lines");
    CHECK_FALSE(breaks_a_quantity(lines));
    CHECK(narrow->size.width_mm <= width - 3);
    CHECK(narrow->size.lines > 3);

    // Whatever the text, the shape offered never splits a quantity.
    for (const std::string t : {"道道 橋梁長寿命化修繕 平成26年度着手、令和6年度事業中（進捗率58％） 橋梁補修 9橋、点検 140橋",
                                "除雪機械更新 令和7年度着手、令和7年度未着手 除雪グレーダ 1台、凍結防止剤散布車 2基 更新",
                                "一般国道5号 改良 令和2年度着手 改良工 L=1.2km、V=12千m3、A=3.5ha"})
        for (double w = 20; w <= 60; w += 2.5)
            if (const auto n = narrower_shape(t, style.callout_text, w)) {
                INFO(t << " at " << w << " mm, wrapped at " << n->wrap_mm);
                CHECK_FALSE(breaks_a_quantity(wrapped_lines(t, style.callout_text, n->wrap_mm)));
            }
}
