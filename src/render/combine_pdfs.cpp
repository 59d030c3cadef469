#include "render/combine_pdfs.hpp"

#include <cairo-pdf.h>
#include <poppler.h>

#include <filesystem>
#include <memory>

#include "render/cairo_handles.hpp"
#include "render/draw_items.hpp"
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

void combine_pdfs(const std::vector<Scene>& front, const std::vector<PdfPart>& parts, const std::string& path,
                  const std::string& title) {
    if (front.empty() && parts.empty()) throw OutputError(path + ": nothing to combine");
    // Open every part first: a missing one fails before anything is written.
    std::vector<DocumentPtr> docs;
    for (const auto& p : parts) docs.push_back(open_pdf(p.path));

    render_detail::TempFile tmp(path);
    {
        SurfacePtr surface(cairo_pdf_surface_create(tmp.name().c_str(), 595, 842));
        check_status(cairo_surface_status(surface.get()), path);
        const std::string date = render_detail::pdf_date();
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "ipmap");
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
        if (!title.empty()) cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());

        int page_no = 0;
        for (const Scene& s : front) {
            cairo_pdf_surface_set_size(surface.get(), s.width_mm * kPtPerMm, s.height_mm * kPtPerMm);
            ContextPtr cr(cairo_create(surface.get()));
            cairo_scale(cr.get(), kPtPerMm, kPtPerMm);
            render_detail::draw_scene(cr.get(), s);
            cairo_show_page(cr.get());
            check_status(cairo_status(cr.get()), path);
            ++page_no;
        }
        for (std::size_t i = 0; i < docs.size(); ++i) {
            int n = poppler_document_get_n_pages(docs[i].get());
            if (!parts[i].title.empty() && n > 0) {
                std::string link = "page=" + std::to_string(page_no + 1);
                cairo_pdf_surface_add_outline(surface.get(), CAIRO_PDF_OUTLINE_ROOT, parts[i].title.c_str(),
                                              link.c_str(), static_cast<cairo_pdf_outline_flags_t>(0));
            }
            for (int k = 0; k < n; ++k) {
                PagePtr page(poppler_document_get_page(docs[i].get(), k));
                if (!page) throw OutputError(parts[i].path + ": cannot read page " + std::to_string(k + 1));
                double w = 0, h = 0;
                poppler_page_get_size(page.get(), &w, &h);
                cairo_pdf_surface_set_size(surface.get(), w, h);
                ContextPtr cr(cairo_create(surface.get()));
                // Printing mode keeps the page as the document prints it (no annotations UI).
                poppler_page_render_for_printing(page.get(), cr.get());
                cairo_show_page(cr.get());
                check_status(cairo_status(cr.get()), path);
                ++page_no;
            }
        }
        cairo_surface_finish(surface.get());
        check_status(cairo_surface_status(surface.get()), path);
    }
    tmp.commit();
}

}  // namespace ipmap
