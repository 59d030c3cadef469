#include <catch2/catch.hpp>

#include <poppler.h>  // test-only: reads the outline back
#include <sys/resource.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "core/errors.hpp"
#include "render/pdf_book.hpp"
#include "render/write_sheet.hpp"
#include "render_support.hpp"

using namespace ipmap;
using namespace render_test;

namespace {

Scene page_with(const std::string& text) {
    Scene s;
    s.width_mm = 100;
    s.height_mm = 70;
    s.items.push_back(TextItem{text, {10, 10}, HAlign::Left, VAlign::Top, 0, TextStyle{}});
    return s;
}

std::string page_text(const fs::path& pdf, int page) {
    return run("pdftotext -enc UTF-8 -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" + pdf.string() +
               "' -");
}

/// Top-level outline entries as (title, 1-based page).
std::vector<std::pair<std::string, int>> outline(const fs::path& pdf) {
    std::vector<std::pair<std::string, int>> out;
    gchar* uri = g_filename_to_uri(fs::absolute(pdf).c_str(), nullptr, nullptr);
    PopplerDocument* doc = poppler_document_new_from_file(uri, nullptr, nullptr);
    g_free(uri);
    REQUIRE(doc);
    PopplerIndexIter* it = poppler_index_iter_new(doc);
    if (it) {
        do {
            PopplerAction* a = poppler_index_iter_get_action(it);
            if (a && a->type == POPPLER_ACTION_GOTO_DEST && a->goto_dest.dest) {
                PopplerDest* d = a->goto_dest.dest;
                int page = d->page_num;
                if (d->type == POPPLER_DEST_NAMED) {
                    PopplerDest* named = poppler_document_find_dest(doc, d->named_dest);
                    page = named ? named->page_num : -1;
                    if (named) poppler_dest_free(named);
                }
                out.emplace_back(a->any.title ? a->any.title : "", page);
            }
            if (a) poppler_action_free(a);
        } while (poppler_index_iter_next(it));
        poppler_index_iter_free(it);
    }
    g_object_unref(doc);
    return out;
}

}  // namespace

TEST_CASE("a book moves its last pages and their bookmarks to the front", "[render][pdf]") {
    const ScratchDir dir("book");
    const fs::path pdf = dir / "atlas.pdf";
    {
        PdfBook book(pdf.string(), "atlas");
        book.add_scene(page_with("SHEET-A"), "A");
        book.add_scene(page_with("SHEET-A2"));
        book.add_scene(page_with("SHEET-B"), "B");
        book.add_scene(page_with("CONTENTS-1"), "目次");
        book.add_scene(page_with("CONTENTS-2"));
        book.finish(2);
    }
    REQUIRE(fs::exists(pdf));
    CHECK(page_text(pdf, 1).find("CONTENTS-1") != std::string::npos);
    CHECK(page_text(pdf, 2).find("CONTENTS-2") != std::string::npos);
    CHECK(page_text(pdf, 3).find("SHEET-A") != std::string::npos);
    CHECK(page_text(pdf, 4).find("SHEET-A2") != std::string::npos);
    CHECK(page_text(pdf, 5).find("SHEET-B") != std::string::npos);
    const auto marks = outline(pdf);
    REQUIRE(marks.size() == 3);
    CHECK(marks[0] == std::make_pair(std::string("目次"), 1));
    CHECK(marks[1] == std::make_pair(std::string("A"), 3));
    CHECK(marks[2] == std::make_pair(std::string("B"), 5));
    // No temporary file is left beside it.
    int files = 0;
    for (const auto& e : fs::directory_iterator(dir.path())) files += e.is_regular_file();
    CHECK(files == 1);
}

TEST_CASE("a book written twice from the same pages is the same file", "[render][pdf]") {
    const ScratchDir dir("book-twice");
    std::string bytes[2];
    for (int k = 0; k < 2; ++k) {
        const fs::path pdf = dir / ("b" + std::to_string(k) + ".pdf");
        PdfBook book(pdf.string(), "atlas");
        book.add_scene(page_with("SHEET-A"), "A");
        book.add_scene(page_with("CONTENTS"), "目次");
        book.finish(1);
        bytes[k] = read_bytes(pdf);
    }
    CHECK(!bytes[0].empty());
    CHECK(bytes[0] == bytes[1]);
}

TEST_CASE("a book copies the pages of sheet PDFs with their size, text and a bookmark", "[render][pdf]") {
    const ScratchDir dir("book-copy");
    Scene a3 = page_with("SHEET-COPIED-A");
    a3.width_mm = 420;
    a3.height_mm = 297;
    std::vector<Scene> two{page_with("SHEET-B-1"), page_with("SHEET-B-2")};
    write_pdf(a3, (dir / "a.pdf").string());
    write_multipage_pdf(two, (dir / "b.pdf").string());
    const fs::path pdf = dir / "atlas.pdf";
    {
        PdfBook book(pdf.string(), "atlas");
        book.add_pdf((dir / "a.pdf").string(), "01203 小樽市");
        book.add_pdf((dir / "b.pdf").string(), "01400 倶知安町");
        CHECK(book.pages() == 3);
        book.add_scene(page_with("CONTENTS"), "目次");
        book.finish(1);
    }
    CHECK(page_text(pdf, 1).find("CONTENTS") != std::string::npos);
    CHECK(page_text(pdf, 2).find("SHEET-COPIED-A") != std::string::npos);
    CHECK(page_text(pdf, 3).find("SHEET-B-1") != std::string::npos);
    CHECK(page_text(pdf, 4).find("SHEET-B-2") != std::string::npos);
    // The A3 page stays A3 (1190.55 x 841.89 pt), the others keep 100 x 70 mm.
    const std::string info = run("pdfinfo -f 1 -l 4 '" + pdf.string() + "'");
    auto size_of = [&](int page) {
        const std::string key = "Page    " + std::to_string(page) + " size:";
        const auto at = info.find(key);
        return at == std::string::npos ? std::string() : info.substr(at + key.size(), info.find('\n', at) - at - key.size());
    };
    CHECK(size_of(2).find("1190.55 x 841.89") != std::string::npos);
    CHECK(size_of(3).find("283.465 x 198.425") != std::string::npos);
    const auto marks = outline(pdf);
    REQUIRE(marks.size() == 3);
    CHECK(marks[0] == std::make_pair(std::string("目次"), 1));
    CHECK(marks[1] == std::make_pair(std::string("01203 小樽市"), 2));
    CHECK(marks[2] == std::make_pair(std::string("01400 倶知安町"), 3));
}

TEST_CASE("a book names the sheet PDF it cannot read", "[render][pdf][errors]") {
    const ScratchDir dir("book-bad");
    const fs::path bad = dir / "01203_broken.pdf";
    {
        std::ofstream(bad) << "%PDF-1.5\nnot really a PDF\n";
    }
    PdfBook book((dir / "atlas.pdf").string(), "atlas");
    try {
        book.add_pdf(bad.string(), "A");
        FAIL("no error for an unreadable PDF");
    } catch (const OutputError& e) {
        CHECK(std::string(e.what()).find("01203_broken.pdf") != std::string::npos);
    }
    CHECK(book.pages() == 0);
}

TEST_CASE("a book of more sheets than it may keep open copies the rest into memory", "[render][pdf]") {
    const ScratchDir dir("book-many");
    rlimit saved{};
    REQUIRE(getrlimit(RLIMIT_NOFILE, &saved) == 0);
    rlimit low = saved;
    low.rlim_cur = 48;  // 24 sheets kept open, the other 36 copied at once (60 would not fit)
    REQUIRE(setrlimit(RLIMIT_NOFILE, &low) == 0);
    const fs::path pdf = dir / "atlas.pdf";
    {
        PdfBook book(pdf.string(), "atlas");
        for (int k = 0; k < 60; ++k) {
            const std::string sheet = (dir / ("s" + std::to_string(k) + ".pdf")).string();
            write_pdf(page_with("SHEET-" + std::to_string(k)), sheet);
            book.add_pdf(sheet, "S" + std::to_string(k));
        }
        book.finish();
    }
    setrlimit(RLIMIT_NOFILE, &saved);
    CHECK(page_text(pdf, 1).find("SHEET-0") != std::string::npos);
    CHECK(page_text(pdf, 24).find("SHEET-23") != std::string::npos);
    CHECK(page_text(pdf, 60).find("SHEET-59") != std::string::npos);
    CHECK(outline(pdf).size() == 60);
}
