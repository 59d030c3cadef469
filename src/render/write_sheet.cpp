#include "render/write_sheet.hpp"

#include <cairo-pdf.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "render/cairo_handles.hpp"
#include "render/draw_items.hpp"
#include "render/pdf_support.hpp"
#include "render/png_encoder.hpp"

namespace ipmap {
namespace {

using render_detail::check_status;
using render_detail::pdf_date;
using render_detail::TempFile;
using render_detail::kPtPerMm;
using render_detail::ContextPtr;
using render_detail::SurfacePtr;


constexpr int kMaxImageSide = 32767;  // cairo image surface limit

void check_page(const Scene& s, const std::string& path) {
    if (!(std::isfinite(s.width_mm) && std::isfinite(s.height_mm) && s.width_mm > 0 &&
          s.height_mm > 0))
        throw OutputError(fmt::format("{}: invalid page size {} x {} mm", path, s.width_mm,
                                      s.height_mm));
}

void write_pdf_pages(const std::vector<const Scene*>& pages, const std::string& path) {
    if (pages.empty()) throw OutputError(path + ": no pages to write");
    for (const Scene* s : pages) check_page(*s, path);

    TempFile tmp(path);
    {
        SurfacePtr surface(cairo_pdf_surface_create(tmp.name().c_str(),
                                                    pages.front()->width_mm * kPtPerMm,
                                                    pages.front()->height_mm * kPtPerMm));
        check_status(cairo_surface_status(surface.get()), path);
        const std::string date = pdf_date();
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "ipmap");
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
        if (!pages.front()->title.empty())
            cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                           pages.front()->title.c_str());

        for (std::size_t i = 0; i < pages.size(); ++i) {
            const Scene& scene = *pages[i];
            if (i > 0)
                cairo_pdf_surface_set_size(surface.get(), scene.width_mm * kPtPerMm,
                                           scene.height_mm * kPtPerMm);
            ContextPtr cr(cairo_create(surface.get()));
            cairo_scale(cr.get(), kPtPerMm, kPtPerMm);
            render_detail::draw_scene(cr.get(), scene);
            cairo_show_page(cr.get());
            check_status(cairo_status(cr.get()), path);
        }
        // Bookmarks: one per titled page of a multi-page document (atlas navigation).
        if (pages.size() > 1) {
            for (std::size_t i = 0; i < pages.size(); ++i) {
                if (pages[i]->title.empty()) continue;
                const std::string link = fmt::format("page={}", i + 1);
                cairo_pdf_surface_add_outline(surface.get(), CAIRO_PDF_OUTLINE_ROOT,
                                              pages[i]->title.c_str(), link.c_str(),
                                              static_cast<cairo_pdf_outline_flags_t>(0));
            }
        }
        cairo_surface_finish(surface.get());
        check_status(cairo_surface_status(surface.get()), path);
    }
    tmp.commit();
}

}  // namespace

void write_pdf(const Scene& scene, const std::string& path) {
    write_pdf_pages({&scene}, path);
}

void write_multipage_pdf(const std::vector<Scene>& pages, const std::string& path) {
    std::vector<const Scene*> ptrs;
    ptrs.reserve(pages.size());
    for (const Scene& s : pages) ptrs.push_back(&s);
    write_pdf_pages(ptrs, path);
}

void write_png(const Scene& scene, const std::string& path, double dpi) {
    check_page(scene, path);
    if (!(std::isfinite(dpi) && dpi > 0))
        throw OutputError(fmt::format("{}: invalid resolution {} dpi", path, dpi));
    const double w = std::round(scene.width_mm / 25.4 * dpi);
    const double h = std::round(scene.height_mm / 25.4 * dpi);
    if (w < 1 || h < 1 || w > kMaxImageSide || h > kMaxImageSide)
        throw OutputError(fmt::format("{}: image of {} x {} pixels is outside 1..{}", path, w, h,
                                      kMaxImageSide));

    // An opaque paper needs no alpha channel: RGB PNGs are smaller.
    const cairo_format_t format = scene.paper.a >= 1 ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32;
    SurfacePtr surface(cairo_image_surface_create(format, static_cast<int>(w), static_cast<int>(h)));
    check_status(cairo_surface_status(surface.get()), path);
    {
        ContextPtr cr(cairo_create(surface.get()));
        // One scale for both axes keeps text and symbols undistorted; rounding the pixel
        // size moves the far page edges by less than a pixel.
        cairo_scale(cr.get(), dpi / 25.4, dpi / 25.4);
        cairo_set_antialias(cr.get(), CAIRO_ANTIALIAS_GRAY);
        render_detail::draw_scene(cr.get(), scene);
        check_status(cairo_status(cr.get()), path);
    }
    cairo_surface_flush(surface.get());

    TempFile tmp(path);
    render_detail::write_png_file(surface.get(), tmp.name(), path, dpi);
    tmp.commit();
}

}  // namespace ipmap
