#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include "atlas/atlas_index.hpp"
#include "atlas/run_atlas.hpp"
#include "atlas/sheet_stamp.hpp"
#include "core/temp_owner.hpp"

using namespace ipmap;
namespace fs = std::filesystem;

namespace {

const char* kReport = R"({
  "map": "maps/x.toml", "sheet": "01403_泊村", "pages": 2,
  "summary": {"works": 5, "drawn": 2, "callout": 1, "drawn+callout": 1, "not_shown": 1, "errors": 1, "warnings": 1},
  "callouts": {"requested": 3, "in_map": 1, "margin": 1, "list": 1},
  "works": [],
  "diagnostics": [
    {"severity": "info", "stage": "load", "message": "just so you know"},
    {"severity": "warning", "stage": "load", "file": "r.gpkg", "layer": "works", "row": 3, "id": "K-1",
     "field": "進捗率", "value": "150", "message": "progress above 100%", "action": "clamped to 100"},
    {"severity": "error", "stage": "render", "message": "no glyph"}
  ]
})";

fs::path temp_dir(const std::string& name) {
    fs::path d = fs::temp_directory_path() / ("ipmap-test-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

void touch(const fs::path& p) { std::ofstream(p) << "x"; }

}  // namespace

TEST_CASE("a sheet's counts and warnings come from its report", "[atlas][resume]") {
    SheetOutcome o;
    CHECK(read_report(kReport, "a.report.json", o).empty());  // no stamp yet
    CHECK(o.works == 5);
    CHECK(o.drawn == 3);  // drawn + drawn+callout
    CHECK(o.not_shown == 1);
    CHECK(o.callouts == 2);
    CHECK(o.listed == 1);
    CHECK(o.pages == 2);
    CHECK(o.warnings == 2);
    REQUIRE(o.warning_messages.size() == 2);
    CHECK(o.warning_messages[0] ==
          "warning: r.gpkg: layer 'works', row 3, id 'K-1', field '進捗率' = '150': progress above 100% -> clamped to 100");
    CHECK(o.warning_messages[1] == "error: no glyph");
    CHECK_THROWS_WITH(read_report("{\"sheet\": 1}", "b.report.json", o), Catch::Contains("b.report.json"));
    CHECK_THROWS_WITH(read_report("not json", "c.report.json", o), Catch::Contains("c.report.json"));
}

TEST_CASE("a stamped report keeps its content and gives its fingerprint back", "[atlas][resume]") {
    const std::string fp = fingerprint_hex("settings A");
    CHECK(fp.size() == 16);
    CHECK(fp != fingerprint_hex("settings B"));
    CHECK(fp == fingerprint_hex("settings A"));
    std::string stamped = stamp_report(kReport, fp, "fiscal_year=2024\npage=A4 landscape 297x210\n");
    SheetOutcome o;
    CHECK(read_report(stamped, "a", o) == fp);
    CHECK(o.works == 5);
    auto j = nlohmann::json::parse(stamped);
    CHECK(j["atlas"]["settings"].size() == 2);
    CHECK(j["sheet"] == "01403_泊村");
}

TEST_CASE("the inputs' description changes with a file's size or date, and with its companions", "[atlas][resume]") {
    fs::path d = temp_dir("inputs");
    std::ofstream(d / "a.shp") << "shape";
    std::ofstream(d / "a.dbf") << "table";
    std::ofstream(d / "b.toml") << "x";
    const std::vector<std::string> files{(d / "a.shp").string(), (d / "b.toml").string()};
    const std::string before = describe_inputs(files);
    CHECK(before == describe_inputs(files));
    CHECK(before.find("a.dbf") != std::string::npos);
    std::ofstream(d / "a.dbf") << "table, longer";  // an edit to the .dbf alone
    CHECK(describe_inputs(files) != before);
    const std::string mid = describe_inputs(files);
    fs::last_write_time(d / "b.toml", fs::last_write_time(d / "b.toml") - std::chrono::hours(1));
    CHECK(describe_inputs(files) != mid);
    CHECK(describe_inputs({(d / "missing.gpkg").string()}).find("missing") != std::string::npos);
    fs::remove_all(d);
}

TEST_CASE("only temporaries of dead processes, or old ones, are stale", "[atlas][shard]") {
    fs::path d = temp_dir("tmp");
    // A process that has exited: its pid is free.
    pid_t child = fork();
    if (child == 0) _exit(0);
    int status = 0;
    waitpid(child, &status, 0);
    const TempOwner& self = this_process();
    REQUIRE(self.start > 0);
    const long parent = getppid();
    const unsigned long long parent_start = process_start_ticks(parent).value();
    // "<pid>-<start>-<host>-<thread>" as temp_suffix() writes it.
    auto tmp = [&](long pid, unsigned long long start, const std::string& host, const std::string& thread) {
        return ".tmp-" + std::to_string(pid) + "-" + std::to_string(start) + "-" + host + "-" + thread;
    };
    const std::string other_host = host_tag("another-node-of-the-cluster");
    REQUIRE(other_host != self.host);
    const std::vector<std::pair<std::string, bool>> files{
        {"01403_泊村.pdf" + tmp(parent, parent_start, self.host, "140"), true},      // a live process (another shard)
        {"01403_泊村.png" + tmp(child, self.start, self.host, "140"), false},        // killed
        {"01203_小樽市.pdf" + tmp(self.pid, self.start, self.host, "1"), true},      // ours
        {"01204.pdf" + tmp(self.pid, self.start + 1, self.host, "1"), false},        // our pid, an earlier process (a container's pid 1)
        {"01205.pdf" + tmp(parent, parent_start + 7, self.host, "1"), false},        // a live pid, but reused since
        {"01206.pdf" + tmp(child, 1, other_host, "9"), true},                         // another machine: no telling, kept until old
        {"01400.pdf" + tmp(parent, parent_start, self.host, "7"), false},            // live but a day old
        {"odd.tmp-x", true},                                                          // no owner: kept until old
        {"01401.pdf.tmp-" + std::to_string(child) + "-140", true},                    // an older name form: kept until old
        {"01403_泊村.pdf", true},                                                    // not a temporary
    };
    for (const auto& [name, kept] : files) touch(d / name);
    fs::last_write_time(d / files[6].first, fs::file_time_type::clock::now() - std::chrono::hours(25));
    int removed = 0;
    for (const auto& f : files) removed += !f.second;
    CHECK(remove_stale_temporaries(d.string(), kStaleTemporaryHours) == removed);
    for (const auto& [name, kept] : files) {
        INFO(name);
        CHECK(fs::exists(d / name) == kept);
    }
    fs::remove_all(d);
}

TEST_CASE("a temporary's name records its owner, and parses back", "[atlas][shard]") {
    const std::string suffix = temp_suffix();
    const auto o = parse_temp_owner("01403_泊村.pdf" + suffix);
    REQUIRE(o);
    CHECK(o->pid == this_process().pid);
    CHECK(o->start == this_process().start);
    CHECK(o->host == this_process().host);
    CHECK(owner_state(*o) == OwnerState::Self);
    CHECK(host_tag("node-a") != host_tag("node-b"));
    CHECK(host_tag("node-a|pid:[4026531836]") != host_tag("node-a|pid:[4026532201]"));  // two containers, one host name
    CHECK(host_tag("node-a").size() == 8);
    CHECK_FALSE(parse_temp_owner("a.pdf"));
    CHECK_FALSE(parse_temp_owner("a.pdf.tmp-12-34"));
    CHECK_FALSE(parse_temp_owner("a.pdf.tmp-12-34-XYZ-1"));
    CHECK_FALSE(parse_temp_owner("a.pdf.tmp-0-34-0123abcd-1"));
    CHECK_FALSE(parse_temp_owner("a.pdf.tmp-12-34-0123abcd-"));
}

TEST_CASE("the index lists each sheet's warnings, the CSV the first few, quoted", "[atlas][index]") {
    AtlasIndex ix;
    ix.title = "t";
    ix.page_size = "A3";
    ix.page_width_mm = 420;
    ix.page_height_mm = 297;
    ix.contents_font = "Noto Sans CJK JP";
    SheetOutcome s;
    s.id = "01403";
    s.name = "泊村";
    s.stem = "01403_泊村";
    s.state = "rendered";
    s.warnings = 5;
    s.warning_messages = {"warning: a \"quoted\" value", "warning: b, with comma", "warning: c\nsecond line", "warning: d",
                          "warning: e"};
    ix.sheets.push_back(s);
    AtlasIndex back = parse_index_json(index_json(ix), "x.json");
    REQUIRE(back.sheets.size() == 1);
    CHECK(back.sheets[0].warning_messages == s.warning_messages);
    CHECK(back.page_size == "A3");
    CHECK(back.page_width_mm == 420);
    CHECK(back.page_height_mm == 297);
    CHECK(back.contents_font == "Noto Sans CJK JP");
    const std::string csv = index_csv(ix);
    CHECK(csv.find(",warning_messages\n") != std::string::npos);
    CHECK(csv.find("\"warning: a \"\"quoted\"\" value | warning: b, with comma | warning: c second line | (2 more in "
                   "atlas_index.json)\"\n") != std::string::npos);
    // One line per sheet.
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 2);
    // An index from before the page was recorded: A4 landscape.
    auto j = nlohmann::json::parse(index_json(ix));
    j.erase("page");
    j.erase("contents_font");
    AtlasIndex old = parse_index_json(j.dump(), "old.json");
    CHECK(old.page_width_mm == 297);
    CHECK(old.page_height_mm == 210);
}

TEST_CASE("shards name their index apart; an unsharded run keeps atlas_index", "[atlas][shard]") {
    CHECK(index_stem(Shard{}) == "atlas_index");
    CHECK(index_stem(Shard{2, 4}) == "atlas_index.shard-2-of-4");
}

TEST_CASE("merge tells shards of one atlas from those of another by their recorded run", "[atlas][merge]") {
    AtlasIndex ix;
    ix.run.settings = {"map=/m/shiribeshi.toml", "fiscal_year=2024", "dpi=60", "layer works=/d/works.gpkg style=works",
                       "sheets=20 ids=0123456789abcdef"};
    ix.run.inputs = {"/m/shiribeshi.toml 100 1", "/d/works.gpkg 2000 5", "  /d/works.gpkg-wal 10 6", "/d/gone.geojson missing"};
    ix.run.binary = {"ipmap-atlas-stamp-2", "binary 123 456"};
    ix.shard = Shard{0, 2};
    // The run survives the index's JSON.
    AtlasIndex back = parse_index_json(index_json(ix), "x.json");
    CHECK(back.run.settings == ix.run.settings);
    CHECK(back.run.inputs == ix.run.inputs);
    CHECK(back.run.binary == ix.run.binary);
    CHECK(text_lines("a=1\n\nb=2") == std::vector<std::string>{"a=1", "b=2"});

    AtlasIndex other = back;
    other.shard = Shard{1, 2};  // another shard of the same run: no difference
    CHECK(run_differences(ix.run, other.run).empty());

    other.run.settings[2] = "dpi=30";
    other.run.inputs[2] = "  /d/works.gpkg-wal 10 7";
    other.run.inputs.push_back("/d/new.gpkg 1 1");
    other.run.binary[1] = "binary 123 457";
    const std::vector<std::string> want{"dpi=60 vs dpi=30", "input file /d/works.gpkg-wal differs (size or modification time)",
                                        "input file /d/new.gpkg read by the second only",
                                        "made by different ipmap binaries (or stamp versions)"};
    CHECK(run_differences(ix.run, other.run) == want);
    other.run.settings.pop_back();
    CHECK(run_differences(ix.run, other.run)[1] == "sheets=20 ids=0123456789abcdef vs (none)");

    // An index that does not record its run (written by an older ipmap) is not compared.
    AtlasIndex old;
    CHECK(old.run.empty());
    CHECK(run_differences(ix.run, old.run).empty());
    auto j = nlohmann::json::parse(index_json(ix));
    j.erase("run");
    CHECK(parse_index_json(j.dump(), "old.json").run.empty());
}

TEST_CASE("the run's warnings are listed once in the index, not counted on each sheet", "[atlas][index]") {
    SheetOutcome s;
    s.warning_messages = {"warning: a.gpkg: layer 'm', row 7, field 'geometry': invalid geometry",
                          "warning: works.gpkg: row 3, id 'K-1', field '進捗率' = '150': clamped"};
    s.warnings = 2;
    drop_run_warnings(s, {"warning: a.gpkg: layer 'm', row 7, field 'geometry': invalid geometry"});
    CHECK(s.warnings == 1);
    REQUIRE(s.warning_messages.size() == 1);
    CHECK(s.warning_messages[0].find("K-1") != std::string::npos);

    AtlasIndex ix;
    ix.title = "t";
    ix.run_warnings = {"warning: a.gpkg: layer 'm', row 7, field 'geometry': invalid geometry"};
    ix.sheets.push_back(s);
    const AtlasIndex back = parse_index_json(index_json(ix), "mem.json");
    CHECK(back.run_warnings == ix.run_warnings);
    CHECK(back.sheets.at(0).warnings == 1);
}
