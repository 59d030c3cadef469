#include <catch2/catch.hpp>

#include <set>

#include "core/errors.hpp"
#include "works/map_fields.hpp"

using namespace ipmap;

namespace {

using Values = std::map<std::string, std::optional<std::string>>;

LayerSpec works_spec() {
    LayerSpec spec;
    spec.id = "works";
    spec.file = "layers/works_sample.toml";
    spec.kind = LayerKind::Works;
    spec.source = "data/works.gpkg";
    spec.layer = "works";
    spec.fields = {{"id", "事業ID"},           {"name", "事業名"},          {"owner", "事業主体"},
                   {"category", "事業区分"},   {"start_fy", "着手年度"},    {"end_fy", "完成予定年度"},
                   {"progress", "進捗率"},     {"status", "状態"},          {"fy_work", "当該年度事業内容"},
                   {"municipalities", "市町村コード"}, {"projects", "対象プロジェクト"}};
    return spec;
}

const std::vector<std::string> kColumns = {"事業ID", "事業名", "事業主体", "事業区分", "着手年度", "完成予定年度",
                                           "進捗率", "状態", "当該年度事業内容", "市町村コード",
                                           "対象プロジェクト", "備考"};

/// A register row: every column NULL unless given.
RawRecord record(long long row, Values given) {
    RawRecord r;
    r.source = {"data/works.gpkg", "works", row - 1, row};
    for (const auto& c : kColumns) r.values[c] = std::nullopt;
    for (auto& [k, v] : given) r.values[k] = v;
    return r;
}

struct Fixture {
    LayerSpec spec = works_spec();
    RawLayer layer;
    Diagnostics diag;
    std::vector<Work> works;
    std::vector<Diagnostic> items;

    explicit Fixture(std::vector<RawRecord> records) {
        layer.layer_id = "works";
        layer.file = "data/works.gpkg";
        layer.ogr_layer = "works";
        layer.crs = "EPSG:6668";
        layer.columns = kColumns;
        layer.records = std::move(records);
        works = map_works(spec, layer, diag);
        items = diag.items();
    }

    const Work& at_row(long long row) const {
        for (const auto& w : works)
            if (w.source.row == row) return w;
        FAIL("no work for row " << row);
        throw std::logic_error("unreachable");
    }

    /// The diagnostics of a row and source column.
    std::vector<Diagnostic> about(long long row, const std::string& field) const {
        std::vector<Diagnostic> out;
        for (const auto& d : items)
            if (d.row == row && d.field == field) out.push_back(d);
        return out;
    }

    /// Exactly one diagnostic for row/field whose value contains `value`; checks its location.
    Diagnostic one(long long row, const std::string& field, const std::string& value) const {
        auto ds = about(row, field);
        INFO("row " << row << " field " << field);
        REQUIRE(ds.size() == 1);
        const Diagnostic& d = ds.front();
        INFO(d.to_line());
        CHECK(d.stage == "load");
        CHECK(d.file == "data/works.gpkg");
        CHECK(d.layer == "works");
        CHECK(d.work_id == at_row(row).id);
        CHECK_THAT(d.value, Catch::Contains(value));
        CHECK_FALSE(d.message.empty());
        CHECK_FALSE(d.action.empty());
        return d;
    }
};

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

std::size_t code_points(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

}  // namespace

TEST_CASE("map_works maps a clean row to canonical fields without diagnostics", "[map_works]") {
    Fixture f({record(1, {{"事業ID", "K-001"},
                          {"事業名", "一般国道5号 倶知安改良"},
                          {"事業主体", "小樽開発建設部"},
                          {"事業区分", "道路"},
                          {"着手年度", "令和元年度"},
                          {"完成予定年度", "R8"},
                          {"進捗率", "45%"},
                          {"状態", "事業中"},
                          {"当該年度事業内容", "改良工"},
                          {"市町村コード", "01400,01395"},
                          {"対象プロジェクト", "①③"},
                          {"備考", "夜間工事あり"}})});
    REQUIRE(f.works.size() == 1);
    const Work& w = f.works[0];
    CHECK(w.id == "K-001");
    CHECK(w.name == "一般国道5号 倶知安改良");
    CHECK(w.owner == Owner::National);
    CHECK(w.owner_label == "小樽開発建設部");
    CHECK(w.category == "道路");
    CHECK(w.start_fy == 2019);
    CHECK(w.end_fy == 2026);
    CHECK(w.progress == 45.0);
    CHECK(w.status == Status::InProgress);
    CHECK(w.fy_work == "改良工");
    CHECK(w.municipalities == std::vector<std::string>{"01400", "01395"});
    CHECK(w.projects == std::vector<int>{1, 3});
    CHECK(w.layer_id == "works");
    CHECK(w.source.row == 1);
    CHECK(w.extra.size() == 1);
    CHECK(w.extra.at("備考") == "夜間工事あり");
    CHECK(f.items.empty());
}

TEST_CASE("map_works clamps or drops bad progress and reports it", "[map_works]") {
    Fixture f({record(2, {{"事業ID", "P-150"}, {"事業名", "a"}, {"進捗率", "150"}}),
               record(3, {{"事業ID", "P-neg"}, {"事業名", "b"}, {"進捗率", "-5"}}),
               record(4, {{"事業ID", "P-abc"}, {"事業名", "c"}, {"進捗率", "abc"}}),
               record(5, {{"事業ID", "P-nan"}, {"事業名", "d"}, {"進捗率", "nan"}}),
               record(6, {{"事業ID", "P-fw"}, {"事業名", "e"}, {"進捗率", "４５"}}),
               record(7, {{"事業ID", "P-dec"}, {"事業名", "f"}, {"進捗率", "45.5"}}),
               record(8, {{"事業ID", "P-fwpct"}, {"事業名", "g"}, {"進捗率", "45％"}}),
               record(9, {{"事業ID", "P-empty"}, {"事業名", "h"}, {"進捗率", ""}})});
    REQUIRE(f.works.size() == 8);
    CHECK(f.at_row(2).progress == 100.0);
    CHECK_THAT(f.one(2, "進捗率", "150").action, Catch::Contains("100"));
    CHECK(f.at_row(3).progress == 0.0);
    CHECK_THAT(f.one(3, "進捗率", "-5").action, Catch::Contains("0"));
    CHECK_FALSE(f.at_row(4).progress);
    CHECK_THAT(f.one(4, "進捗率", "abc").message, Catch::Contains("not a number"));
    CHECK_FALSE(f.at_row(5).progress);
    f.one(5, "進捗率", "nan");
    CHECK(f.at_row(6).progress == 45.0);
    CHECK(f.at_row(7).progress == 45.5);
    CHECK(f.at_row(8).progress == 45.0);
    CHECK_FALSE(f.at_row(9).progress);
    CHECK(f.about(6, "進捗率").empty());
    CHECK(f.about(7, "進捗率").empty());
    CHECK(f.about(8, "進捗率").empty());
    CHECK(f.about(9, "進捗率").empty());
}

TEST_CASE("map_works drops unreadable years and an end year before the start", "[map_works]") {
    Fixture f({record(5, {{"事業ID", "Y-rev"}, {"事業名", "a"}, {"着手年度", "R6"}, {"完成予定年度", "R2"}}),
               record(6, {{"事業ID", "Y-bad"}, {"事業名", "b"}, {"着手年度", "平成32年度"}, {"完成予定年度", "令和0年"}}),
               record(7, {{"事業ID", "Y-tbd"}, {"事業名", "c"}, {"着手年度", "H30"}, {"完成予定年度", "未定"}}),
               record(8, {{"事業ID", "Y-fw"}, {"事業名", "d"}, {"着手年度", "令和６年度"}, {"完成予定年度", "20245"}})});
    const Work& rev = f.at_row(5);
    CHECK(rev.start_fy == 2024);
    CHECK_FALSE(rev.end_fy);
    CHECK_THAT(f.one(5, "完成予定年度", "R2").message, Catch::Contains("before start year"));
    CHECK(f.about(5, "着手年度").empty());

    const Work& bad = f.at_row(6);
    CHECK_FALSE(bad.start_fy);
    CHECK_FALSE(bad.end_fy);
    CHECK_THAT(f.one(6, "着手年度", "平成32年度").message, Catch::Contains("beyond the end of 平成"));
    CHECK_THAT(f.one(6, "完成予定年度", "令和0年").message, Catch::Contains("year 0"));

    const Work& tbd = f.at_row(7);
    CHECK(tbd.start_fy == 2018);
    CHECK_FALSE(tbd.end_fy);
    CHECK(f.about(7, "完成予定年度").empty());  // 未定 is absent, silently

    CHECK(f.at_row(8).start_fy == 2024);
    CHECK_FALSE(f.at_row(8).end_fy);
    f.one(8, "完成予定年度", "20245");
}

TEST_CASE("map_works keeps every row: empty, missing and duplicate ids get generated ids", "[map_works]") {
    Fixture f({record(1, {{"事業ID", "K-001"}, {"事業名", "first"}}),
               record(2, {{"事業ID", " K-001 "}, {"事業名", "second"}}),
               record(3, {{"事業ID", ""}, {"事業名", "empty id"}}),
               record(4, {{"事業名", "null id"}}),
               record(5, {{"事業ID", "K-001"}, {"事業名", "third"}}),
               record(6, {{"事業ID", "works#3"}, {"事業名", "clash with a generated id"}})});
    REQUIRE(f.works.size() == 6);
    CHECK(f.at_row(1).id == "K-001");
    CHECK(f.at_row(1).name == "first");
    CHECK(f.at_row(2).id == "K-001#2");
    CHECK(f.at_row(3).id == "works#3");
    CHECK(f.at_row(4).id == "works#4");
    CHECK(f.at_row(5).id == "K-001#5");
    CHECK(f.at_row(6).id == "works#3#6");
    std::set<std::string> ids;
    for (const auto& w : f.works) ids.insert(w.id);
    CHECK(ids.size() == f.works.size());

    CHECK(f.about(1, "事業ID").empty());
    CHECK_THAT(f.one(2, "事業ID", "K-001").message, Catch::Contains("duplicate"));
    CHECK_THAT(f.one(3, "事業ID", "").message, Catch::Contains("empty id"));
    CHECK_THAT(f.one(3, "事業ID", "").action, Catch::Contains("works#3"));
    f.one(4, "事業ID", "");
    f.one(5, "事業ID", "K-001");
    f.one(6, "事業ID", "works#3");
}

TEST_CASE("map_works shortens a 10,000-character name and reports it", "[map_works]") {
    const std::string long_name = repeat("後", 10000);
    // A combining mark at the cut: never separated from its base character.
    const std::string combining = repeat("あ", 198) + "か\xE3\x82\x99" + repeat("い", 10);
    Fixture f({record(11, {{"事業ID", "N-long"}, {"事業名", long_name}}),
               record(12, {{"事業ID", "N-comb"}, {"事業名", combining}}),
               record(13, {{"事業ID", "N-200"}, {"事業名", repeat("a", 200)}})});
    const Work& w = f.at_row(11);
    CHECK(code_points(w.name) == 200);
    CHECK(w.name == repeat("後", 199) + "…");
    Diagnostic d = f.one(11, "事業名", "後後後");
    CHECK(code_points(d.value) <= 60);
    CHECK_THAT(d.message, Catch::Contains("10000"));

    CHECK(f.at_row(12).name == repeat("あ", 198) + "…");
    CHECK(f.at_row(13).name == repeat("a", 200));
    CHECK(f.about(13, "事業名").empty());
}

TEST_CASE("map_works removes control and bidi characters and replaces invalid UTF-8", "[map_works]") {
    Fixture f({record(12, {{"事業ID", "C-ctl"}, {"事業名", "国道\x07 5号\xE2\x80\xAEｘ\xE2\x80\x8B改良\n工区"}}),
               record(13, {{"事業ID", "C-utf"}, {"事業名", "国道\xFF\xFE改良\xE3\x81"}}),
               record(14, {{"事業ID", "C-ws"}, {"事業名", "  国道\t5号\r\n  改良  "}})});
    CHECK(f.at_row(12).name == "国道 5号ｘ改良 工区");
    Diagnostic ctl = f.one(12, "事業名", "<U+202E>");
    CHECK_THAT(ctl.value, Catch::Contains("\\x07"));
    CHECK(ctl.value.find("\xE2\x80\xAE") == std::string::npos);  // never a raw override in a message
    CHECK_THAT(ctl.message, Catch::Contains("control") && Catch::Contains("bidi"));

    CHECK(f.at_row(13).name == "国道\xEF\xBF\xBD\xEF\xBF\xBD改良\xEF\xBF\xBD");
    Diagnostic utf = f.one(13, "事業名", "国道\xEF\xBF\xBD");
    CHECK_THAT(utf.message, Catch::Contains("invalid UTF-8"));

    // Plain whitespace is normalised silently.
    CHECK(f.at_row(14).name == "国道 5号 改良");
    CHECK(f.about(14, "事業名").empty());
}

TEST_CASE("map_works reads status, owner, municipalities and projects leniently", "[map_works]") {
    Fixture f({record(17, {{"事業ID", "S-1"}, {"事業名", "a"}, {"状態", "中止"}, {"事業主体", "道"}}),
               record(18, {{"事業ID", "M-1"},
                           {"事業名", "b"},
                           {"市町村コード", "01400、013951;01395\xE3\x80\x80" "bad 1234 99999 013952 ０１２０３"}}),
               record(19, {{"事業ID", "J-1"}, {"事業名", "c"}, {"対象プロジェクト", "1,2,3"}}),
               record(20, {{"事業ID", "J-2"}, {"事業名", "d"}, {"対象プロジェクト", "１・３"}}),
               record(21, {{"事業ID", "J-3"}, {"事業名", "e"}, {"対象プロジェクト", "農林水産・観光"}}),
               record(22, {{"事業ID", "J-4"}, {"事業名", "f"}, {"対象プロジェクト", "4"}}),
               record(23, {{"事業ID", "O-1"}, {"事業名", "g"}, {"事業主体", "倶知安町"}, {"状態", "完成"}})});
    CHECK_FALSE(f.at_row(17).status);
    CHECK(f.at_row(17).owner == Owner::Hokkaido);
    CHECK_THAT(f.one(17, "状態", "中止").action, Catch::Contains("derived"));

    CHECK(f.at_row(18).municipalities == std::vector<std::string>{"01400", "01395", "01234", "01203"});
    auto m = f.about(18, "市町村コード");
    CHECK(m.size() == 4);  // bad, 1234 (read with a leading zero), 99999, 013952
    std::set<std::string> values;
    for (const auto& d : m) values.insert(d.value);
    CHECK(values == std::set<std::string>{"bad", "1234", "99999", "013952"});

    CHECK(f.at_row(19).projects == std::vector<int>{1, 2, 3});
    CHECK(f.at_row(20).projects == std::vector<int>{1, 3});
    CHECK(f.at_row(21).projects == std::vector<int>{1, 2});
    CHECK(f.at_row(22).projects.empty());
    f.one(22, "対象プロジェクト", "4");
    CHECK(f.about(19, "対象プロジェクト").empty());
    CHECK(f.about(21, "対象プロジェクト").empty());

    CHECK(f.at_row(23).owner == Owner::Other);
    CHECK(f.at_row(23).owner_label == "倶知安町");
    CHECK(f.at_row(23).status == Status::Completed);
    CHECK(f.one(23, "事業主体", "倶知安町").severity == Severity::Info);
}

TEST_CASE("map_works survives a register full of broken rows and loses none", "[map_works]") {
    std::vector<RawRecord> rows;
    const char* hostile[] = {"", "\xFF", "\xE2\x80\xAE", "abc", "150", "-5", "令和0年", "{name}", "\x00", "01"};
    for (int i = 0; i < 200; ++i) {
        Values v;
        for (std::size_t c = 0; c < kColumns.size(); ++c) v[kColumns[c]] = std::string(hostile[(i + c * 3) % 10]);
        if (i % 7 == 0) v["事業ID"] = std::nullopt;
        rows.push_back(record(i + 1, v));
    }
    Fixture f(std::move(rows));
    REQUIRE(f.works.size() == 200);
    std::set<std::string> ids;
    for (const auto& w : f.works) {
        ids.insert(w.id);
        CHECK(clean_text(w.name) == w.name);
        if (w.progress) CHECK((*w.progress >= 0 && *w.progress <= 100));
    }
    CHECK(ids.size() == 200);
    for (const auto& d : f.items) CHECK(d.row >= 1);
}

TEST_CASE("clean_text removes invisible characters and normalises blanks", "[clean_text]") {
    CHECK(clean_text("  a\t b\n\nc  ") == "a b c");
    CHECK(clean_text("a\x01\x1b[31mb") == "a[31mb");
    CHECK(clean_text("a\xC2\x85" "b") == "a b");              // NEL is a line break
    CHECK(clean_text("a\xC2\x9B" "b") == "ab");               // C1 CSI
    CHECK(clean_text("\xEF\xBB\xBF" "id") == "id");           // BOM
    CHECK(clean_text("a\xE2\x80\x8B\xE2\x80\x8F\xE2\x81\xA0\xE2\x81\xA6\xEF\xBF\xB9" "b") == "ab");
    CHECK(clean_text("\xE3\x80\x80後志\xE3\x80\x80\xE3\x80\x80太郎\xE3\x80\x80") == "後志\xE3\x80\x80太郎");
    CHECK(clean_text("a \xE3\x80\x80 b") == "a b");
    CHECK(clean_text("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");              // overlong '/'
    CHECK(clean_text("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
    CHECK(clean_text("a\xE3\x81") == "a\xEF\xBF\xBD");                        // truncated
    CHECK(clean_text("\xF4\x90\x80\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // > U+10FFFF
    CHECK(clean_text("葛\xF3\xA0\x84\x80") == "葛\xF3\xA0\x84\x80");  // ideographic variation selector kept
    CHECK(clean_text(std::string("a\0b", 3)) == "ab");
    CHECK(clean_text("") == "");
}

TEST_CASE("check_field_mapping suggests the closest column for a misspelt one", "[check_field_mapping]") {
    LayerSpec spec = works_spec();
    REQUIRE_NOTHROW(check_field_mapping(spec, kColumns));

    spec.fields["name"] = "事業明";
    try {
        check_field_mapping(spec, kColumns);
        FAIL("expected a ConfigError");
    } catch (const ConfigError& e) {
        CHECK(e.file() == "layers/works_sample.toml");
        CHECK(e.key() == "fields.name");
        std::string what = e.what();
        CHECK_THAT(what, Catch::Contains("column '事業明' not found in data/works.gpkg layer 'works'"));
        CHECK_THAT(what, Catch::Contains("did you mean '事業名'?"));
        CHECK_THAT(what, Catch::Contains("Columns: 事業ID, 事業名, 事業主体"));
    }

    spec.fields = {{"name", "事業名"}, {"progress", "ＩＤ"}};  // no plausible match: no suggestion
    CHECK_THROWS_WITH(check_field_mapping(spec, {"事業名", "完成年"}),
                      !Catch::Contains("did you mean") && Catch::Contains("not found"));

    spec = works_spec();
    spec.fields["progres"] = "進捗率";
    CHECK_THROWS_WITH(check_field_mapping(spec, kColumns), Catch::Contains("did you mean 'progress'?"));

    spec = works_spec();
    spec.fields.erase("name");
    CHECK_THROWS_AS(check_field_mapping(spec, kColumns), ConfigError);
    spec.fields.clear();
    CHECK_NOTHROW(check_field_mapping(spec, {"name"}));  // a column with the canonical name
}

TEST_CASE("map_features keys attributes by canonical name and keeps the rest", "[map_features]") {
    LayerSpec spec;
    spec.id = "municipalities";
    spec.fields = {{"code", "N03_007"}, {"name", "N03_004"}};
    RawLayer layer;
    layer.columns = {"N03_007", "N03_004", "N03_001", "name"};
    RawRecord r;
    r.values = {{"N03_007", "01400"}, {"N03_004", " 倶知安町\xE2\x80\xAE"}, {"N03_001", "北海道"}, {"name", "x"}};
    layer.records.push_back(r);
    auto fs = map_features(spec, layer);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].attr("code") == "01400");
    CHECK(fs[0].attr("name") == "倶知安町");
    CHECK(fs[0].attr("N03_001") == "北海道");
    CHECK(fs[0].source.row == 1);
}
