#include "render/pdf_book.hpp"

// qpdf 11: the new code is written for std::shared_ptr (no PointerHolder).
#define POINTERHOLDER_TRANSITION 4
#include <cairo-pdf.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <sys/resource.h>

#include <exception>
#include <vector>

#include "render/cairo_handles.hpp"
#include "render/draw_items.hpp"
#include "render/pdf_support.hpp"

namespace ipmap {

namespace {

using render_detail::check_status;
using render_detail::ContextPtr;
using render_detail::kPtPerMm;
using render_detail::SurfacePtr;

/// "2000-01-01T00:00:00Z" (pdf_date) as a PDF date string, "D:20000101000000Z".
std::string pdf_info_date(const std::string& iso) {
    std::string digits;
    for (char c : iso)
        if (c >= '0' && c <= '9') digits += c;
    return "D:" + digits + (iso.empty() || iso.back() != 'Z' ? "" : "Z");
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

/// One scene as a one-page PDF in memory (cairo), for pages that have no file of their own.
std::string scene_pdf(const Scene& scene, const std::string& error_path) {
    std::string bytes;
    {
        SurfacePtr surface(cairo_pdf_surface_create_for_stream(append_to_string, &bytes, scene.width_mm * kPtPerMm,
                                                               scene.height_mm * kPtPerMm));
        check_status(cairo_surface_status(surface.get()), error_path);
        ContextPtr cr(cairo_create(surface.get()));
        cairo_scale(cr.get(), kPtPerMm, kPtPerMm);
        render_detail::draw_scene(cr.get(), scene);
        cairo_show_page(cr.get());
        check_status(cairo_status(cr.get()), error_path);
        cr.reset();
        cairo_surface_finish(surface.get());
        check_status(cairo_surface_status(surface.get()), error_path);
    }
    return bytes;
}

}  // namespace

struct PdfBook::Impl {
    struct Bookmark {
        std::string title;
        QPDFObjectHandle page;
    };
    std::string path;
    std::string title;
    render_detail::TempFile tmp;
    QPDF pdf;
    std::vector<QPDFObjectHandle> pages;  ///< in the order added
    std::vector<Bookmark> bookmarks;      ///< in the order added
    std::size_t open_sources = 0;         ///< sheet PDFs held open until the book is written
    std::size_t open_limit;
    Impl(const std::string& p, const std::string& t) : path(p), title(t), tmp(p), open_limit(max_open_sources()) {
        pdf.emptyPDF();
    }

    /// qpdf copies a page's streams when the book is written, reading them from the source
    /// file, which stays open until then. Half of the process's open-file limit is left to
    /// that; beyond it, streams are copied into memory at once.
    static std::size_t max_open_sources() {
        rlimit rl{};
        if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) return 512;
        return static_cast<std::size_t>(rl.rlim_cur / 2);
    }

    /// Copies every page of `src` (already opened) to the end of the book.
    void append(QPDF& src, const std::string& bookmark, const std::string& src_name) {
        std::vector<QPDFPageObjectHelper> src_pages;
        try {
            src_pages = QPDFPageDocumentHelper(src).getAllPages();
        } catch (const std::exception& e) {
            throw OutputError(src_name + ": cannot read the pages to combine: " + e.what());
        }
        QPDFPageDocumentHelper book(pdf);
        for (std::size_t k = 0; k < src_pages.size(); ++k) {
            QPDFObjectHandle page;
            try {
                page = pdf.copyForeignObject(src_pages[k].getObjectHandle());
            } catch (const std::exception& e) {
                throw OutputError(src_name + ": cannot copy page " + std::to_string(k + 1) + ": " + e.what());
            }
            book.addPage(QPDFPageObjectHelper(page), false);
            pages.push_back(page);
            if (k == 0 && !bookmark.empty()) bookmarks.push_back({bookmark, page});
        }
    }

    /// The outline: one top-level item per bookmark, in `order`, each opening its page whole.
    void write_outline(const std::vector<Bookmark>& order) {
        if (order.empty()) return;
        QPDFObjectHandle outlines = pdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
        outlines.replaceKey("/Type", QPDFObjectHandle::newName("/Outlines"));
        std::vector<QPDFObjectHandle> items;
        for (const Bookmark& b : order) {
            QPDFObjectHandle item = pdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
            item.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(b.title));
            item.replaceKey("/Parent", outlines);
            item.replaceKey("/Dest", QPDFObjectHandle::newArray({b.page, QPDFObjectHandle::newName("/Fit")}));
            items.push_back(item);
        }
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i > 0) items[i].replaceKey("/Prev", items[i - 1]);
            if (i + 1 < items.size()) items[i].replaceKey("/Next", items[i + 1]);
        }
        outlines.replaceKey("/First", items.front());
        outlines.replaceKey("/Last", items.back());
        outlines.replaceKey("/Count", QPDFObjectHandle::newInteger(static_cast<long long>(items.size())));
        pdf.getRoot().replaceKey("/Outlines", outlines);
        pdf.getRoot().replaceKey("/PageMode", QPDFObjectHandle::newName("/UseOutlines"));
    }

    void write_info() {
        const std::string date = pdf_info_date(render_detail::pdf_date());
        QPDFObjectHandle info = pdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
        info.replaceKey("/Creator", QPDFObjectHandle::newUnicodeString("ipmap"));
        info.replaceKey("/CreationDate", QPDFObjectHandle::newString(date));
        info.replaceKey("/ModDate", QPDFObjectHandle::newString(date));
        if (!title.empty()) info.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(title));
        pdf.getTrailer().replaceKey("/Info", info);
    }
};

PdfBook::PdfBook(const std::string& path, const std::string& title) : impl_(std::make_unique<Impl>(path, title)) {}

PdfBook::~PdfBook() = default;

int PdfBook::pages() const { return static_cast<int>(impl_->pages.size()); }

void PdfBook::add_scene(const Scene& scene, const std::string& bookmark) {
    Impl& m = *impl_;
    const std::string bytes = scene_pdf(scene, m.path);
    QPDF src;
    src.setSuppressWarnings(true);
    src.setImmediateCopyFrom(true);  // the buffer goes away after this call
    try {
        src.processMemoryFile(m.path.c_str(), bytes.data(), bytes.size());
    } catch (const std::exception& e) {
        throw OutputError(m.path + ": cannot read back a drawn page: " + e.what());
    }
    m.append(src, bookmark, m.path);
}

void PdfBook::add_pdf(const std::string& pdf_path, const std::string& bookmark) {
    Impl& m = *impl_;
    QPDF src;
    // Streams stay in the file (kept open) until the book is written, so the book holds
    // only the page objects in memory; past the open-file budget they are copied now.
    const bool keep_open = m.open_sources < m.open_limit;
    src.setImmediateCopyFrom(!keep_open);
    src.setSuppressWarnings(true);  // a damaged file is reported by the exception, or repaired
    try {
        src.processFile(pdf_path.c_str());
    } catch (const std::exception& e) {
        throw OutputError(pdf_path + ": cannot read PDF to combine: " + e.what());
    }
    m.append(src, bookmark, pdf_path);
    m.open_sources += keep_open;
}

void PdfBook::finish(int front_pages) {
    Impl& m = *impl_;
    if (m.pages.empty()) throw OutputError(m.path + ": no pages to write");
    const int total = static_cast<int>(m.pages.size());
    if (front_pages < 0 || front_pages >= total) front_pages = 0;
    try {
        std::vector<Impl::Bookmark> order;
        if (front_pages > 0) {
            QPDFPageDocumentHelper doc(m.pdf);
            const std::vector<QPDFObjectHandle> tail(m.pages.end() - front_pages, m.pages.end());
            for (int k = 0; k < front_pages; ++k) {
                QPDFPageObjectHelper page(tail[k]);
                doc.removePage(page);
                if (k == 0) doc.addPage(page, true);
                else doc.addPageAt(page, false, QPDFPageObjectHelper(tail[k - 1]));
            }
            auto in_tail = [&](const QPDFObjectHandle& page) {
                for (const auto& t : tail)
                    if (t.getObjGen() == page.getObjGen()) return true;
                return false;
            };
            for (const auto& b : m.bookmarks)
                if (in_tail(b.page)) order.push_back(b);
            for (const auto& b : m.bookmarks)
                if (!in_tail(b.page)) order.push_back(b);
        } else {
            order = m.bookmarks;
        }
        m.write_outline(order);
        m.write_info();
        QPDFWriter writer(m.pdf, m.tmp.name().c_str());
        writer.setDeterministicID(true);
        writer.write();
    } catch (const OutputError&) {
        throw;
    } catch (const std::exception& e) {
        throw OutputError(m.path + ": cannot write the combined PDF: " + e.what());
    }
    m.tmp.commit();
}

}  // namespace ipmap
