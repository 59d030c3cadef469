#pragma once
// One PDF from several: the atlas's combined document and `ipmap merge`.
#include <string>
#include <vector>

#include "core/scene.hpp"

namespace ipmap {

struct PdfPart {
    std::string path;   ///< a PDF written by ipmap (or any PDF)
    std::string title;  ///< bookmark text
};

/// Writes `path`: the `front` scenes (e.g. a contents page), then every page of every
/// part in order. Parts are re-drawn through poppler onto a Cairo PDF surface, so the
/// result stays vector with text extractable and fonts embedded as subsets. One bookmark
/// per part. Written to a temporary file and renamed. Throws OutputError naming the file
/// (an unreadable part is named too).
void combine_pdfs(const std::vector<Scene>& front, const std::vector<PdfPart>& parts, const std::string& path,
                  const std::string& title);

}  // namespace ipmap
