#include <catch2/catch.hpp>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "atlas/plane_zone.hpp"
#include "atlas/run_atlas.hpp"
#include "atlas/sheet_plan.hpp"

using namespace ipmap;

namespace {

Feature muni(const std::string& code, const std::string& name, const std::string& subpref = "後志総合振興局") {
    Feature f;
    f.attrs = {{"code", code}, {"name", name}, {"subpref", subpref}};
    return f;
}

std::map<std::string, std::string> g_env;
const char* fake_getenv(const char* n) {
    auto it = g_env.find(n);
    return it == g_env.end() ? nullptr : it->second.c_str();
}

}  // namespace

TEST_CASE("sheets are ordered by id and named by id and name", "[atlas]") {
    std::vector<Feature> cov{muni("01403", "泊村"), muni("01203", "小樽市"), muni("01400", "倶知安町")};
    auto s = plan_sheets(cov, "code", "name", {}, false);
    REQUIRE(s.size() == 3);
    CHECK(s[0].stem == "01203_小樽市");
    CHECK(s[1].stem == "01400_倶知安町");
    CHECK(s[2].stem == "01403_泊村");
    CHECK(s[2].index == 2);
    auto a = plan_sheets(cov, "code", "name", {}, true);
    CHECK(a[0].stem == "01203");
}

TEST_CASE("features with the same id make one sheet", "[atlas]") {
    std::vector<Feature> cov{muni("01203", "小樽市"), muni("01203", "小樽市"), muni("01403", "泊村")};
    auto s = plan_sheets(cov, "code", "name", {}, false);
    REQUIRE(s.size() == 2);
    CHECK(s[0].features.size() == 2);
}

TEST_CASE("only and where options pick sheets; an unknown id is an error", "[atlas]") {
    std::vector<Feature> cov{muni("01403", "泊村"), muni("01203", "小樽市"), muni("01101", "札幌市", "石狩振興局")};
    SheetSelection only;
    only.only = {"01403", "01203"};
    CHECK(plan_sheets(cov, "code", "name", only, false).size() == 2);
    SheetSelection where;
    where.where = "subpref=石狩振興局";
    auto w = plan_sheets(cov, "code", "name", where, false);
    REQUIRE(w.size() == 1);
    CHECK(w[0].id == "01101");
    SheetSelection bad;
    bad.only = {"99999"};
    CHECK_THROWS_WITH(plan_sheets(cov, "code", "name", bad, false), Catch::Contains("99999"));
}

TEST_CASE("file names from data cannot leave the output folder", "[atlas][safety]") {
    CHECK(sanitize_stem("../../etc/passwd").find('/') == std::string::npos);
    CHECK(sanitize_stem("../../etc/passwd").find("..") == std::string::npos);
    CHECK(sanitize_stem("a\\b:c*d?e\"f<g>h|i") == "a_b_c_d_e_f_g_h_i");
    CHECK(sanitize_stem("..") != "..");
    CHECK(sanitize_stem("") == "_");
    CHECK(sanitize_stem(".hidden")[0] != '.');
    CHECK(sanitize_stem("-rf")[0] != '-');
    CHECK(sanitize_stem("a\nb\x01" "c") == "a_b_c");
    CHECK(sanitize_stem("倶知安\xE2\x80\xAE" "町") == "倶知安_町");  // U+202E right-to-left override
    CHECK(sanitize_stem("\xff\xfe") == "__");                       // invalid UTF-8
    std::string longname;
    for (int i = 0; i < 200; ++i) longname += "北";
    std::string s = sanitize_stem(longname, 120);
    CHECK(s.size() <= 120);
    CHECK(s.size() % 3 == 0);  // never cut inside a character
}

TEST_CASE("two ids that sanitise alike still get distinct files", "[atlas][safety]") {
    std::vector<Feature> cov{muni("a/b", "x"), muni("a:b", "x")};
    auto s = plan_sheets(cov, "code", "name", {}, false);
    REQUIRE(s.size() == 2);
    CHECK(s[0].stem != s[1].stem);
}

TEST_CASE("no sheet is named like another sheet's page image (STEM-2.png)", "[atlas][safety]") {
    // "A" with a second page writes A-2.png; the sheet "A-2" must not write A-2.png too.
    std::vector<Feature> cov{muni("A", ""), muni("A-2", ""), muni("A-x", ""), muni("B-02", ""), muni("B", "")};
    auto s = plan_sheets(cov, "code", "name", {}, false);
    REQUIRE(s.size() == 5);
    std::set<std::string> stems;
    for (const auto& p : s) stems.insert(p.stem);
    CHECK(stems.size() == 5);
    CHECK(stems.count("A"));
    CHECK_FALSE(stems.count("A-2"));
    CHECK(stems.count("A-2_"));
    CHECK(stems.count("A-x"));   // not a page number
    CHECK(stems.count("B-02"));  // page numbers have no leading zero
    for (const auto& p : s)
        for (int k = 2; k <= 9; ++k) CHECK_FALSE(stems.count(p.stem + "-" + std::to_string(k)));
}

TEST_CASE("shards partition the sheets: each sheet exactly once", "[atlas][shard]") {
    std::vector<Feature> cov;
    for (int i = 0; i < 23; ++i) cov.push_back(muni("01" + std::to_string(100 + i), "m" + std::to_string(i)));
    auto all = plan_sheets(cov, "code", "name", {}, false);
    for (int n : {1, 2, 3, 7, 23, 30}) {
        std::multiset<std::string> seen;
        for (int k = 0; k < n; ++k)
            for (const auto& s : select_shard(all, {k, n})) seen.insert(s.id);
        CHECK(seen.size() == all.size());
        for (const auto& s : all) CHECK(seen.count(s.id) == 1);
    }
}

TEST_CASE("the shard option K/N parses and rejects nonsense", "[atlas][shard]") {
    CHECK(parse_shard("0/4").index == 0);
    CHECK(parse_shard("3/4").count == 4);
    CHECK_THROWS(parse_shard("4/4"));
    CHECK_THROWS(parse_shard("-1/4"));
    CHECK_THROWS(parse_shard("1/0"));
    CHECK_THROWS(parse_shard("1"));
    CHECK_THROWS(parse_shard("a/b"));
    CHECK_THROWS(parse_shard("1/2x"));
}

TEST_CASE("the shard comes from Kubernetes or Slurm when not given", "[atlas][shard]") {
    g_env.clear();
    CHECK_FALSE(shard_from_environment(fake_getenv).has_value());
    g_env = {{"JOB_COMPLETION_INDEX", "2"}, {"IPMAP_SHARD_COUNT", "5"}};
    auto k = shard_from_environment(fake_getenv);
    REQUIRE(k);
    CHECK(k->index == 2);
    CHECK(k->count == 5);
    g_env = {{"JOB_COMPLETION_INDEX", "2"}};
    CHECK_THROWS_WITH(shard_from_environment(fake_getenv), Catch::Contains("IPMAP_SHARD_COUNT"));
    g_env = {{"SLURM_ARRAY_TASK_ID", "4"}, {"SLURM_ARRAY_TASK_MIN", "1"}, {"SLURM_ARRAY_TASK_COUNT", "8"}};
    auto s = shard_from_environment(fake_getenv);
    REQUIRE(s);
    CHECK(s->index == 3);
    CHECK(s->count == 8);
    g_env = {{"SLURM_ARRAY_TASK_ID", "9"}, {"SLURM_ARRAY_TASK_MIN", "1"}, {"SLURM_ARRAY_TASK_COUNT", "8"}};
    CHECK_THROWS(shard_from_environment(fake_getenv));
    g_env.clear();
}

TEST_CASE("each Hokkaido municipality gets its plane rectangular zone", "[atlas][crs]") {
    CHECK(hokkaido_plane_zone("01400", "後志総合振興局", "倶知安町") == "EPSG:6679");
    CHECK(hokkaido_plane_zone("01203", "後志総合振興局", "小樽市") == "EPSG:6679");
    CHECK(hokkaido_plane_zone("01202", "渡島総合振興局", "函館市") == "EPSG:6679");
    CHECK(hokkaido_plane_zone("01584", "胆振総合振興局", "洞爺湖町") == "EPSG:6679");
    CHECK(hokkaido_plane_zone("01205", "胆振総合振興局", "室蘭市") == "EPSG:6680");
    CHECK(hokkaido_plane_zone("01100", "石狩振興局", "札幌市") == "EPSG:6680");
    CHECK(hokkaido_plane_zone("01208", "オホーツク総合振興局", "北見市") == "EPSG:6681");
    CHECK(hokkaido_plane_zone("01543", "オホーツク総合振興局", "美幌町") == "EPSG:6681");
    CHECK(hokkaido_plane_zone("01559", "オホーツク総合振興局", "湧別町") == "EPSG:6680");
    CHECK(hokkaido_plane_zone("01207", "十勝総合振興局", "帯広市") == "EPSG:6681");
    CHECK(hokkaido_plane_zone("01223", "根室振興局", "根室市") == "EPSG:6681");
    CHECK_FALSE(hokkaido_plane_zone("13101", "", "千代田区").has_value());
}

TEST_CASE("a --where without '=' or on an unknown field is an error, not a silent no-op", "[atlas][selection]") {
    std::vector<Feature> cov{muni("01403", "泊村"), muni("01203", "小樽市")};
    SheetSelection sel;
    sel.where = "foo";
    CHECK_THROWS_AS(plan_sheets(cov, "code", "name", sel, false), SelectionError);
    CHECK_THROWS_WITH(plan_sheets(cov, "code", "name", sel, false), Catch::StartsWith("--where: expected FIELD=VALUE"));
    sel.where = "=後志総合振興局";
    CHECK_THROWS_AS(plan_sheets(cov, "code", "name", sel, false), SelectionError);
    sel.where = "nosuchfield=1";
    CHECK_THROWS_WITH(plan_sheets(cov, "code", "name", sel, false), Catch::Contains("no field 'nosuchfield'"));
    sel.where = "subpref=石狩振興局";
    CHECK_THROWS_WITH(plan_sheets(cov, "code", "name", sel, false), Catch::Contains("石狩振興局"));
    sel.where = " subpref = 後志総合振興局 ";
    CHECK(plan_sheets(cov, "code", "name", sel, false).size() == 2);
}

TEST_CASE("the --only entries are trimmed, and its error names the option once", "[atlas][selection]") {
    std::vector<Feature> cov{muni("01403", "泊村"), muni("01203", "小樽市"), muni("01400", "倶知安町")};
    SheetSelection sel;
    sel.only = {"01403", " 01203", "", " "};
    auto s = plan_sheets(cov, "code", "name", sel, false);
    REQUIRE(s.size() == 2);
    CHECK(s[0].id == "01203");
    sel.only = {"99999"};
    try {
        plan_sheets(cov, "code", "name", sel, false);
        FAIL("no error");
    } catch (const SelectionError& e) {
        std::string m = e.what();
        CHECK(m.rfind("--only: ", 0) == 0);
        CHECK(m.find("--only", 1) == std::string::npos);
    }
}

TEST_CASE("a sheet knows the municipality codes of its features, whatever its id field", "[atlas][codes]") {
    std::vector<Feature> cov{muni("01403", "泊村"), muni("01203", "小樽市"), muni("01203", "小樽市")};
    auto s = plan_sheets(cov, "name", "name", {}, false);
    REQUIRE(s.size() == 2);
    CHECK(s[0].id == "小樽市");
    CHECK(s[0].codes == std::vector<std::string>{"01203"});
    CHECK(s[1].codes == std::vector<std::string>{"01403"});
    // Grouped by subprefecture: one sheet, both codes.
    auto g = plan_sheets(cov, "subpref", "subpref", {}, false);
    REQUIRE(g.size() == 1);
    CHECK(g[0].codes == std::vector<std::string>{"01203", "01403"});
}

TEST_CASE("the 14 Hokkaido subprefectures are known, anything else is not", "[atlas][crs]") {
    for (const char* s : {"後志総合振興局", "石狩振興局", "オホーツク総合振興局", "根室振興局", "檜山振興局"})
        CHECK(is_hokkaido_subprefecture(s));
    for (const char* s : {"", "後志", "倶知安町", "01400", "北海道"}) CHECK_FALSE(is_hokkaido_subprefecture(s));
}

TEST_CASE("no sheet is named like the atlas's own outputs", "[atlas][safety]") {
    // --ascii-names: the code alone is the stem; atlas.pdf is the combined book, atlas_index.*
    // the index, and atlas_index.shard-*.json what `ipmap merge` reads as a shard's index.
    std::vector<Feature> cov{muni("atlas", "x"), muni("atlas_index", "x"), muni("atlas_index.shard-0-of-2", "x"),
                             muni("ATLAS_INDEX.csv", "x"), muni("atlas_", "x"), muni("atlases", "x")};
    auto s = plan_sheets(cov, "code", "name", {}, true);
    REQUIRE(s.size() == 6);
    std::set<std::string> stems;
    for (const auto& p : s) {
        stems.insert(p.stem);
        std::string lower = p.stem;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        CHECK(lower != "atlas");
        CHECK(lower != "atlas_index");
        CHECK(lower.rfind("atlas_index.", 0) != 0);
    }
    CHECK(stems.size() == 6);
    CHECK(stems.count("atlas_"));
    CHECK(stems.count("atlas_index_"));
    CHECK(stems.count("atlas_index_.shard-0-of-2"));
    CHECK(stems.count("atlases"));  // only the names themselves are reserved
    // With names the stem is "<id>_<name>": not reserved, left alone.
    CHECK(plan_sheets({muni("atlas", "x")}, "code", "name", {}, false)[0].stem == "atlas_x");
}

TEST_CASE("no stem looks like a temporary the start-up sweep would remove", "[atlas][safety]") {
    CHECK(sanitize_stem("a.tmp-123-4") == "a_tmp-123-4");
    CHECK(sanitize_stem("a.tmp") == "a_tmp");    // its page images would be a.tmp-2.png
    CHECK(sanitize_stem("a.tmp.") == "a_tmp");
    CHECK(sanitize_stem("a.tmpl") == "a.tmpl");  // not a temporary's mark
    const auto long_ago = std::filesystem::file_time_type::clock::now() - std::chrono::hours(24 * 30);
    std::vector<Feature> cov{muni("x.tmp-1-1", ""), muni("y.tmp", ""), muni("z..tmp-2", "")};
    for (const auto& p : plan_sheets(cov, "code", "name", {}, true)) {
        CHECK(p.stem.find(".tmp-") == std::string::npos);
        for (const auto& f : sheet_output_files(p.stem, OutputOptions{}, 3)) CHECK_FALSE(stale_temporary(f, long_ago, 6));
    }
}
