#pragma once
// A multi-page PDF assembled from finished pages (qpdf): a sheet's pages are copied from its
// PDF file as they are, streams untouched, so nothing is drawn twice; a page that has no file
// (the contents) is drawn into memory first. Each page keeps its own font subsets.
#include <memory>
#include <string>

#include "core/scene.hpp"

namespace ipmap {

class PdfBook {
public:
    /// Starts `path` (written to a temporary name until finish()). Throws OutputError.
    PdfBook(const std::string& path, const std::string& title);
    ~PdfBook();  ///< without finish(): the temporary file is removed
    PdfBook(const PdfBook&) = delete;
    PdfBook& operator=(const PdfBook&) = delete;

    /// Appends a page; a non-empty bookmark adds an outline entry pointing at it.
    void add_scene(const Scene& scene, const std::string& bookmark = "");
    /// Appends every page of an existing PDF (vector, text kept). Throws OutputError naming it.
    void add_pdf(const std::string& pdf_path, const std::string& bookmark = "");
    /// Pages written so far.
    int pages() const;
    /// Completes the document and renames it into place; with `front_pages` > 0 the last
    /// that many pages, and the bookmarks that point at them, are moved to the front
    /// (contents pages written after the sheets they list). Throws OutputError.
    void finish(int front_pages = 0);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ipmap
