#include "render/combine_pdfs.hpp"

#include "core/errors.hpp"
#include "render/pdf_book.hpp"

namespace ipmap {

void combine_pdfs(const std::vector<Scene>& front, const std::vector<PdfPart>& parts, const std::string& path,
                  const std::string& title) {
    if (front.empty() && parts.empty()) throw OutputError(path + ": nothing to combine");
    PdfBook book(path, title);
    for (const Scene& s : front) book.add_scene(s);
    for (const auto& p : parts) book.add_pdf(p.path, p.title);
    book.finish();
}

}  // namespace ipmap
