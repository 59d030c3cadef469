#pragma once
// Draws a Scene to PDF (vector, fonts embedded as subsets) or PNG with Cairo/Pango.
#include <string>

#include "core/scene.hpp"

namespace ipmap {

/// Writes a one-page PDF. Throws OutputError naming the path on failure.
/// The file is written to a temporary name and renamed into place.
void write_pdf(const Scene& scene, const std::string& path);

/// Writes a PNG at `dpi` (A3 landscape at 300 dpi is 4961x3508 pixels).
void write_png(const Scene& scene, const std::string& path, double dpi);

/// Appends scenes as pages of one PDF (atlas combined output).
void write_multipage_pdf(const std::vector<Scene>& pages, const std::string& path);

}  // namespace ipmap
