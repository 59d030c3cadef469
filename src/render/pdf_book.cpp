#include "render/pdf_book.hpp"

#include <cairo-pdf.h>
#include <poppler.h>

#include <filesystem>

#include "render/cairo_handles.hpp"
#include "render/draw_items.hpp"
#include "render/pdf_reorder.hpp"
#include "render/pdf_support.hpp"

namespace ipmap {

namespace {

using render_detail::check_status;
using render_detail::ContextPtr;
using render_detail::kPtPerMm;
using render_detail::SurfacePtr;

struct GObjectUnref {
    void operator()(void* p) const { if (p) g_object_unref(p); }
};
using DocumentPtr = std::unique_ptr<PopplerDocument, GObjectUnref>;
using PagePtr = std::unique_ptr<PopplerPage, GObjectUnref>;

DocumentPtr open_pdf(const std::string& path) {
    std::error_code ec;
    std::string abs = std::filesystem::absolute(path, ec).string();
    GError* err = nullptr;
    gchar* uri = g_filename_to_uri(abs.c_str(), nullptr, &err);
    if (!uri) {
        std::string msg = err ? err->message : "bad path";
        if (err) g_error_free(err);
        throw OutputError(path + ": " + msg);
    }
    PopplerDocument* doc = poppler_document_new_from_file(uri, nullptr, &err);
    g_free(uri);
    if (!doc) {
        std::string msg = err ? err->message : "cannot open";
        if (err) g_error_free(err);
        throw OutputError(path + ": cannot read PDF to combine: " + msg);
    }
    return DocumentPtr(doc);
}

}  // namespace

struct PdfBook::Impl {
    std::string path;
    render_detail::TempFile tmp;
    SurfacePtr surface;
    int pages = 0;
    std::vector<int> bookmark_pages;  ///< page (1-based) of each top-level bookmark
    bool finished = false;
    explicit Impl(const std::string& p) : path(p), tmp(p) {}

    void bookmark(const std::string& text) {
        if (text.empty()) return;
        bookmark_pages.push_back(pages + 1);
        std::string link = "page=" + std::to_string(pages + 1);
        cairo_pdf_surface_add_outline(surface.get(), CAIRO_PDF_OUTLINE_ROOT, text.c_str(), link.c_str(),
                                      static_cast<cairo_pdf_outline_flags_t>(0));
    }
};

PdfBook::PdfBook(const std::string& path, const std::string& title) : impl_(std::make_unique<Impl>(path)) {
    impl_->surface.reset(cairo_pdf_surface_create(impl_->tmp.name().c_str(), 595, 842));
    check_status(cairo_surface_status(impl_->surface.get()), path);
    const std::string date = render_detail::pdf_date();
    cairo_surface_t* s = impl_->surface.get();
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "ipmap");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
    if (!title.empty()) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title.c_str());
}

PdfBook::~PdfBook() = default;

int PdfBook::pages() const { return impl_->pages; }

void PdfBook::add_scene(const Scene& scene, const std::string& bookmark) {
    Impl& m = *impl_;
    m.bookmark(bookmark);
    cairo_pdf_surface_set_size(m.surface.get(), scene.width_mm * kPtPerMm, scene.height_mm * kPtPerMm);
    ContextPtr cr(cairo_create(m.surface.get()));
    cairo_scale(cr.get(), kPtPerMm, kPtPerMm);
    render_detail::draw_scene(cr.get(), scene);
    cairo_show_page(cr.get());
    check_status(cairo_status(cr.get()), m.path);
    ++m.pages;
}

void PdfBook::add_pdf(const std::string& pdf_path, const std::string& bookmark) {
    Impl& m = *impl_;
    DocumentPtr doc = open_pdf(pdf_path);
    int n = poppler_document_get_n_pages(doc.get());
    if (n > 0) m.bookmark(bookmark);
    for (int k = 0; k < n; ++k) {
        PagePtr page(poppler_document_get_page(doc.get(), k));
        if (!page) throw OutputError(pdf_path + ": cannot read page " + std::to_string(k + 1));
        double w = 0, h = 0;
        poppler_page_get_size(page.get(), &w, &h);
        cairo_pdf_surface_set_size(m.surface.get(), w, h);
        ContextPtr cr(cairo_create(m.surface.get()));
        poppler_page_render_for_printing(page.get(), cr.get());
        cairo_show_page(cr.get());
        check_status(cairo_status(cr.get()), m.path);
        ++m.pages;
    }
}

void PdfBook::finish(int front_pages) {
    Impl& m = *impl_;
    if (m.pages == 0) throw OutputError(m.path + ": no pages to write");
    cairo_surface_finish(m.surface.get());
    check_status(cairo_surface_status(m.surface.get()), m.path);
    m.surface.reset();
    if (front_pages > 0 && front_pages < m.pages) {
        int bookmarks = 0;
        for (int p : m.bookmark_pages) bookmarks += p > m.pages - front_pages;
        render_detail::TempFile reordered(m.path, "reordered");
        move_tail_to_front(m.tmp.name(), reordered.name(), front_pages, bookmarks);
        reordered.commit();
    } else {
        m.tmp.commit();
    }
    m.finished = true;
}

}  // namespace ipmap
