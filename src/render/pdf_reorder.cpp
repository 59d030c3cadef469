#include "render/pdf_reorder.hpp"

// qpdf 11: the new code is written for std::shared_ptr (no PointerHolder).
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>
#include <stdexcept>
#include <vector>

#include "core/errors.hpp"

namespace ipmap {

namespace {

/// Moves the last `n` items of the outline's top level to its front (relinking /First,
/// /Last, /Prev, /Next).
void rotate_outline(QPDF& pdf, int n) {
    QPDFObjectHandle outlines = pdf.getRoot().getKey("/Outlines");
    if (n <= 0 || !outlines.isDictionary()) return;
    std::vector<QPDFObjectHandle> items;
    for (QPDFObjectHandle it = outlines.getKey("/First"); it.isDictionary(); it = it.getKey("/Next")) {
        items.push_back(it);
        if (items.size() > 1000000) throw std::runtime_error("outline does not end");
    }
    if (n >= static_cast<int>(items.size())) return;
    std::vector<QPDFObjectHandle> order(items.end() - n, items.end());
    order.insert(order.end(), items.begin(), items.end() - n);
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (i == 0) order[i].removeKey("/Prev");
        else order[i].replaceKey("/Prev", order[i - 1]);
        if (i + 1 == order.size()) order[i].removeKey("/Next");
        else order[i].replaceKey("/Next", order[i + 1]);
    }
    outlines.replaceKey("/First", order.front());
    outlines.replaceKey("/Last", order.back());
}

}  // namespace

void move_tail_to_front(const std::string& in, const std::string& out, int pages, int bookmarks) {
    QPDF pdf;
    try {
        pdf.processFile(in.c_str());
    } catch (const std::exception& e) {
        throw OutputError(in + ": cannot read the PDF to reorder its pages: " + e.what());
    }
    try {
        QPDFPageDocumentHelper doc(pdf);
        std::vector<QPDFPageObjectHelper> all = doc.getAllPages();
        const int total = static_cast<int>(all.size());
        if (pages > 0 && pages < total) {
            for (int k = 0; k < pages; ++k) {
                QPDFPageObjectHelper page = all[total - pages + k];
                doc.removePage(page);
                if (k == 0) doc.addPage(page, true);
                else doc.addPageAt(page, false, all[total - pages + k - 1]);
            }
        }
        rotate_outline(pdf, bookmarks);
        QPDFWriter writer(pdf, out.c_str());
        writer.setDeterministicID(true);
        writer.write();
    } catch (const OutputError&) {
        throw;
    } catch (const std::exception& e) {
        throw OutputError(out + ": cannot write the reordered PDF: " + e.what());
    }
}

}  // namespace ipmap
