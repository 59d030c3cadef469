#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "text/measure.hpp"
#include "text/wrap_lines.hpp"

using namespace ipmap;

namespace {
constexpr double kMmPerPt = 25.4 / 72.0;

TextStyle style_pt(double pt) {
    TextStyle s;
    s.size_pt = pt;
    return s;
}

bool starts_with(const std::string& s, const std::string& prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}
}  // namespace

TEST_CASE("a longer string measures wider at the same height", "[text]") {
    const TextStyle s = style_pt(9);
    const TextSize a = measure_text("倶知安町", s);
    const TextSize b = measure_text("倶知安町道路改良工事", s);
    CHECK(a.lines == 1);
    CHECK(b.lines == 1);
    CHECK(b.width_mm > a.width_mm);
    CHECK(b.height_mm == Approx(a.height_mm));
    // Ideographs are one em wide: 4 characters of 9 pt are 36 pt.
    CHECK(a.width_mm == Approx(4 * 9 * kMmPerPt).epsilon(0.02));
}

TEST_CASE("one line of 9 pt text is 1.2 to 1.5 em tall and size scales linearly", "[text]") {
    const TextSize one = measure_text("令和6年度 完成", style_pt(9));
    CHECK(one.lines == 1);
    CHECK(one.height_mm >= 9 * kMmPerPt * 1.2);
    CHECK(one.height_mm <= 9 * kMmPerPt * 1.5);

    const TextSize two = measure_text("令和6年度\n完成", style_pt(9));
    CHECK(two.lines == 2);
    CHECK(two.height_mm == Approx(2 * one.height_mm).epsilon(0.01));

    const TextSize big = measure_text("令和6年度 完成", style_pt(18));
    CHECK(big.width_mm == Approx(2 * one.width_mm).epsilon(0.01));
    CHECK(big.height_mm == Approx(2 * one.height_mm).epsilon(0.01));
}

TEST_CASE("wrapping at a max width gives several lines no wider than the width", "[text]") {
    const std::string text = "後志地域３プロジェクトを支えるインフラ整備進捗図（令和6年度末時点）";
    const TextStyle s = style_pt(9);
    const TextSize unwrapped = measure_text(text, s);
    const double max_w = 30;
    REQUIRE(unwrapped.width_mm > max_w);
    const TextSize wrapped = measure_text(text, s, max_w);
    CHECK(wrapped.lines >= 2);
    CHECK(wrapped.width_mm <= max_w);
    CHECK(wrapped.height_mm == Approx(wrapped.lines * measure_text("後", s).height_mm).epsilon(0.01));

    const auto lines = wrapped_lines(text, s, max_w);
    CHECK(static_cast<int>(lines.size()) == wrapped.lines);
    std::string joined;
    for (const auto& l : lines) joined += l;
    CHECK(joined == text);
}

TEST_CASE("line spacing factor spreads lines apart", "[text]") {
    TextStyle s = style_pt(9);
    const TextSize normal = measure_text("一行目\n二行目", s);
    s.line_spacing = 2.0;
    const TextSize wide = measure_text("一行目\n二行目", s);
    CHECK(wide.height_mm > normal.height_mm * 1.3);
    CHECK(wide.width_mm == Approx(normal.width_mm));
}

TEST_CASE("Unicode line breaking keeps 、 and ） off the start of a line", "[text]") {
    const TextStyle s = style_pt(9);
    // For each case the width fits `before` but not `before + closer`, so a naive
    // character wrap would start the second line with the closing punctuation.
    struct Case { std::string before, closer, after; };
    const std::vector<Case> cases = {
        {"共和町国道整備", "、", "岩内町港湾整備"},
        {"余市町（道路改良", "）", "完成予定"},
        {"倶知安町「新幹線駅", "」", "周辺整備"},
        {"ニセコ町道路完成", "。", "次年度着手"},
    };
    for (const Case& c : cases) {
        INFO(c.before + c.closer + c.after);
        const double fits = measure_text(c.before, s).width_mm;
        const double max_w = fits + 0.01;
        REQUIRE(measure_text(c.before + c.closer, s).width_mm > max_w);

        const auto lines = wrapped_lines(c.before + c.closer + c.after, s, max_w);
        REQUIRE(lines.size() >= 2);
        for (const std::string& line : lines) {
            INFO(line);
            CHECK_FALSE(starts_with(line, c.closer));
            for (const char* p : {"、", "。", "）", "」"}) CHECK_FALSE(starts_with(line, p));
        }
        // The last ideograph before the closer moved down with it.
        CHECK(lines[0].size() < c.before.size());
        CHECK(measure_text(c.before + c.closer + c.after, s, max_w).width_mm <= max_w);
    }
}

TEST_CASE("measuring from four threads at once gives identical results", "[text][threads]") {
    const std::vector<std::string> texts = {
        "後志地域３プロジェクトを支えるインフラ整備進捗図", "令和6年度", "北海道新幹線 倶知安駅",
        "後志自動車道（余市IC〜小樽JCT）", "Route 5 / 国道5号"};
    TextStyle s = style_pt(8);
    s.bold = true;
    auto run = [&] {
        std::vector<TextSize> out;
        for (int rep = 0; rep < 20; ++rep)
            for (const auto& t : texts) {
                out.push_back(measure_text(t, s));
                out.push_back(measure_text(t, s, 20));
            }
        return out;
    };
    const std::vector<TextSize> expected = run();
    std::vector<std::vector<TextSize>> results(4);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) threads.emplace_back([&, i] { results[i] = run(); });
    for (auto& t : threads) t.join();
    for (const auto& r : results) {
        REQUIRE(r.size() == expected.size());
        for (std::size_t i = 0; i < r.size(); ++i) {
            CHECK(r[i].width_mm == expected[i].width_mm);
            CHECK(r[i].height_mm == expected[i].height_mm);
            CHECK(r[i].lines == expected[i].lines);
        }
    }
}

TEST_CASE("empty or sizeless text measures zero", "[text]") {
    CHECK(measure_text("", style_pt(9)).lines == 0);
    CHECK(measure_text("", style_pt(9)).width_mm == 0);
    CHECK(measure_text("abc", style_pt(0)).height_mm == 0);
}

TEST_CASE("invalid UTF-8 is measured instead of rejected", "[text]") {
    const TextSize t = measure_text(std::string("ab\xff\xfe" "cd"), style_pt(9));
    CHECK(t.lines == 1);
    CHECK(t.width_mm > 0);
}

TEST_CASE("ordinary Japanese has all glyphs", "[text][glyphs]") {
    std::string missing = "x";
    CHECK(has_all_glyphs("後志地域３プロジェクトを支えるインフラ整備進捗図（令和6年度）、〜「」。", TextStyle{}, &missing));
    CHECK(missing.empty());
    CHECK(has_all_glyphs("倶知安 ニセコ 蘭越\n余市\tABC 123", TextStyle{}, nullptr));
    CHECK(has_all_glyphs("", TextStyle{}, &missing));
}

TEST_CASE("private-use and uncovered characters are reported missing", "[text][glyphs]") {
    std::string missing;
    // U+E000 (private use) and U+1F5FE SILHOUETTE OF JAPAN (an emoji no installed font has).
    CHECK_FALSE(has_all_glyphs("道路\xEE\x80\x80整備\xF0\x9F\x97\xBE\xEE\x80\x80", TextStyle{}, &missing));
    CHECK(missing == "\xEE\x80\x80\xF0\x9F\x97\xBE");
    CHECK_FALSE(has_all_glyphs("\xEE\x80\x80", TextStyle{}, nullptr));
}

TEST_CASE("a short parenthetical stays on one line when wrapped", "[text]") {
    const TextStyle s = style_pt(6.3);
    const std::string text = "平成30年度着手、令和6年度事業中（進捗率42％）";
    // Widths at which the line must break somewhere inside the text.
    for (double w = 20; w <= 40; w += 0.5) {
        INFO("max width " << w << " mm");
        const auto lines = wrapped_lines(text, s, w);
        REQUIRE(lines.size() >= 2);
        bool together = false;
        for (const auto& l : lines) together = together || l.find("（進捗率42％）") != std::string::npos;
        CHECK(together);
        CHECK(measure_text(text, s, w).width_mm <= w + 1e-6);
    }
    // Too long a group for the width still wraps inside (nothing sticks out).
    const std::string long_group = "一般国道5号（仁木町〜余市町〜小樽市〜札幌市の区間改良）";
    CHECK(measure_text(long_group, s, 15).width_mm <= 15 + 1e-6);
}
