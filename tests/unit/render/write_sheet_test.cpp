#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <utility>
#include <regex>
#include <sstream>
#include <thread>

#include "core/errors.hpp"
#include "render/write_sheet.hpp"
#include "render_support.hpp"

using namespace ipmap;
using namespace render_test;

namespace {

const std::string kTitle = "後志地域３プロジェクトを支えるインフラ整備進捗図";

/// A small sheet with every kind of item and Japanese text.
Scene sample_scene(double w = 120, double h = 80) {
    Scene s;
    s.width_mm = w;
    s.height_mm = h;
    s.title = kTitle;
    PathItem poly;
    poly.parts = {{{10, 10}, {60, 10}, {60, 50}, {10, 50}}, {{25, 20}, {45, 20}, {45, 40}, {25, 40}}};
    poly.closed = true;
    poly.fill = Fill{{0.9, 0.2, 0.1, 1}, FillPattern::Hatch, 2.0, 0.3, 45};
    poly.strokes = {Stroke{{0, 0, 0, 1}, 0.4, {}, true}};
    s.items.push_back(poly);
    PathItem road;
    road.parts = {{{5, 70}, {50, 60}, {110, 70}}};
    road.strokes = {Stroke{{0.3, 0.3, 0.3, 1}, 1.2, {}, true}, Stroke{{1, 1, 0, 1}, 0.8, {2, 1}, false}};
    s.items.push_back(road);
    s.items.push_back(SymbolItem{{80, 20}, SymbolShape::Star, 6, Fill{{0, 0.4, 0.9, 1}}, Stroke{}});
    TextItem title{kTitle, {60, 3}, HAlign::Center, VAlign::Top, 0, TextStyle{}};
    title.style.size_pt = 10;
    title.style.bold = true;
    s.items.push_back(title);
    TextItem note{"令和6年度", {80, 30}, HAlign::Left, VAlign::Top, 0, TextStyle{}};
    note.style.halo = Rgba{1, 1, 1, 1};
    s.items.push_back(note);
    return s;
}

bool contains(const std::string& hay, const std::string& needle) {
    return hay.find(needle) != std::string::npos;
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

int png_dim(const std::string& bytes, std::size_t off) {
    auto b = [&](std::size_t i) { return static_cast<unsigned char>(bytes.at(off + i)); };
    return int(b(0)) << 24 | int(b(1)) << 16 | int(b(2)) << 8 | int(b(3));
}

}  // namespace

TEST_CASE("an A3 landscape sheet at 300 dpi is 4961 x 3508 pixels", "[render][png]") {
    const ScratchDir dir("a3");
    Scene s;  // 420 x 297 mm by default
    write_png(s, (dir / "a3.png").string(), 300);
    const std::string bytes = read_bytes(dir / "a3.png");
    REQUIRE(bytes.substr(1, 3) == "PNG");
    CHECK(png_dim(bytes, 16) == 4961);  // IHDR width
    CHECK(png_dim(bytes, 20) == 3508);  // IHDR height

    write_png(sample_scene(100, 50), (dir / "small.png").string(), 72);
    const std::string small = read_bytes(dir / "small.png");
    CHECK(png_dim(small, 16) == 283);  // round(100 / 25.4 * 72)
    CHECK(png_dim(small, 20) == 142);  // round(50 / 25.4 * 72) = round(141.7)
}

/// CRC-32 as the PNG specification defines it (ISO 3309, reflected, bit by bit): an
/// implementation independent of the encoder's.
std::uint32_t png_crc(const std::string& bytes, std::size_t off, std::size_t len) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (std::size_t i = off; i < off + len; ++i) {
        c ^= static_cast<unsigned char>(bytes[i]);
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

struct PngChunk {
    std::string type;
    std::size_t offset;  // of the chunk's data in the file
    std::size_t length;
    bool crc_ok;
};

std::vector<PngChunk> png_chunks(const std::string& bytes) {
    std::vector<PngChunk> out;
    for (std::size_t off = 8; off + 12 <= bytes.size();) {
        const auto len = static_cast<std::size_t>(static_cast<std::uint32_t>(png_dim(bytes, off)));
        if (off + 12 + len > bytes.size()) break;
        const auto stored = static_cast<std::uint32_t>(png_dim(bytes, off + 8 + len));
        out.push_back({bytes.substr(off + 4, 4), off + 8, len, png_crc(bytes, off + 4, 4 + len) == stored});
        off += 12 + len;
    }
    return out;
}

TEST_CASE("a PNG on transparent paper keeps straight alpha, and its chunks are well formed",
          "[render][png]") {
    const ScratchDir dir("alpha");
    Scene s;
    s.width_mm = 40;
    s.height_mm = 20;
    s.paper = {1, 1, 1, 0};  // no paper: an RGBA image
    PathItem p;
    p.closed = true;
    p.parts = {{{20, 0}, {40, 0}, {40, 20}, {20, 20}}};
    p.fill = Fill{{1, 0, 0, 0.5}};
    s.items.push_back(p);
    const auto png = dir / "alpha.png";
    write_png(s, png.string(), 254);  // 10 px per mm: 400 x 200

    // Decoded by Cairo (libpng): the left half is clear, the right half half-covered red.
    const Image img = load_png(png);
    REQUIRE(img.width == 400);
    REQUIRE(img.height == 200);
    const std::uint32_t clear = img.px[100 * 400 + 100], red = img.px[100 * 400 + 300];
    CHECK(clear >> 24 == 0);
    CHECK(int(red >> 24) == Approx(128).margin(1));
    CHECK(int((red >> 16) & 0xff) == Approx(128).margin(1));  // premultiplied again by Cairo
    CHECK((red & 0xffff) == 0);

    // Chunks in order, with the lengths the format fixes: IHDR (RGBA, 8 bit), pHYs in
    // pixels per metre, IDAT, IEND.
    const std::string bytes = read_bytes(png);
    std::vector<std::string> types;
    for (const auto& c : png_chunks(bytes)) {
        types.push_back(c.type);
        if (c.type == "IHDR") {
            CHECK(c.length == 13);
            CHECK(static_cast<unsigned char>(bytes.at(c.offset + 8)) == 8);  // bit depth
            CHECK(static_cast<unsigned char>(bytes.at(c.offset + 9)) == 6);  // RGBA
        }
        if (c.type == "pHYs") CHECK(png_dim(bytes, c.offset) == 10000);
    }
    REQUIRE(types.size() >= 4);
    CHECK(types.front() == "IHDR");
    CHECK(types[1] == "pHYs");
    CHECK(types[2] == "IDAT");
    CHECK(types.back() == "IEND");
}

TEST_CASE("a large, busy PNG is framed in several IDAT chunks, each with a correct CRC, and decodes",
          "[render][png]") {
    const ScratchDir dir("busy");
    // 600 thin lines in pseudo-random colours and directions: little for deflate to find,
    // so the compressed stream spans many of libpng's IDAT chunks.
    Scene s;
    s.width_mm = 100;
    s.height_mm = 60;
    std::uint32_t seed = 12345;
    auto next = [&seed] { return (seed = seed * 1664525u + 1013904223u) >> 8; };
    for (int i = 0; i < 600; ++i) {
        PathItem line;
        line.parts = {{{next() % 1000 / 10.0, next() % 600 / 10.0}, {next() % 1000 / 10.0, next() % 600 / 10.0}}};
        line.strokes = {Stroke{{next() % 256 / 255.0, next() % 256 / 255.0, next() % 256 / 255.0, 1}, 0.15, {}, false}};
        s.items.push_back(line);
    }
    const auto png = dir / "busy.png";
    write_png(s, png.string(), 600);
    const std::string bytes = read_bytes(png);
    REQUIRE(bytes.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    const auto chunks = png_chunks(bytes);
    int idat = 0;
    std::size_t framed = 8;
    for (const auto& c : chunks) {
        INFO(c.type << " " << c.length);
        CHECK(c.crc_ok);
        idat += c.type == "IDAT";
        framed += 12 + c.length;
    }
    CHECK(framed == bytes.size());  // nothing after IEND, nothing cut short
    CHECK(idat >= 2);
    CHECK(chunks.at(2).type == "IDAT");
    REQUIRE(chunks.size() >= 4);
    CHECK(chunks.back().type == "IEND");
    const Image img = load_png(png);  // libpng inflates and checks the zlib stream
    CHECK(img.width == 2362);
    CHECK(img.height == 1417);
    // Same pixels as a second encoding of the same scene, byte for byte.
    write_png(s, (dir / "again.png").string(), 600);
    CHECK(read_bytes(dir / "again.png") == bytes);
}

TEST_CASE("PNGs of one pixel and of a few rows decode to their pixels", "[render][png]") {
    const ScratchDir dir("tiny");
    for (const auto& [w_mm, h_mm] : std::vector<std::pair<double, double>>{{0.1, 0.1}, {0.3, 0.2}, {2.0, 0.5}}) {
        Scene s;
        s.width_mm = w_mm;
        s.height_mm = h_mm;
        s.paper = {0, 0.5, 1, 1};
        const auto png = dir / "tiny.png";
        write_png(s, png.string(), 254);  // 10 px per mm
        for (const auto& c : png_chunks(read_bytes(png))) CHECK(c.crc_ok);
        const Image img = load_png(png);
        CHECK(img.width == int(std::lround(w_mm * 10)));
        CHECK(img.height == int(std::lround(h_mm * 10)));
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x) {
                const Rgb c = img.at(x, y);
                CHECK(c.r == 0);
                CHECK(c.g == Approx(128).margin(1));
                CHECK(c.b == 255);
            }
    }
}

TEST_CASE("the same scene renders the same PNG and PDF bytes twice", "[render][determinism]") {
    const ScratchDir dir("determinism");
    const Scene s = sample_scene();
    write_png(s, (dir / "a.png").string(), 100);
    write_png(s, (dir / "b.png").string(), 100);
    CHECK(read_bytes(dir / "a.png") == read_bytes(dir / "b.png"));
    write_pdf(s, (dir / "a.pdf").string());
    write_pdf(s, (dir / "b.pdf").string());
    CHECK(read_bytes(dir / "a.pdf") == read_bytes(dir / "b.pdf"));
}

TEST_CASE("a PDF embeds Noto Sans CJK as subsets and its Japanese text is extractable",
          "[render][pdf]") {
    const ScratchDir dir("pdf");
    const auto pdf = dir / "sheet.pdf";
    write_pdf(sample_scene(), pdf.string());

    const auto fonts = lines_of(run("pdffonts " + quote(pdf)));
    REQUIRE(fonts.size() >= 3);  // header, rule, at least one font
    const std::regex font_line(R"(^(\S+)\s.*\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$)");
    int cjk = 0;
    for (std::size_t i = 2; i < fonts.size(); ++i) {
        INFO(fonts[i]);
        std::smatch m;
        REQUIRE(std::regex_match(fonts[i], m, font_line));
        // The style's families: Noto Sans CJK JP, and Noto Sans for Latin letters and digits.
        CHECK((contains(m[1].str(), "NotoSansCJK") || contains(m[1].str(), "NotoSans-")));
        cjk += contains(m[1].str(), "NotoSansCJK");
        CHECK(contains(m[1].str(), "+"));  // subset tag
        CHECK(m[2] == "yes");             // embedded
        CHECK(m[3] == "yes");             // subset
    }
    CHECK(cjk >= 1);

    const std::string text = run("pdftotext -enc UTF-8 " + quote(pdf) + " -");
    CHECK(contains(text, kTitle));
    CHECK(contains(text, "令和6年度"));

    const std::string info = run("pdfinfo -isodates " + quote(pdf));
    CHECK(std::regex_search(info, std::regex("Title:\\s+" + kTitle + "\\n")));
    CHECK(std::regex_search(info, std::regex("Pages:\\s+1\\n")));
    CHECK(std::regex_search(info, std::regex("Page size:\\s+340.157 x 226.772 pts")));  // 120 x 80 mm
}

TEST_CASE("the PDF creation date comes from SOURCE_DATE_EPOCH", "[render][pdf][determinism]") {
    const ScratchDir dir("epoch");
    const char* old = std::getenv("SOURCE_DATE_EPOCH");
    const std::string saved = old ? old : "";
    ::setenv("SOURCE_DATE_EPOCH", "1711929600", 1);  // 2024-04-01T00:00:00Z, start of FY R6
    write_pdf(sample_scene(), (dir / "a.pdf").string());
    if (old) ::setenv("SOURCE_DATE_EPOCH", saved.c_str(), 1);
    else ::unsetenv("SOURCE_DATE_EPOCH");
    const std::string info = run("pdfinfo -isodates " + quote(dir / "a.pdf"));
    INFO(info);
    CHECK(std::regex_search(info, std::regex("CreationDate:\\s+2024-04-01T00:00:00")));
}

TEST_CASE("a multi-page PDF has one page per scene with its own size and text", "[render][pdf]") {
    const ScratchDir dir("multipage");
    std::vector<Scene> pages = {sample_scene(), sample_scene(297, 210), sample_scene(100, 100)};
    pages[1].title = "余市町";
    pages[1].items.push_back(TextItem{"二頁目の注記", {150, 150}, HAlign::Center, VAlign::Middle, 0, TextStyle{}});
    const auto pdf = dir / "atlas.pdf";
    write_multipage_pdf(pages, pdf.string());

    const std::string info = run("pdfinfo -f 1 -l 3 " + quote(pdf));
    INFO(info);
    CHECK(std::regex_search(info, std::regex("Pages:\\s+3\\n")));
    CHECK(std::regex_search(info, std::regex("Page +1 size:\\s+340.157 x 226.772 pts")));
    CHECK(std::regex_search(info, std::regex("Page +2 size:\\s+841.89 x 595.276 pts")));
    CHECK(std::regex_search(info, std::regex("Page +3 size:\\s+283.465 x 283.465 pts")));
    CHECK(contains(run("pdftotext -enc UTF-8 -f 2 -l 2 " + quote(pdf) + " -"), "二頁目の注記"));
    CHECK_FALSE(contains(run("pdftotext -enc UTF-8 -f 1 -l 1 " + quote(pdf) + " -"), "二頁目の注記"));

    REQUIRE_THROWS_AS(write_multipage_pdf({}, (dir / "none.pdf").string()), OutputError);
    CHECK_FALSE(fs::exists(dir / "none.pdf"));
}

TEST_CASE("writing into a missing directory throws OutputError naming the path", "[render][errors]") {
    const ScratchDir dir("missing");
    const std::string png = (dir / "no-such-dir" / "sheet.png").string();
    const std::string pdf = (dir / "no-such-dir" / "sheet.pdf").string();
    const Scene s = sample_scene();
    for (int kind = 0; kind < 3; ++kind) {
        const std::string& path = kind == 0 ? png : pdf;
        try {
            if (kind == 0) write_png(s, path, 50);
            else if (kind == 1) write_pdf(s, path);
            else write_multipage_pdf({s, s}, path);
            FAIL("no exception");
        } catch (const OutputError& e) {
            INFO(e.what());
            CHECK(contains(e.what(), path));
            // PDFs fail inside Cairo, PNGs in the libpng encoder: both say why.
            CHECK(contains(e.what(), kind == 0 ? "cannot write: No such file or directory" : "cairo: "));
        }
    }
    CHECK(fs::is_empty(dir));
}

TEST_CASE("a failed rename leaves no temporary file behind", "[render][errors]") {
    const ScratchDir dir("rename");
    fs::create_directory(dir / "taken");  // the target path is a non-empty directory
    std::ofstream(dir / "taken" / "keep").put('x');
    const std::string path = (dir / "taken").string();
    try {
        write_png(sample_scene(), path, 50);
        FAIL("no exception");
    } catch (const OutputError& e) {
        CHECK(contains(e.what(), path));
    }
    REQUIRE_THROWS_AS(write_pdf(sample_scene(), path), OutputError);
    for (const auto& entry : fs::directory_iterator(dir)) {
        INFO(entry.path());
        CHECK(entry.path().filename() == "taken");
    }
}

TEST_CASE("writing into a read-only directory throws OutputError", "[render][errors]") {
    if (::geteuid() == 0) {
        WARN("running as root: permissions are not enforced, skipped");
        return;
    }
    const ScratchDir dir("readonly");
    fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec);
    const std::string path = (dir / "sheet.png").string();
    try {
        write_png(sample_scene(), path, 50);
        FAIL("no exception");
    } catch (const OutputError& e) {
        CHECK(contains(e.what(), path));
    }
    fs::permissions(dir, fs::perms::owner_all);
    CHECK(fs::is_empty(dir));
}

TEST_CASE("invalid page sizes and resolutions throw OutputError", "[render][errors]") {
    const ScratchDir dir("invalid");
    Scene s;
    s.width_mm = 0;
    CHECK_THROWS_AS(write_png(s, (dir / "a.png").string(), 100), OutputError);
    CHECK_THROWS_AS(write_pdf(s, (dir / "a.pdf").string()), OutputError);
    CHECK_THROWS_AS(write_png(Scene{}, (dir / "b.png").string(), 0), OutputError);
    CHECK_THROWS_AS(write_png(Scene{}, (dir / "c.png").string(), 5000), OutputError);  // 82677 px
    CHECK(fs::is_empty(dir));
}

TEST_CASE("rendering from four threads at once gives identical files", "[render][threads]") {
    const ScratchDir dir("threads");
    const Scene s = sample_scene();
    write_png(s, (dir / "ref.png").string(), 100);
    write_pdf(s, (dir / "ref.pdf").string());
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
            for (int rep = 0; rep < 2; ++rep) {
                write_png(s, (dir / ("t" + std::to_string(i) + ".png")).string(), 100);
                write_pdf(s, (dir / ("t" + std::to_string(i) + ".pdf")).string());
            }
        });
    }
    for (auto& t : threads) t.join();
    const std::string ref_png = read_bytes(dir / "ref.png");
    const std::string ref_pdf = read_bytes(dir / "ref.pdf");
    for (int i = 0; i < 4; ++i) {
        CHECK(read_bytes(dir / ("t" + std::to_string(i) + ".png")) == ref_png);
        CHECK(read_bytes(dir / ("t" + std::to_string(i) + ".pdf")) == ref_pdf);
    }
}
