#include <catch2/catch.hpp>

#include <poppler.h>  // test-only: reads the outline back

#include <string>
#include <utility>
#include <vector>

#include "render/pdf_book.hpp"
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
