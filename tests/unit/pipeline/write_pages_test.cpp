#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "pipeline/render_sheet.hpp"

using namespace ipmap;
namespace fs = std::filesystem;

namespace {

Scene page(const std::string& text) {
    Scene s;
    s.width_mm = 60;
    s.height_mm = 40;
    s.title = text;
    s.items.emplace_back(TextItem{text, {5, 5}, HAlign::Left, VAlign::Top, 0, TextStyle{}});
    return s;
}

std::string bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

struct Scratch {
    fs::path dir = fs::temp_directory_path() / ("ipmap-pipeline-pages-" + std::to_string(::getpid()));
    Scratch() { fs::remove_all(dir); fs::create_directories(dir); }
    ~Scratch() { std::error_code ec; fs::remove_all(dir, ec); }
};

}  // namespace

TEST_CASE("every page of a sheet gets a PNG: NAME.png, NAME-2.png, NAME-3.png", "[pipeline][png]") {
    Scratch tmp;
    OutputOptions opt;
    opt.out_dir = tmp.dir.string();
    opt.dpi = 50;
    const std::vector<Scene> pages{page("地図"), page("一覧（続き）1"), page("一覧（続き）2")};
    const auto written = write_sheet_pages(pages, "sheet", opt);
    const std::vector<std::string> want{(tmp.dir / "sheet.pdf").string(), (tmp.dir / "sheet.png").string(),
                                        (tmp.dir / "sheet-2.png").string(), (tmp.dir / "sheet-3.png").string()};
    CHECK(written == want);
    for (const auto& f : want) {
        REQUIRE(fs::exists(f));
        CHECK(fs::file_size(f) > 0);
    }
    // Three different images, PNG each; no temporary file left behind.
    const std::string a = bytes(tmp.dir / "sheet.png"), b = bytes(tmp.dir / "sheet-2.png"), c = bytes(tmp.dir / "sheet-3.png");
    CHECK(a.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    CHECK(c.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    CHECK(a != b);
    CHECK(b != c);
    int files = 0;
    for (const auto& e : fs::directory_iterator(tmp.dir)) {
        ++files;
        CHECK(e.path().filename().string().find(".tmp") == std::string::npos);
    }
    CHECK(files == 4);
    // The same pages give the same bytes.
    const auto again = write_sheet_pages(pages, "sheet", opt);
    CHECK(again == want);
    CHECK(bytes(tmp.dir / "sheet-2.png") == b);
}

TEST_CASE("a one-page sheet writes NAME.png only; PNG alone writes no PDF", "[pipeline][png]") {
    Scratch tmp;
    OutputOptions opt;
    opt.out_dir = tmp.dir.string();
    opt.dpi = 50;
    opt.pdf = false;
    const auto written = write_sheet_pages({page("地図")}, "one", opt);
    CHECK(written == std::vector<std::string>{(tmp.dir / "one.png").string()});
    CHECK(!fs::exists(tmp.dir / "one-2.png"));
    CHECK(!fs::exists(tmp.dir / "one.pdf"));
    CHECK(write_sheet_pages({}, "none", opt).empty());
}

TEST_CASE("a sheet written with fewer pages removes the earlier run's NAME-K.png above its count, only those",
          "[pipeline][png]") {
    Scratch tmp;
    OutputOptions opt;
    opt.out_dir = tmp.dir.string();
    opt.dpi = 30;
    write_sheet_pages({page("地図"), page("続き1"), page("続き2"), page("続き3")}, "sheet", opt);
    REQUIRE(fs::exists(tmp.dir / "sheet-4.png"));
    // Files that only look alike, and another sheet named "sheet-6" (its own report).
    const std::vector<std::string> keep{"sheet-02.png", "sheet-x.png", "sheet-3.png.tmp-1-2", "sheet-2-3.png",
                                        "sheetA-5.png", "other-5.png", "sheet-5.pdf", "sheet-6.png",
                                        "sheet-6.report.json", "sheet--7.png", "sheet-+7.png"};
    for (const auto& n : keep) std::ofstream(tmp.dir / n) << "x";
    const auto written = write_sheet_pages({page("地図"), page("続き1")}, "sheet", opt);
    CHECK(written == std::vector<std::string>{(tmp.dir / "sheet.pdf").string(), (tmp.dir / "sheet.png").string(),
                                              (tmp.dir / "sheet-2.png").string()});
    CHECK(fs::exists(tmp.dir / "sheet-2.png"));
    CHECK(!fs::exists(tmp.dir / "sheet-3.png"));
    CHECK(!fs::exists(tmp.dir / "sheet-4.png"));
    for (const auto& n : keep) CHECK(fs::exists(tmp.dir / n));
    // PDF only: the continuation images above the new count go as well.
    std::ofstream(tmp.dir / "sheet-9.png") << "x";
    opt.png = false;
    write_sheet_pages({page("地図")}, "sheet", opt);
    CHECK(!fs::exists(tmp.dir / "sheet-2.png"));
    CHECK(!fs::exists(tmp.dir / "sheet-9.png"));
    CHECK(remove_stale_page_pngs(tmp.dir.string(), "sheet", 1) == 0);
}
