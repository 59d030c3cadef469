#include <catch2/catch.hpp>

#include "atlas/atlas_index.hpp"
#include "atlas/run_atlas.hpp"

using namespace ipmap;

TEST_CASE("a sheet's files in the index: one PNG per page", "[atlas][files]") {
    OutputOptions o;
    using V = std::vector<std::string>;
    CHECK(sheet_output_files("01400_倶知安町", o, 1) == V{"01400_倶知安町.pdf", "01400_倶知安町.png", "01400_倶知安町.report.json"});
    CHECK(sheet_output_files("s", o, 3) == V{"s.pdf", "s.png", "s-2.png", "s-3.png", "s.report.json"});
    CHECK(sheet_output_files("s", o, 0) == V{"s.pdf", "s.png", "s.report.json"});
    o.png = false;
    CHECK(sheet_output_files("s", o, 3) == V{"s.pdf", "s.report.json"});
    o.png = true;
    o.pdf = false;
    CHECK(sheet_output_files("s", o, 2) == V{"s.png", "s-2.png", "s.report.json"});
}

TEST_CASE("the index CSV's png column names every page's image", "[atlas][files]") {
    AtlasIndex ix;
    SheetOutcome s;
    s.id = "01400";
    s.name = "倶知安町";
    s.stem = "s";
    s.state = "rendered";
    s.pages = 3;
    s.files = sheet_output_files("s", OutputOptions{}, 3);
    ix.sheets.push_back(s);
    const std::string csv = index_csv(ix);
    CHECK(csv.find(",\"s.pdf\",\"s.png;s-2.png;s-3.png\",") != std::string::npos);
}
