#pragma once
// Private to render/: PNG encoding of a Cairo image surface with libpng, at a fast
// compression level. cairo_surface_write_to_png uses zlib's default level, which made PNG
// encoding the largest single cost of an atlas (about 40% of a sheet's time).
// ISA-L's igzip deflates about 3x as fast, but was taken out again: inside ipmap's
// multi-threaded process it now and then chose different matches for the same pixels, so
// the same sheet did not always give the same PNG bytes (bench/atlas/README.md).
#include <cairo.h>

#include <string>

namespace ipmap::render_detail {

/// Writes `surface` (CAIRO_FORMAT_RGB24 or ARGB32) to `file_path` as 8-bit RGB or RGBA,
/// with pHYs set to `dpi`. Deterministic. Throws OutputError naming `error_path`.
void write_png_file(cairo_surface_t* surface, const std::string& file_path, const std::string& error_path, double dpi);

}  // namespace ipmap::render_detail
