#include <catch2/catch.hpp>

#include <stdexcept>

#include "classify/callout_text.hpp"

using namespace ipmap;

namespace {

Work sample() {
    Work w;
    w.id = "K-001";
    w.name = "一般国道5号 倶知安改良";
    w.owner = Owner::National;
    w.owner_label = "小樽開建";
    w.category = "道路";
    w.start_fy = 2019;
    w.end_fy = 2027;
    w.progress = 45;
    w.fy_work = "改良工";
    w.municipalities = {"01400", "01395"};
    w.projects = {1, 3};
    w.extra["路線名"] = "国道5号";
    return w;
}

std::string fmt(const std::string& text, const Work& w, WarekiOptions wo = {}) {
    CalloutFields f;
    f.fiscal_year = 2024;
    f.status = Status::InProgress;
    return format_callout({text, wo}, w, f);
}

}  // namespace

TEST_CASE("format_callout fills every field", "[callout]") {
    Work w = sample();
    CHECK(fmt("{name} {start_fy}着手、{fiscal_year}{status}（進捗率{progress}％）", w) ==
          "一般国道5号 倶知安改良 令和元年度着手、令和6年度事業中（進捗率45％）");
    CHECK(fmt("{id}|{owner}|{category}|{end_fy}|{start_fy_western}|{end_fy_western}", w) ==
          "K-001|小樽開建|道路|令和9年度|2019|2027");
    CHECK(fmt("{fy_work}{projects}", w) == "改良工①③");
    CHECK(fmt("{col:路線名}/{col:無い列}/", w) == "国道5号//");
    CHECK(fmt("{municipalities}", w) == "01400・01395");  // codes when names are unknown
    CalloutFields f;
    f.fiscal_year = 2024;
    f.municipality_names = {"倶知安町", "ニセコ町"};
    CHECK(format_callout({"{municipalities}", {}}, w, f) == "倶知安町・ニセコ町");
    w.owner_label.clear();
    CHECK(fmt("{owner}", w) == "国");
}

TEST_CASE("format_callout formats progress and full-width digits", "[callout]") {
    Work w = sample();
    w.progress = 45.5;
    CHECK(fmt("{progress}", w) == "45.5");
    w.progress = 45.25;
    CHECK(fmt("{progress}", w) == "45.3");
    w.progress = 44.96;
    CHECK(fmt("{progress}", w) == "45");
    w.progress = 100;
    CHECK(fmt("{progress}", w) == "100");
    w.progress = 0;
    CHECK(fmt("{progress}", w) == "0");
    w.progress = 45;
    CHECK(fmt("{fiscal_year}{progress}％", w, {true, true}) == "令和６年度４５％");
}

TEST_CASE("format_callout drops an optional segment with an empty field", "[callout]") {
    Work w = sample();
    const std::string tpl = "{name}[（{start_fy}着手）][ 進捗率{progress}％]";
    CHECK(fmt(tpl, w) == "一般国道5号 倶知安改良（令和元年度着手） 進捗率45％");
    w.start_fy.reset();
    CHECK(fmt(tpl, w) == "一般国道5号 倶知安改良 進捗率45％");
    w.progress.reset();
    CHECK(fmt(tpl, w) == "一般国道5号 倶知安改良");
    // A segment is dropped when ANY of its fields is empty; literal-only segments stay.
    w.start_fy = 2020;
    CHECK(fmt("[{start_fy}〜{end_fy}]", w) == "令和2年度〜令和9年度");
    w.end_fy.reset();
    CHECK(fmt("[{start_fy}〜{end_fy}]", w) == "");
    CHECK(fmt("[固定]", w) == "固定");
    w.projects.clear();
    CHECK(fmt("[{projects}]{name}", w) == "一般国道5号 倶知安改良");
}

TEST_CASE("format_callout reads escaped braces and brackets literally", "[callout]") {
    Work w = sample();
    CHECK(fmt("{{name}} [[{id}]]", w) == "{name} [K-001]");
    CHECK(fmt("[[[{id}]]]", w) == "[K-001]");  // "[[" literal, then "[" opens, "]]" literal, "]" closes
    CHECK(fmt("}}{{", w) == "}{");
    // Values are not re-expanded.
    w.name = "{id}[x]";
    CHECK(fmt("{name}", w) == "{id}[x]");
}

TEST_CASE("validate_template names the problem and its character position", "[callout]") {
    CHECK(validate_template("") == "");
    CHECK(validate_template("{name}[（{start_fy}着手）]{col:路線名}") == "");
    CHECK(validate_template("事業{nmae}") == "unknown field '{nmae}' at character 3");
    CHECK(validate_template("{name") == "unclosed '{' at character 1");
    CHECK(validate_template("ab{na{me}") == "unclosed '{' at character 3");
    CHECK_THAT(validate_template("進捗}"), Catch::StartsWith("unmatched '}'") && Catch::Contains("at character 3"));
    CHECK(validate_template("{}") == "empty field '{}' at character 1");
    CHECK(validate_template("{col:}") == "unknown field '{col:}' at character 1");
    CHECK(validate_template("[{name}") == "unclosed '[' at character 1");
    CHECK_THAT(validate_template("{name}]"), Catch::StartsWith("unmatched ']'") && Catch::Contains("at character 7"));
    CHECK_THAT(validate_template("[a[{name}]]"), Catch::StartsWith("nested '['") && Catch::Contains("character 3"));
}

TEST_CASE("format_callout throws invalid_argument naming the position", "[callout]") {
    Work w = sample();
    CHECK_THROWS_AS(fmt("{bogus}", w), std::invalid_argument);
    CHECK_THROWS_WITH(fmt("令和{bogus}", w), Catch::Contains("unknown field '{bogus}'") && Catch::Contains("character 3"));
    CHECK_THROWS_WITH(fmt("[{name}", w), Catch::Contains("unclosed '['"));
}

TEST_CASE("project_marks writes circled digits", "[callout]") {
    CHECK(project_marks({1, 2, 3}) == "①②③");
    CHECK(project_marks({2}) == "②");
    CHECK(project_marks({}) == "");
    CHECK(project_marks({20}) == "⑳");
    CHECK(project_marks({21}) == "(21)");
}
