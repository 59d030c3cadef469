#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "atlas/atlas_index.hpp"
#include "atlas/run_atlas.hpp"

using namespace ipmap;
namespace fs = std::filesystem;

namespace {

struct Scratch {
    fs::path dir;
    explicit Scratch(const std::string& name)
        : dir(fs::temp_directory_path() / ("ipmap-test-" + name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Shard K of N of one atlas of N sheets (one sheet each), as `ipmap atlas --shard K/N`
/// indexes it: the same run record on every shard, the shard's own run warnings. The sheets
/// list PNGs only, so the merge draws no combined PDF and needs no sheet file.
AtlasIndex shard_index(int k, int n, const std::vector<std::string>& run_warnings) {
    AtlasIndex ix;
    ix.map_file = "maps/shiribeshi.toml";
    ix.title = "t";
    ix.fiscal_year = 2024;
    ix.total_sheets = n;
    ix.shard = Shard{k, n};
    ix.run.settings = {"map=/m/shiribeshi.toml", "crs=auto", "sheets=3 ids=0123456789abcdef"};
    ix.run.inputs = {"/m/shiribeshi.toml 100 1", "/d/base.gpkg 2000 5"};
    ix.run.binary = {"ipmap-atlas-stamp-2", "binary 123 456"};
    ix.run_warnings = run_warnings;
    SheetOutcome s;
    s.index = k;
    s.id = "0140" + std::to_string(k);
    s.name = "sheet" + std::to_string(k);
    s.stem = s.id + "_" + s.name;
    s.state = "rendered";
    s.files = {s.stem + ".png"};
    ix.sheets.push_back(s);
    return ix;
}

}  // namespace

// The shards of one run share their load warnings, but with crs = "auto" each projects only
// the zones of its own sheets, and a reprojection warning names its zone: shards' run
// warnings differ partly. The indexes are built by hand so that they do (a real run would
// need a base feature that only some zones cannot take).
TEST_CASE("merge keeps every shard's run warnings, once each", "[atlas][merge]") {
    const std::string load = "warning: mixed.geojson: layer 'mixed', row 7, field 'geometry': invalid geometry -> left out";
    auto reproject = [](const std::string& crs) {
        return "warning: base.gpkg: layer 'roads', row 12, field 'geometry': coordinates could not be transformed to " + crs +
               " -> feature left out of the base map";
    };
    const std::vector<std::vector<std::string>> per_shard{
        {load, reproject("EPSG:6679")},
        {load, reproject("EPSG:6680")},
        {reproject("EPSG:6679"), load, reproject("EPSG:6681")},  // all but the last seen already
    };
    Scratch tmp("merge-run-warnings");
    std::vector<std::string> dirs;
    for (int k = 0; k < 3; ++k) {
        const fs::path d = tmp.dir / ("shard" + std::to_string(k));
        fs::create_directories(d);
        const AtlasIndex ix = shard_index(k, 3, per_shard[k]);
        std::ofstream(d / (index_stem(ix.shard) + ".json")) << index_json(ix);
        dirs.push_back(d.string());
    }

    const fs::path out = tmp.dir / "atlas";
    const AtlasResult r = run_merge(dirs, out.string());
    REQUIRE(r.index.sheets.size() == 3);
    CHECK(r.failed == 0);
    // The union, in the order first seen shard by shard: shard 0's, then what each later
    // shard adds; none dropped, none twice.
    const std::vector<std::string> want{load, reproject("EPSG:6679"), reproject("EPSG:6680"), reproject("EPSG:6681")};
    CHECK(r.index.run_warnings == want);
    // As written to the merged folder's index.
    const fs::path written = out / "atlas_index.json";
    REQUIRE(fs::exists(written));
    const AtlasIndex back = parse_index_json(read_all(written), written.string());
    CHECK(back.run_warnings == want);
    CHECK(back.shard.count == 1);
    CHECK(back.sheets.size() == 3);

    // The folders in another order on the command line: the shards are still taken in shard
    // order, so the merged index is the same, byte for byte.
    const AtlasResult rev = run_merge({dirs[2], dirs[0], dirs[1]}, (tmp.dir / "atlas-rev").string());
    CHECK(rev.index.run_warnings == want);
    CHECK(read_all(tmp.dir / "atlas-rev" / "atlas_index.json") == read_all(written));
}
